using System.Collections.Immutable;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using EksPlatform.Compliance;
using EksPlatform.Identity;
using EksPlatform.Nodes;
using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>
/// Karpenter 1.14.1 (OCI chart <c>oci://public.ecr.aws/karpenter/karpenter</c>; docs/karpenter.md §2, docs/versions.md §2), the
/// node autoscaler when <c>autoscaling.mode</c> is <c>karpenter</c>. Its role is the controller policy Karpenter publishes
/// for the version (docs/karpenter.md §3), reached through EKS Pod Identity by default; its values, <c>EC2NodeClass</c> and
/// <c>NodePool</c> are rendered from settings and stack outputs. The node role, access entry, interruption queue and rules
/// are in <see cref="Karpenter.PlatformKarpenter"/>.
/// </summary>
public sealed class KarpenterController : Controller
{
    /// <summary>The pinned Karpenter release (chart and app).</summary>
    public const string Version = "1.14.1";

    /// <summary>The OCI registry path of Karpenter's charts.</summary>
    public const string Registry = "oci://public.ecr.aws/karpenter";

    /// <summary>The tag Karpenter's selectors find the node subnets and security group by (docs/karpenter.md §5).</summary>
    public const string DiscoveryTagKey = "karpenter.sh/discovery";

    /// <summary>The name of the one <c>EC2NodeClass</c> and <c>NodePool</c> the platform renders.</summary>
    public const string NodePoolName = "default";

    /// <summary>The label every node of the pool carries, beside the managed groups' <c>eksplatform.io/node-group</c>.</summary>
    public const string NodePoolLabel = "eksplatform.io/node-pool";

    /// <summary>
    /// Kubernetes minor versions Karpenter 1.14 supports, from its compatibility matrix (docs/karpenter.md §2): 1.30 from
    /// 0.37, …, 1.35 from 1.9, 1.36 from 1.13.
    /// </summary>
    public static readonly ImmutableArray<string> SupportedKubernetesVersions = ["1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"];

    /// <summary>
    /// Tag keys an <c>EC2NodeClass</c> refuses in <c>spec.tags</c> (karpenter.k8s.aws_ec2nodeclasses.yaml at v1.14.1): exact keys,
    /// and <c>kubernetes.io/cluster</c> as a prefix.
    /// </summary>
    public static readonly ImmutableArray<string> RestrictedNodeClassTags =
        ["eks:eks-cluster-name", "karpenter.sh/nodepool", "karpenter.sh/nodeclaim", "karpenter.k8s.aws/ec2nodeclass"];

    private static readonly string[] s_createActions = ["RunInstances", "CreateFleet", "CreateLaunchTemplate"];
    private static readonly string[] s_nodeClaimTagKeys = ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"];
    // Both spellings, as published: EC2's service principal is ec2.amazonaws.com.cn in the China regions.
    private static readonly string[] s_ec2Principals = ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"];
    private static readonly string[] s_regionalReads =
    [
        "ec2:DescribeCapacityReservations", "ec2:DescribeImages", "ec2:DescribeInstances", "ec2:DescribeInstanceStatus",
        "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplates", "ec2:DescribePlacementGroups",
        "ec2:DescribeSecurityGroups", "ec2:DescribeSpotPriceHistory", "ec2:DescribeSubnets",
    ];
    private static readonly string[] s_anyAccountEc2Types =
    [
        "security-group", "subnet", "capacity-reservation", "placement-group", "fleet", "instance", "volume", "network-interface",
        "launch-template", "spot-instances-request",
    ];

    /// <summary>Auto Mode runs its own Karpenter-based autoscaling; Karpenter must not be installed beside it (docs/auto-mode.md §4, §9).</summary>
    public override bool ReplacedByAutoMode => true;

    /// <inheritdoc/>
    public override string Name => "karpenter";

    /// <inheritdoc/>
    public override string ConstructId => "Karpenter";

    /// <summary>The namespace and account of Karpenter's getting-started guide (<c>KARPENTER_NAMESPACE=kube-system</c>).</summary>
    public override ServiceAccountRef ServiceAccount { get; } = new("kube-system", "karpenter");

    /// <inheritdoc/>
    public override HelmChart Chart { get; } = HelmChart.Oci(Registry, "karpenter", Version, "karpenter");

    /// <summary>The chart of Karpenter's CRDs, which Helm upgrades (the CRDs inside the main chart are installed once, never upgraded).</summary>
    public static HelmChart CrdChart { get; } = HelmChart.Oci(Registry, "karpenter-crd", Version, "karpenter-crd");

    /// <inheritdoc/>
    public override string IdentityKey => ControllerSettings.KarpenterKey;

    /// <summary>EKS Pod Identity, as Karpenter's own getting-started guide sets it up (docs/karpenter.md §9).</summary>
    public override ControllerIdentity DefaultIdentity => ControllerIdentity.PodIdentity;

    /// <summary>On when <c>autoscaling.mode</c> is <c>karpenter</c>; it has no switch of its own.</summary>
    public override bool IsEnabled(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.NodeAutoscaler == NodeAutoscaler.Karpenter && !settings.AutoMode;
    }

    /// <inheritdoc/>
    public override string RoleDescription(ControllerContext context) =>
        $"Karpenter {Version} of {context.Cluster.Name}: launches and terminates only nodes tagged for this cluster";

    /// <summary>
    /// The node-lifecycle half of the controller policy of Karpenter's getting-started CloudFormation template for v1.14.1
    /// (its <c>NodeLifecyclePolicy</c>; docs/karpenter.md §3 lists every statement with what it allows): it launches, tags and
    /// terminates only resources tagged <c>kubernetes.io/cluster/&lt;cluster&gt;: owned</c> with a <c>karpenter.sh/nodepool</c>.
    /// The other half is <see cref="AdditionalPolicies"/>: the whole policy passes IAM's size limit of one managed policy
    /// (docs/security-facts.md §7), which is why Karpenter publishes it as six. ARNs come from <see cref="Stack.FormatArn"/>,
    /// so they carry the stack's partition; the cluster name is known at synth time, so condition keys holding it are text.
    /// </summary>
    public override IReadOnlyList<PolicyStatement> Statements(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stack = context.Stack;
        var cluster = context.Cluster.Name;
        string Ec2(string resource, string account) =>
            stack.FormatArn(new ArnComponents { Service = "ec2", Account = account, Resource = resource, ResourceName = "*" });
        string[] launched = [Ec2("fleet", "*"), Ec2("instance", "*"), Ec2("volume", "*"), Ec2("network-interface", "*"),
            Ec2("launch-template", "*"), Ec2("spot-instances-request", "*")];
        var owned = $"aws:ResourceTag/kubernetes.io/cluster/{cluster}";
        var requestOwned = $"aws:RequestTag/kubernetes.io/cluster/{cluster}";
        return
        [
            Statement("AllowScopedEC2InstanceAccessActions", ["ec2:RunInstances", "ec2:CreateFleet"],
                [Ec2("image", ""), Ec2("snapshot", ""), Ec2("security-group", "*"), Ec2("subnet", "*"), Ec2("capacity-reservation", "*"),
                    Ec2("placement-group", "*")]),
            Statement("AllowScopedEC2LaunchTemplateAccessActions", ["ec2:RunInstances", "ec2:CreateFleet"], [Ec2("launch-template", "*")], new()
            {
                ["StringEquals"] = Of((owned, "owned")),
                ["StringLike"] = Of(("aws:ResourceTag/karpenter.sh/nodepool", "*")),
            }),
            Statement("AllowScopedEC2InstanceActionsWithTags", ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"], launched, new()
            {
                ["StringEquals"] = Of((requestOwned, "owned"), ("aws:RequestTag/eks:eks-cluster-name", cluster)),
                ["StringLike"] = Of(("aws:RequestTag/karpenter.sh/nodepool", "*")),
            }),
            Statement("AllowScopedResourceCreationTagging", ["ec2:CreateTags"], launched, new()
            {
                ["StringEquals"] = Of((requestOwned, "owned"), ("aws:RequestTag/eks:eks-cluster-name", cluster), ("ec2:CreateAction", s_createActions)),
                ["StringLike"] = Of(("aws:RequestTag/karpenter.sh/nodepool", "*")),
            }),
            Statement("AllowScopedResourceTagging", ["ec2:CreateTags"], [Ec2("instance", "*")], new()
            {
                ["StringEquals"] = Of((owned, "owned")),
                ["StringLike"] = Of(("aws:ResourceTag/karpenter.sh/nodepool", "*")),
                ["StringEqualsIfExists"] = Of(("aws:RequestTag/eks:eks-cluster-name", cluster)),
                ["ForAllValues:StringEquals"] = Of(("aws:TagKeys", s_nodeClaimTagKeys)),
            }),
            Statement("AllowScopedDeletion", ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"], [Ec2("instance", "*"), Ec2("launch-template", "*")],
                new()
                {
                    ["StringEquals"] = Of((owned, "owned")),
                    ["StringLike"] = Of(("aws:ResourceTag/karpenter.sh/nodepool", "*")),
                }),
        ];
    }

    /// <summary>
    /// The rest of the published policy, as one more managed policy (its IAM-integration, EKS-integration, interruption,
    /// zonal-shift and resource-discovery policies): manages instance profiles only with this cluster's and region's tags,
    /// passes only the Karpenter node role and only to EC2, reads this cluster and only this interruption queue, and reads
    /// EC2 only in this region.
    /// </summary>
    public override IReadOnlyList<IReadOnlyList<PolicyStatement>> AdditionalPolicies(ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var karpenter = context.Karpenter ?? throw new ArgumentException(
            "Karpenter's role needs its node role and interruption queue (ControllerContext.Karpenter)", nameof(context));
        var stack = context.Stack;
        var cluster = context.Cluster.Name;
        var region = stack.Region;
        var instanceProfiles = stack.FormatArn(new ArnComponents { Service = "iam", Region = "", Resource = "instance-profile", ResourceName = "*" });
        var owned = $"aws:ResourceTag/kubernetes.io/cluster/{cluster}";
        var requestOwned = $"aws:RequestTag/kubernetes.io/cluster/{cluster}";
        return
        [
            [
                Statement("AllowPassingInstanceRole", ["iam:PassRole"], [karpenter.NodeRole.RoleArn], new()
                {
                    ["StringEquals"] = Of(("iam:PassedToService", s_ec2Principals)),
                }),
                Statement("AllowScopedInstanceProfileCreationActions", ["iam:CreateInstanceProfile"], [instanceProfiles], new()
                {
                    ["StringEquals"] = Of((requestOwned, "owned"), ("aws:RequestTag/eks:eks-cluster-name", cluster),
                        ("aws:RequestTag/topology.kubernetes.io/region", region)),
                    ["StringLike"] = Of(("aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", "*")),
                }),
                Statement("AllowScopedInstanceProfileTagActions", ["iam:TagInstanceProfile"], [instanceProfiles], new()
                {
                    ["StringEquals"] = Of((owned, "owned"), ("aws:ResourceTag/topology.kubernetes.io/region", region), (requestOwned, "owned"),
                        ("aws:RequestTag/eks:eks-cluster-name", cluster), ("aws:RequestTag/topology.kubernetes.io/region", region)),
                    ["StringLike"] = Of(("aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", "*"), ("aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", "*")),
                }),
                Statement("AllowScopedInstanceProfileActions",
                    ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"], [instanceProfiles], new()
                    {
                        ["StringEquals"] = Of((owned, "owned"), ("aws:ResourceTag/topology.kubernetes.io/region", region)),
                        ["StringLike"] = Of(("aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", "*")),
                    }),
                Statement("AllowAPIServerEndpointDiscovery", ["eks:DescribeCluster"], [context.Cluster.ClusterArn]),
                Statement("AllowInterruptionQueueActions", ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"], [karpenter.InterruptionQueueArn]),
                Statement("AllowZonalShiftStatusReadOnly", ["arc-zonal-shift:GetManagedResource"], ["*"], new()
                {
                    ["StringEquals"] = Of(("arc-zonal-shift:ResourceIdentifier", context.Cluster.ClusterArn)),
                }),
                Statement("AllowRegionalReadActions", s_regionalReads, ["*"], new() { ["StringEquals"] = Of(("aws:RequestedRegion", region)) }),
                Statement("AllowSSMReadActions", ["ssm:GetParameter"],
                    [stack.FormatArn(new ArnComponents { Service = "ssm", Account = "", Resource = "parameter", ResourceName = "aws/service/*" })]),
                Statement("AllowPricingReadActions", ["pricing:GetProducts"], ["*"]),
                Statement("AllowUnscopedInstanceProfileListAction", ["iam:ListInstanceProfiles"], ["*"]),
                Statement("AllowInstanceProfileReadActions", ["iam:GetInstanceProfile"], [instanceProfiles]),
            ],
        ];
    }

    /// <summary>
    /// The published policy's wildcards, each accepted for its reason: Karpenter names instances, volumes, launch templates,
    /// fleets and instance profiles at run time, and the tag conditions tie each write to this cluster (docs/karpenter.md §3).
    /// </summary>
    public override void Suppress(IControllerRole role, ControllerContext context)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(context);
        const string partition = "arn:<AWS::Partition>";
        var region = context.Stack.Region;
        string[] lifecycle =
        [
            $"Resource::{partition}:ec2:{region}::image/*",
            $"Resource::{partition}:ec2:{region}::snapshot/*",
            .. s_anyAccountEc2Types.Select(type => $"Resource::{partition}:ec2:{region}:*:{type}/*"),
        ];
        NagSuppressions.Add(role.Permissions!, "AwsSolutions-IAM5",
            $"Karpenter {Version}'s published node-lifecycle policy: it names instances, volumes, launch templates, fleets and network " +
            "interfaces at run time; every write is conditioned on this cluster's kubernetes.io/cluster tag and a karpenter.sh/nodepool tag",
            lifecycle);
        NagSuppressions.Add(role.AdditionalPermissions.Single(), "AwsSolutions-IAM5",
            $"Karpenter {Version}'s published integration policies: instance profiles it names at run time only with this cluster's and " +
            "region's tags; Describe, pricing and ListInstanceProfiles have no resource-level permissions (regional reads limited to this " +
            "region, the zonal-shift read to this cluster); SSM reads only AWS public parameters",
            "Resource::*",
            $"Resource::{partition}:iam::<AWS::AccountId>:instance-profile/*",
            $"Resource::{partition}:ssm:{region}::parameter/aws/service/*");
    }

    /// <summary>
    /// The chart's settings (docs/karpenter.md §8): the cluster's name and endpoint and the interruption queue from the stack,
    /// the region in <c>AWS_REGION</c> (pods cannot reach instance metadata at hop limit 1, where Karpenter would otherwise
    /// look it up), zonal shift as the cluster has it, and the controller resources of the getting-started guide.
    /// </summary>
    public override IReadOnlyDictionary<string, object> ChartValues(ChartValuesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        return new Dictionary<string, object>
        {
            ["settings"] = new Dictionary<string, object>
            {
                ["clusterName"] = settings.Cluster.Name,
                ["clusterEndpoint"] = context.Output(StackOutputKeys.ClusterEndpoint, "CLUSTER ENDPOINT"),
                ["interruptionQueue"] = context.Output(StackOutputKeys.KarpenterInterruptionQueueName, "INTERRUPTION QUEUE NAME"),
                ["enableZonalShift"] = settings.Cluster.ZonalShift,
            },
            ["serviceAccount"] = ServiceAccountValues(context.RoleArn),
            ["controller"] = new Dictionary<string, object>
            {
                ["env"] = new object[]
                {
                    new Dictionary<string, object> { ["name"] = "AWS_REGION", ["value"] = settings.Region.Name },
                    // Regional STS (the interface endpoint in the VPC) when the role is reached through IRSA.
                    new Dictionary<string, object> { ["name"] = "AWS_STS_REGIONAL_ENDPOINTS", ["value"] = "regional" },
                },
                ["resources"] = new Dictionary<string, object>
                {
                    ["requests"] = new Dictionary<string, object> { ["cpu"] = "1", ["memory"] = "1Gi" },
                    ["limits"] = new Dictionary<string, object> { ["cpu"] = "1", ["memory"] = "1Gi" },
                },
            },
        };
    }

    /// <summary>The <c>EC2NodeClass</c> and the <c>NodePool</c>, applied after the chart installed their CRDs.</summary>
    public override IReadOnlyList<KubernetesManifest> Manifests(ChartValuesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return
        [
            new("ec2nodeclass", $"Karpenter EC2NodeClass '{NodePoolName}': Bottlerocket, encrypted gp3 volumes with the platform's EBS key, " +
                "IMDSv2 with hop limit 1, the platform's hardening user data (docs/karpenter.md §6).", NodeClass(context)),
            new("nodepool", $"Karpenter NodePool '{NodePoolName}': instance requirements, limits and disruption from " +
                "autoscaling.karpenter.nodePool (docs/karpenter.md §7).", NodePool(context.Settings)),
        ];
    }

    /// <inheritdoc/>
    public override string InstallNote(PlatformSettings settings) =>
        $"# karpenter: its CRDs come from the separate karpenter-crd chart, which Helm upgrades with each version (the CRDs inside the\n" +
        "# karpenter chart are installed once and never upgraded; Karpenter's upgrade guide, \"CRD Upgrades\"). If a pull from public.ecr.aws\n" +
        "# fails with 403, stale registry credentials are in the way: helm registry logout public.ecr.aws\n" +
        $"helm upgrade --install {CrdChart.ReleaseName} {CrdChart.Reference} --version {CrdChart.Version} " +
        $"--namespace {ServiceAccount.Namespace} --create-namespace --wait --timeout {Installer.InstallScript.HelmTimeout}\n";

    /// <summary>
    /// The node class. Its subnets and security group are found by the discovery tag the stack puts on the private subnets and
    /// the node security group; the cluster security group (EKS's, which it does not tag for Karpenter) by its id.
    /// </summary>
    internal static Dictionary<string, object> NodeClass(ChartValuesContext context)
    {
        var settings = context.Settings;
        var nodeClass = settings.Karpenter.NodeClass;
        var discovery = new Dictionary<string, object> { [DiscoveryTagKey] = settings.Cluster.Name };
        var kmsKey = context.Output(StackOutputKeys.EbsKeyArn, "EBS KEY ARN");
        Dictionary<string, object> Volume(string device, int sizeGiB) => new()
        {
            ["deviceName"] = device,
            ["ebs"] = new Dictionary<string, object>
            {
                ["volumeSize"] = $"{sizeGiB}Gi",
                ["volumeType"] = "gp3",
                ["encrypted"] = true,
                ["kmsKeyID"] = kmsKey,
                ["deleteOnTermination"] = true,
            },
        };
        return new Dictionary<string, object>
        {
            ["apiVersion"] = "karpenter.k8s.aws/v1",
            ["kind"] = "EC2NodeClass",
            ["metadata"] = new Dictionary<string, object> { ["name"] = NodePoolName },
            ["spec"] = new Dictionary<string, object>
            {
                // Karpenter creates and tags the instance profile of this role itself (docs/karpenter.md §4).
                ["role"] = context.Output(StackOutputKeys.KarpenterNodeRoleName, "KARPENTER NODE ROLE NAME"),
                ["amiSelectorTerms"] = new object[] { new Dictionary<string, object> { ["alias"] = nodeClass.AmiAlias } },
                ["subnetSelectorTerms"] = new object[] { new Dictionary<string, object> { ["tags"] = discovery } },
                ["securityGroupSelectorTerms"] = new object[]
                {
                    new Dictionary<string, object> { ["tags"] = discovery },
                    new Dictionary<string, object> { ["id"] = context.Output(StackOutputKeys.ClusterSecurityGroupId, "CLUSTER SECURITY GROUP ID") },
                },
                ["metadataOptions"] = new Dictionary<string, object>
                {
                    ["httpEndpoint"] = "enabled",
                    ["httpProtocolIPv6"] = "disabled",
                    ["httpPutResponseHopLimit"] = 1,
                    ["httpTokens"] = "required",
                },
                ["blockDeviceMappings"] = new object[] { Volume("/dev/xvda", nodeClass.OsVolumeGiB), Volume("/dev/xvdb", nodeClass.DataVolumeGiB) },
                ["userData"] = BottlerocketUserData.Hardening(nodeClass.ControlContainer, nodeClass.ExtraSettings),
                ["tags"] = InstanceTags(settings),
            },
        };
    }

    /// <summary>The node pool: its requirements, limits and disruption settings, all from settings.</summary>
    internal static Dictionary<string, object> NodePool(PlatformSettings settings)
    {
        var pool = settings.Karpenter.NodePool;
        Dictionary<string, object> In(string key, IEnumerable<string> values) => new()
        {
            ["key"] = key,
            ["operator"] = "In",
            ["values"] = values.ToArray(),
        };
        var requirements = new List<object> { In("karpenter.k8s.aws/instance-category", pool.InstanceCategories) };
        if (!pool.InstanceFamilies.IsDefaultOrEmpty)
        {
            requirements.Add(In("karpenter.k8s.aws/instance-family", pool.InstanceFamilies));
        }

        requirements.Add(In("kubernetes.io/arch", pool.Architectures));
        requirements.Add(In("kubernetes.io/os", ["linux"]));
        requirements.Add(In("karpenter.sh/capacity-type", pool.CapacityTypes));
        var limits = new Dictionary<string, object> { ["cpu"] = pool.CpuLimit };
        if (pool.MemoryLimitGiB is { } memory)
        {
            limits["memory"] = $"{memory}Gi";
        }

        return new Dictionary<string, object>
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodePool",
            ["metadata"] = new Dictionary<string, object> { ["name"] = NodePoolName },
            ["spec"] = new Dictionary<string, object>
            {
                ["template"] = new Dictionary<string, object>
                {
                    ["metadata"] = new Dictionary<string, object> { ["labels"] = new Dictionary<string, object> { [NodePoolLabel] = NodePoolName } },
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["nodeClassRef"] = new Dictionary<string, object>
                        {
                            ["group"] = "karpenter.k8s.aws",
                            ["kind"] = "EC2NodeClass",
                            ["name"] = NodePoolName,
                        },
                        ["requirements"] = requirements,
                        ["expireAfter"] = pool.ExpireAfter,
                    },
                },
                ["limits"] = limits,
                ["disruption"] = new Dictionary<string, object>
                {
                    ["consolidationPolicy"] = pool.ConsolidationPolicy,
                    ["consolidateAfter"] = pool.ConsolidateAfter,
                    ["budgets"] = pool.Budgets.Select(Budget).ToArray(),
                },
            },
        };
    }

    private static Dictionary<string, object> Budget(DisruptionBudget budget)
    {
        var result = new Dictionary<string, object> { ["nodes"] = budget.Nodes };
        if (budget.Schedule is not null)
        {
            result["schedule"] = budget.Schedule;
        }

        if (budget.Duration is not null)
        {
            result["duration"] = budget.Duration;
        }

        if (!budget.Reasons.IsDefaultOrEmpty)
        {
            result["reasons"] = budget.Reasons.ToArray();
        }

        return result;
    }

    /// <summary>The tags the managed groups' launch templates put on instances and volumes, for Karpenter's instances too.</summary>
    private static Dictionary<string, object> InstanceTags(PlatformSettings settings)
    {
        var tags = settings.Tags.ToDictionary(t => t.Key, t => (object)t.Value);
        tags["Environment"] = settings.Environment;
        tags["ManagedBy"] = "EksPlatform";
        return tags;
    }

    private static Dictionary<string, object> Of(params (string Key, object Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    private static PolicyStatement Statement(string sid, string[] actions, string[] resources, Dictionary<string, object>? conditions = null) =>
        new(new PolicyStatementProps { Sid = sid, Actions = actions, Resources = resources, Conditions = conditions });
}
