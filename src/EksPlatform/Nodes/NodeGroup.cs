using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Settings;

namespace EksPlatform.Nodes;

/// <summary>Inputs of <see cref="NodeGroup"/>.</summary>
/// <param name="Settings">The group's settings.</param>
/// <param name="Cluster">The cluster the nodes join.</param>
/// <param name="KubernetesVersion">The cluster's Kubernetes version (managed mode pins the nodes to it).</param>
/// <param name="Subnets">Private subnets for the nodes.</param>
/// <param name="Role">The node IAM role.</param>
/// <param name="SecurityGroup">The node security group (the cluster security group is added beside it).</param>
/// <param name="EbsKey">Encrypts both Bottlerocket volumes.</param>
/// <param name="AmiId">Custom mode: the AMI id (an SSM-typed CloudFormation parameter); null in managed mode.</param>
/// <param name="InstanceTags">Tags for the instances and volumes the launch template creates.</param>
public sealed record NodeGroupProps(
    NodeGroupSettings Settings,
    IEksCluster Cluster,
    string KubernetesVersion,
    IEnumerable<ISubnet> Subnets,
    IRole Role,
    ISecurityGroup SecurityGroup,
    IKey EbsKey,
    string? AmiId,
    IReadOnlyDictionary<string, string> InstanceTags);

/// <summary>
/// One EKS managed node group on its own launch template: Bottlerocket, both volumes encrypted gp3 with the
/// platform key, IMDSv2 required, no SSH, TOML user data. The node group name is left to CloudFormation so a
/// replacement (new instance types, capacity type, AMI mode) can create the new group before deleting the old.
/// </summary>
public sealed class NodeGroup : Construct
{
    private static readonly string[] s_taggedResources = ["instance", "volume"];

    /// <summary>Creates the launch template and the node group.</summary>
    public NodeGroup(Construct scope, string id, NodeGroupProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;
        // The same rules the settings loader reports, so a group built in code cannot skip them.
        PropsCheck.ThrowIfAny(settings.Problems(), nameof(props.Settings), $"node group '{settings.Name}'");

        if ((settings.AmiMode == AmiMode.Custom) != (props.AmiId is not null))
        {
            throw new ArgumentException("an AMI id is required in amiMode custom and refused in amiMode managed", nameof(props.AmiId));
        }

        var cluster = props.Cluster;
        var custom = settings.AmiMode == AmiMode.Custom;
        var toml = BottlerocketUserData.Render(settings, custom
            ? new BottlerocketBootstrap(cluster.Name, cluster.Endpoint, cluster.CertificateAuthorityData, ServiceRange.DnsIp(cluster.ServiceIpv4Cidr))
            : null);

        LaunchTemplate = new CfnLaunchTemplate(this, "LaunchTemplate", new CfnLaunchTemplateProps
        {
            LaunchTemplateData = new CfnLaunchTemplate.LaunchTemplateDataProperty
            {
                ImageId = props.AmiId,
                // Custom mode carries tokens (endpoint, CA), so CloudFormation encodes it; managed mode is plain text.
                UserData = custom ? Fn.Base64(toml) : Convert.ToBase64String(Encoding.UTF8.GetBytes(toml)),
                BlockDeviceMappings = new object[]
                {
                    Volume("/dev/xvda", settings.OsVolumeGiB, props.EbsKey),
                    Volume("/dev/xvdb", settings.DataVolumeGiB, props.EbsKey),
                },
                MetadataOptions = new CfnLaunchTemplate.MetadataOptionsProperty
                {
                    HttpEndpoint = "enabled",
                    HttpTokens = "required",
                    // Hop limit from settings (default 2, what EKS sets for managed node groups): the CloudWatch
                    // agent of Container Insights reads instance metadata from the pod network. 1 is stricter (pods
                    // cannot reach node credentials) when no pod-network agent needs IMDS. Never more than 2.
                    HttpPutResponseHopLimit = settings.ImdsHopLimit,
                },
                // With security groups in the launch template EKS no longer adds the cluster group: add it here.
                SecurityGroupIds = [props.SecurityGroup.SecurityGroupId, cluster.ClusterSecurityGroupId],
                TagSpecifications = s_taggedResources.Select(type => new CfnLaunchTemplate.TagSpecificationProperty
                {
                    ResourceType = type,
                    Tags = props.InstanceTags.Select(t => new CfnTag { Key = t.Key, Value = t.Value }).ToArray(),
                }).ToArray(),
            },
        });

        var labels = new Dictionary<string, string>(settings.Labels) { ["eksplatform.io/node-group"] = settings.Name };
        var taints = settings.Taints.ToList();
        if (settings.System)
        {
            taints.Insert(0, new NodeTaint("CriticalAddonsOnly", "true", "NoSchedule"));
        }

        Resource = new CfnNodegroup(this, "Resource", new CfnNodegroupProps
        {
            ClusterName = cluster.ClusterName,
            NodeRole = props.Role.RoleArn,
            Subnets = props.Subnets.Select(s => s.SubnetId).ToArray(),
            InstanceTypes = settings.InstanceTypes.Select(t => t.Name).ToArray(),
            CapacityType = settings.CapacityType == Settings.CapacityType.Spot ? "SPOT" : "ON_DEMAND",
            // Custom mode: the AMI is in the launch template, and EKS forbids AmiType, ReleaseVersion and Version.
            AmiType = custom ? null : BottlerocketAmi.AmiType(settings.Architecture),
            ReleaseVersion = custom ? null : settings.ReleaseVersion,
            Version = custom ? null : props.KubernetesVersion,
            LaunchTemplate = new CfnNodegroup.LaunchTemplateSpecificationProperty
            {
                Id = LaunchTemplate.Ref,
                // A launch template change creates a new version and rolls the group onto it.
                Version = LaunchTemplate.AttrLatestVersionNumber,
            },
            ScalingConfig = new CfnNodegroup.ScalingConfigProperty
            {
                MinSize = settings.MinSize,
                DesiredSize = settings.DesiredSize,
                MaxSize = settings.MaxSize,
            },
            UpdateConfig = new CfnNodegroup.UpdateConfigProperty { MaxUnavailable = settings.MaxUnavailable },
            Labels = labels,
            Taints = taints.Count == 0
                ? null
                : taints.Select(t => new CfnNodegroup.TaintProperty { Key = t.Key, Value = t.Value, Effect = TaintEffect(t.Effect) }).ToArray(),
            // No cluster-autoscaler tags here: tags of a node group stay on the node group and never reach its Auto
            // Scaling group, and EKS itself tags that group for auto-discovery (docs/eks-deploy-facts.md §7).
            Tags = new Dictionary<string, string> { ["Name"] = $"{cluster.Name}-{settings.Name}" },
        });
    }

    /// <summary>The launch template.</summary>
    public CfnLaunchTemplate LaunchTemplate { get; }

    /// <summary>The L1 node group.</summary>
    public CfnNodegroup Resource { get; }

    private static CfnLaunchTemplate.BlockDeviceMappingProperty Volume(string device, int sizeGiB, IKey key) => new()
    {
        DeviceName = device,
        Ebs = new CfnLaunchTemplate.EbsProperty
        {
            VolumeSize = sizeGiB,
            VolumeType = "gp3",
            Encrypted = true,
            KmsKeyId = key.KeyArn,
            DeleteOnTermination = true,
        },
    };

    /// <summary>Kubernetes spells effects NoSchedule; the EKS API spells them NO_SCHEDULE.</summary>
    private static string TaintEffect(string effect) => effect switch
    {
        "NoSchedule" => "NO_SCHEDULE",
        "PreferNoSchedule" => "PREFER_NO_SCHEDULE",
        "NoExecute" => "NO_EXECUTE",
        _ => throw new ArgumentException($"unknown taint effect {effect}", nameof(effect)),
    };
}
