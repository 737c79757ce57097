using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Compliance;

namespace EksPlatform.Karpenter;

/// <summary>Inputs of <see cref="KarpenterNodeRole"/>.</summary>
/// <param name="Cluster">The cluster the nodes join.</param>
/// <param name="ControlContainer">Whether the nodes keep Bottlerocket's control container (SSM Session Manager), which needs
/// <c>AmazonSSMManagedInstanceCore</c>.</param>
public sealed record KarpenterNodeRoleProps(IEksCluster Cluster, bool ControlContainer);

/// <summary>
/// The role of the nodes Karpenter launches, and the EKS access entry that lets them join (docs/karpenter.md §4): the
/// worker-node and ECR read-only policies the managed groups' role has, SSM only with the control container, no CNI policy
/// (vpc-cni has its own role). Nodes that Karpenter launches are not a managed node group, so EKS creates no access entry for
/// them: the entry of type <c>EC2_LINUX</c> is what lets them join a cluster that authenticates through access entries only.
/// Karpenter makes the instance profile for this role itself (the EC2NodeClass names the role).
/// </summary>
public sealed class KarpenterNodeRole : Construct
{
    /// <summary>The access entry type of self-launched Linux nodes, Bottlerocket included (EKS API CreateAccessEntry).</summary>
    public const string AccessEntryType = "EC2_LINUX";

    /// <summary>Creates the role and its access entry.</summary>
    public KarpenterNodeRole(Construct scope, string id, KarpenterNodeRoleProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        ManagedPolicyNames = props.ControlContainer
            ? ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonSSMManagedInstanceCore"]
            : ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"];
        Role = new Role(this, "Role", new RoleProps
        {
            Description = $"Nodes Karpenter launches for EKS cluster {props.Cluster.Name}",
            // ec2.<URL suffix>, as Karpenter's template writes it: ec2.amazonaws.com.cn in the China regions (docs/karpenter.md §4).
            AssumedBy = new ServicePrincipal($"ec2.{Amazon.CDK.Stack.Of(this).UrlSuffix}"),
            ManagedPolicies = [.. ManagedPolicyNames.Select(ManagedPolicy.FromAwsManagedPolicyName)],
        });
        NagSuppressions.AddManagedPolicies(Role,
            "the AWS managed node policies EKS documents for node roles (worker node, ECR read-only pulls, SSM for the Bottlerocket control " +
            "container), as on the managed node groups' role; AWS keeps them current",
            [.. ManagedPolicyNames]);

        // EC2_LINUX entries take neither Kubernetes groups nor access policies: EKS gives the nodes their permissions.
        AccessEntry = new CfnAccessEntry(this, "AccessEntry", new CfnAccessEntryProps
        {
            ClusterName = props.Cluster.ClusterName,
            PrincipalArn = Role.RoleArn,
            Type = AccessEntryType,
        });
    }

    /// <summary>The AWS managed policies of the role, by name.</summary>
    public IReadOnlyList<string> ManagedPolicyNames { get; }

    /// <summary>The role.</summary>
    public Role Role { get; }

    /// <summary>The access entry of type <c>EC2_LINUX</c>.</summary>
    public CfnAccessEntry AccessEntry { get; }
}
