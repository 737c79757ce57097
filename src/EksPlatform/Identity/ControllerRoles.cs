using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Identity;

/// <summary>Inputs of <see cref="ControllerRoles"/>.</summary>
/// <param name="Cluster">The cluster whose OIDC provider the roles trust.</param>
/// <param name="Settings">Which controllers are on, and their options.</param>
/// <param name="Vpc">The cluster VPC (the load balancer controller may change security groups only in it).</param>
/// <param name="EbsKey">The key of EBS volumes, which the EBS CSI driver may use.</param>
/// <param name="Controllers">The controllers to consider; null: <see cref="ControllerCatalog.All"/>.</param>
public sealed record ControllerRolesProps(IEksCluster Cluster, ControllerSettings Settings, IVpc Vpc, IKey EbsKey,
    IReadOnlyList<Controller>? Controllers = null);

/// <summary>
/// One least-privilege IRSA role per enabled controller, each built from its <see cref="Controller"/> class: the
/// service account it trusts, its statements and managed policies, its cdk-nag suppressions. A disabled controller
/// has no role; the VPC CNI's is always there (the node role does not carry <c>AmazonEKS_CNI_Policy</c>).
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
        var context = new ControllerContext(Stack.Of(this), props.Cluster, props.Vpc, props.EbsKey, props.Settings);
        var roles = new Dictionary<Controller, IrsaRole>();
        foreach (var controller in ControllerCatalog.Enabled(props.Settings, props.Controllers))
        {
            var role = new IrsaRole(this, controller.ConstructId, new IrsaRoleProps(props.Cluster, controller.ServiceAccount,
                controller.RoleDescription(context), controller.Statements(context), controller.ManagedPolicyNames));
            controller.Suppress(role, context);
            roles[controller] = role;
        }

        Roles = roles;
    }

    /// <summary>The role of every enabled controller, by controller.</summary>
    public IReadOnlyDictionary<Controller, IrsaRole> Roles { get; }

    /// <summary>The role of <paramref name="controller"/>, or null when it is off.</summary>
    public IrsaRole? RoleOf(Controller controller) => Roles.GetValueOrDefault(controller);
}
