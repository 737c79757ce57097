using EksPlatform.Compliance;
using EksPlatform.Identity;
using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>
/// The <c>vpc-cni</c> EKS managed add-on's role (always on: the node role does not carry the CNI policy); its daemon
/// set runs as <c>aws-node</c>. The add-on itself is with the other managed add-ons (<see cref="Cluster.CoreAddons"/>).
/// </summary>
public sealed class VpcCni : Controller
{
    /// <summary>AWS managed policy of the VPC CNI for IPv4 (docs/iam-policies.md §6).</summary>
    public const string ManagedPolicy = "AmazonEKS_CNI_Policy";

    /// <summary>Auto Mode runs the VPC CNI's function itself (docs/auto-mode.md §4).</summary>
    public override bool ReplacedByAutoMode => true;

    /// <summary>The first vpc-cni add-on version that supports EKS Pod Identity (docs/karpenter.md §9).</summary>
    public static readonly Version PodIdentityVersion = new(1, 15, 5);

    /// <inheritdoc/>
    public override string Name => "vpc-cni";

    /// <inheritdoc/>
    public override string ConstructId => "VpcCni";

    /// <inheritdoc/>
    public override ServiceAccountRef ServiceAccount { get; } = new("kube-system", "aws-node");

    /// <inheritdoc/>
    public override IReadOnlyList<string> ManagedPolicyNames { get; } = [ManagedPolicy];

    /// <summary>Always on, so no switch; <c>controllers.vpcCni.identity</c> still chooses IRSA or EKS Pod Identity.</summary>
    public override string IdentityKey => ControllerSettings.VpcCniKey;

    /// <inheritdoc/>
    public override string RoleDescription(ControllerContext context) => $"VPC CNI (aws-node) of {context.Cluster.Name}";

    /// <inheritdoc/>
    public override void Suppress(IControllerRole role, ControllerContext context) =>
        NagSuppressions.AddManagedPolicies(role.Resource,
            "AmazonEKS_CNI_Policy is the AWS managed policy the VPC CNI add-on needs to manage pod ENIs and IPs; " +
            "it is given to the aws-node service account instead of the node role",
            ManagedPolicy);
}
