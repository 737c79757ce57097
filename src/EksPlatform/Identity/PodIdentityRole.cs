using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EksPlatform.Controllers;

namespace EksPlatform.Identity;

/// <summary>Inputs of <see cref="PodIdentityRole"/>.</summary>
/// <param name="ClusterName">The cluster the association belongs to.</param>
/// <param name="ClusterArn">The same cluster's ARN: the role trusts sessions tagged with it only.</param>
/// <param name="ServiceAccount">The only service account whose pods get the role.</param>
/// <param name="Description">What the role is for (shown in IAM).</param>
/// <param name="Statements">The role's own permissions (a customer managed policy of its own); empty for none.</param>
/// <param name="ManagedPolicyNames">AWS managed policies by name.</param>
/// <param name="CreateAssociation">Whether to create the association; false for an EKS managed add-on, whose own
/// <c>PodIdentityAssociations</c> create and own it (docs/karpenter.md §9).</param>
/// <param name="AdditionalPolicies">Further permissions, one customer managed policy each, for a role whose permissions exceed
/// one policy's size limit (docs/security-facts.md §7); null or empty for none.</param>
public sealed record PodIdentityRoleProps(
    string ClusterName,
    string ClusterArn,
    ServiceAccountRef ServiceAccount,
    string Description,
    IReadOnlyList<PolicyStatement> Statements,
    IReadOnlyList<string> ManagedPolicyNames,
    bool CreateAssociation = true,
    IReadOnlyList<IReadOnlyList<PolicyStatement>>? AdditionalPolicies = null);

/// <summary>
/// An IAM role for one Kubernetes service account through EKS Pod Identity, with its association. The trust admits
/// <c>pods.eks.amazonaws.com</c> (<c>sts:AssumeRole</c> and <c>sts:TagSession</c>) only for sessions that EKS tags with
/// this cluster's ARN, this namespace and this service account (<c>aws:RequestTag/…</c>), so the role cannot be handed
/// to another cluster or service account by a second association (docs/security-facts.md §2). Session tags must stay
/// on for the association, which is EKS's default.
/// </summary>
public sealed class PodIdentityRole : Construct, IControllerRole
{
    /// <summary>The service principal of EKS Pod Identity.</summary>
    public const string ServicePrincipalName = "pods.eks.amazonaws.com";

    /// <summary>Creates the role and its association.</summary>
    public PodIdentityRole(Construct scope, string id, PodIdentityRoleProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentException.ThrowIfNullOrWhiteSpace(props.ClusterName, nameof(props.ClusterName));
        ArgumentException.ThrowIfNullOrWhiteSpace(props.ClusterArn, nameof(props.ClusterArn));
        IrsaRole.CheckNames(props.ServiceAccount, nameof(props.ServiceAccount));
        ServiceAccount = props.ServiceAccount;

        var trust = new PrincipalWithConditions(new ServicePrincipal(ServicePrincipalName), new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object>
            {
                ["aws:RequestTag/eks-cluster-arn"] = props.ClusterArn,
                ["aws:RequestTag/kubernetes-namespace"] = props.ServiceAccount.Namespace,
                ["aws:RequestTag/kubernetes-service-account"] = props.ServiceAccount.Name,
            },
        });
        var managedPolicies = props.ManagedPolicyNames.Select(ManagedPolicy.FromAwsManagedPolicyName).ToList();
        if (props.Statements.Count > 0)
        {
            // Not inline: the cdk-nag packs refuse inline policies (docs/security-facts.md §5). Listed by the role, so
            // the role has its permissions from the moment it exists.
            Permissions = new ManagedPolicy(this, "Permissions", new ManagedPolicyProps
            {
                Description = $"Permissions of {props.ServiceAccount.Namespace}/{props.ServiceAccount.Name}: {props.Description}",
                Statements = [.. props.Statements],
            });
            managedPolicies.Add(Permissions);
        }

        AdditionalPermissions = (props.AdditionalPolicies ?? []).Select((statements, i) => new ManagedPolicy(this, $"Permissions{i + 2}",
            new ManagedPolicyProps
            {
                Description = $"Permissions of {props.ServiceAccount.Namespace}/{props.ServiceAccount.Name} (part {i + 2}): {props.Description}",
                Statements = [.. statements],
            })).ToArray();
        managedPolicies.AddRange(AdditionalPermissions);

        var role = new Role(this, "Role", new RoleProps
        {
            Description = props.Description,
            AssumedBy = trust,
            ManagedPolicies = [.. managedPolicies],
        });
        // EKS Pod Identity needs sts:TagSession beside sts:AssumeRole (docs/security-facts.md §2).
        role.AssumeRolePolicy!.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [trust],
            Actions = ["sts:TagSession"],
        }));
        Role = role;
        Resource = (CfnRole)role.Node.DefaultChild!;

        Association = !props.CreateAssociation ? null : new CfnPodIdentityAssociation(this, "Association", new CfnPodIdentityAssociationProps
        {
            ClusterName = props.ClusterName,
            Namespace = props.ServiceAccount.Namespace,
            ServiceAccount = props.ServiceAccount.Name,
            RoleArn = role.RoleArn,
        });
    }

    /// <summary>The role.</summary>
    public IRole Role { get; }

    /// <summary>The L1 role.</summary>
    public CfnRole Resource { get; }

    /// <summary>The role's ARN (a deploy-time reference).</summary>
    public string RoleArn => Role.RoleArn;

    /// <summary>The role's own permissions as a customer managed policy; null when it has none.</summary>
    public ManagedPolicy? Permissions { get; }

    /// <inheritdoc/>
    IConstruct? IControllerRole.Permissions => Permissions;

    /// <summary>The customer managed policies of <see cref="PodIdentityRoleProps.AdditionalPolicies"/>, in order.</summary>
    public IReadOnlyList<ManagedPolicy> AdditionalPermissions { get; }

    /// <inheritdoc/>
    IReadOnlyList<IConstruct> IControllerRole.AdditionalPermissions => AdditionalPermissions;

    /// <inheritdoc/>
    public Settings.ControllerIdentity Identity => Settings.ControllerIdentity.PodIdentity;

    /// <summary>The Pod Identity association of the role with the service account; null when an add-on owns it.</summary>
    public CfnPodIdentityAssociation? Association { get; }

    /// <summary>The service account the role serves.</summary>
    public ServiceAccountRef ServiceAccount { get; }
}
