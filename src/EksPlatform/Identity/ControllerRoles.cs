using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Identity;

/// <summary>Inputs of <see cref="ControllerRoles"/>.</summary>
/// <param name="Cluster">The cluster whose OIDC provider (IRSA) or Pod Identity associations (EKS Pod Identity) the roles use.</param>
/// <param name="Settings">Which controllers are on, how each gets its credentials, and their options.</param>
/// <param name="Vpc">The cluster VPC (the load balancer controller may change security groups only in it).</param>
/// <param name="EbsKey">The key of EBS volumes, which the EBS CSI driver may use.</param>
/// <param name="Controllers">The controllers to consider; null: <see cref="ControllerCatalog.All"/>.</param>
/// <param name="Karpenter">Karpenter's node role and interruption queue; required when the settings turn Karpenter on.</param>
public sealed record ControllerRolesProps(IEksCluster Cluster, ControllerSettings Settings, IVpc Vpc, IKey EbsKey,
    IReadOnlyList<Controller>? Controllers = null, KarpenterResources? Karpenter = null);

/// <summary>
/// One least-privilege role per enabled controller, each built from its <see cref="Controller"/> class: the service
/// account it serves, its statements and managed policies, its cdk-nag suppressions. Each controller's identity setting
/// chooses an <see cref="IrsaRole"/> or a <see cref="PodIdentityRole"/>; an EKS managed add-on's Pod Identity role gets no
/// association of its own, because the add-on creates and owns it. A disabled controller has no role; the VPC CNI's is
/// always there (the node role does not carry <c>AmazonEKS_CNI_Policy</c>).
/// </summary>
public sealed class ControllerRoles : Construct
{
    /// <summary>Creates the roles.</summary>
    public ControllerRoles(Construct scope, string id, ControllerRolesProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        // The same rules the settings loader reports for controllers.*: a name prefix that is empty, lacks its trailing
        // '/' or starts with a name SSM reserves would widen or void the external-secrets role's scope.
        PropsCheck.ThrowIfAny(props.Settings.Problems(), nameof(props.Settings), $"controllers of {props.Cluster.Name}", typeof(ControllerSettings));
        var enabled = ControllerCatalog.Enabled(props.Settings, props.Controllers);
        if (props.Karpenter is null && enabled.Contains(ControllerCatalog.Karpenter))
        {
            throw new ArgumentException("autoscaling mode karpenter needs Karpenter's node role and interruption queue for its controller's role",
                nameof(props.Karpenter));
        }

        var context = new ControllerContext(Stack.Of(this), props.Cluster, props.Vpc, props.EbsKey, props.Settings, props.Karpenter);
        var roles = new Dictionary<Controller, IControllerRole>();
        foreach (var controller in enabled)
        {
            IControllerRole role = controller.IdentityIn(props.Settings) == ControllerIdentity.PodIdentity
                ? new PodIdentityRole(this, controller.ConstructId, new PodIdentityRoleProps(props.Cluster.ClusterName, props.Cluster.ClusterArn,
                    controller.ServiceAccount, controller.RoleDescription(context), controller.Statements(context), controller.ManagedPolicyNames,
                    CreateAssociation: !controller.IsManagedAddon, controller.AdditionalPolicies(context)))
                : new IrsaRole(this, controller.ConstructId, new IrsaRoleProps(props.Cluster, controller.ServiceAccount,
                    controller.RoleDescription(context), controller.Statements(context), controller.ManagedPolicyNames,
                    controller.AdditionalPolicies(context)));
            controller.Suppress(role, context);
            roles[controller] = role;
        }

        Roles = roles;
    }

    /// <summary>The role of every enabled controller, by controller.</summary>
    public IReadOnlyDictionary<Controller, IControllerRole> Roles { get; }

    /// <summary>Whether any role trusts the cluster's IAM OIDC provider (IRSA); without one the provider is not needed.</summary>
    public bool UseIrsa => Roles.Values.Any(r => r.Identity == ControllerIdentity.Irsa);

    /// <summary>The role of <paramref name="controller"/>, or null when it is off.</summary>
    public IControllerRole? RoleOf(Controller controller) => Roles.GetValueOrDefault(controller);
}
