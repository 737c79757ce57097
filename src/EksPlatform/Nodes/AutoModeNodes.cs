using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Settings;

namespace EksPlatform.Nodes;

/// <summary>Inputs of <see cref="AutoModeNodes"/>.</summary>
/// <param name="Cluster">The Auto Mode cluster.</param>
/// <param name="Compute">The compute settings; their mode must be Auto Mode.</param>
/// <param name="EbsKey">The platform's EBS key, which encrypts the platform NodeClass's node volumes and the StorageClass's volumes.</param>
/// <param name="ClusterRole">The cluster IAM role, which the EKS user guide's key policy names (docs/auto-mode.md §5).</param>
public sealed record AutoModeNodesProps(IEksCluster Cluster, ComputeSettings Compute, IKey EbsKey, IRole ClusterRole);

/// <summary>
/// What the platform adds to EKS Auto Mode's compute in AWS resources: the role of the platform's own NodeClass (rendered by
/// the <c>controllers</c> command and the installer, with the platform EBS key for node volumes) with the <c>EC2</c> access
/// entry Auto Mode documents for a custom NodeClass role, and the key policy statements the EKS user guide gives for a
/// customer managed key (docs/auto-mode.md §3, §5).
/// <para>
/// Why a role of its own: EKS creates the access entry of <c>ComputeConfig.NodeRoleArn</c> itself, and whether a second,
/// declared entry for the same principal fails is unverified (§3, §12); a distinct role has exactly one entry, the declared
/// one, and the NodeClass works whether or not built-in node pools (and so a <c>NodeRoleArn</c>) exist.
/// </para>
/// </summary>
public sealed class AutoModeNodes : Construct
{
    /// <summary>The EKS access policy of an Auto Mode node role (docs/auto-mode.md §3).</summary>
    public const string NodeAccessPolicy = "AmazonEKSAutoNodePolicy";

    /// <summary>The KMS actions the EKS user guide's key policy gives the cluster role for node volumes (docs/auto-mode.md §5).</summary>
    public static readonly IReadOnlyList<string> KeyUseActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

    /// <summary>The grant actions of the same key policy, allowed only for grants to AWS resources (docs/auto-mode.md §5).</summary>
    public static readonly IReadOnlyList<string> KeyGrantActions = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

    /// <summary>Creates the NodeClass role, its access entry and the key grants.</summary>
    public AutoModeNodes(Construct scope, string id, AutoModeNodesProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        PropsCheck.ThrowIfAny(props.Compute.Problems(), nameof(props.Compute), $"Auto Mode nodes of {props.Cluster.Name}", typeof(ComputeSettings));
        if (!props.Compute.IsAutoMode)
        {
            throw new ArgumentException($"compute mode is {props.Compute.Mode}; Auto Mode nodes need {ComputeMode.AutoMode}",
                $"{nameof(props.Compute)}.{nameof(ComputeSettings.Mode)}");
        }

        NodeClassRole = PlatformCluster.AutoModeNodeRole(this, "NodeClassRole", $"Instances of the platform NodeClass of {props.Cluster.Name} (EKS Auto Mode)");

        // A custom NodeClass role needs an EC2 entry with AmazonEKSAutoNodePolicy at cluster scope, or its nodes cannot join (§3).
        AccessEntry = new CfnAccessEntry(this, "NodeClassAccess", new CfnAccessEntryProps
        {
            ClusterName = props.Cluster.ClusterName,
            PrincipalArn = NodeClassRole.RoleArn,
            Type = "EC2",
            AccessPolicies = new object[]
            {
                new CfnAccessEntry.AccessPolicyProperty
                {
                    PolicyArn = Stack.Of(this).FormatArn(new ArnComponents
                    {
                        Service = "eks",
                        Region = "",
                        Account = "aws",
                        Resource = "cluster-access-policy",
                        ResourceName = NodeAccessPolicy,
                    }),
                    AccessScope = new CfnAccessEntry.AccessScopeProperty { Type = "cluster" },
                },
            },
        });

        // The key policy the EKS user guide gives for Auto Mode node volumes with a customer managed key names the cluster
        // role (docs/auto-mode.md §5; which principal KMS sees is UNVERIFIED there, §12). The node role is not named by it,
        // so it gets nothing. Workload volumes (§6) are covered by the key's existing EC2-service statements.
        var clusterRole = new ArnPrincipal(props.ClusterRole.RoleArn);
        props.EbsKey.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AutoModeNodeVolumes",
            Principals = [clusterRole],
            Actions = [.. KeyUseActions],
            Resources = ["*"],
        }));
        props.EbsKey.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AutoModeNodeVolumeGrants",
            Principals = [clusterRole],
            Actions = [.. KeyGrantActions],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" },
            },
        }));
    }

    /// <summary>The role of the platform NodeClass's instances (<c>spec.role</c> takes its name).</summary>
    public Role NodeClassRole { get; }

    /// <summary>Its <c>EC2</c> access entry.</summary>
    public CfnAccessEntry AccessEntry { get; }
}
