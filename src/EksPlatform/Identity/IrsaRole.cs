using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Controllers;

namespace EksPlatform.Identity;

/// <summary>Inputs of <see cref="IrsaRole"/>.</summary>
/// <param name="Cluster">The cluster whose OIDC provider issues the service account tokens.</param>
/// <param name="ServiceAccount">The only service account that may assume the role.</param>
/// <param name="Description">What the role is for (shown in IAM).</param>
/// <param name="Statements">The role's own permissions (a customer managed policy of its own); empty for none.</param>
/// <param name="ManagedPolicyNames">AWS managed policies by name, e.g. <c>service-role/AmazonEBSCSIDriverPolicy</c>.</param>
/// <param name="AdditionalPolicies">Further permissions, one customer managed policy each, for a role whose permissions exceed
/// one policy's size limit (docs/security-facts.md §7); null or empty for none.</param>
public sealed record IrsaRoleProps(
    IEksCluster Cluster,
    ServiceAccountRef ServiceAccount,
    string Description,
    IReadOnlyList<PolicyStatement> Statements,
    IReadOnlyList<string> ManagedPolicyNames,
    IReadOnlyList<IReadOnlyList<PolicyStatement>>? AdditionalPolicies = null);

/// <summary>
/// An IAM role for one Kubernetes service account (IRSA). Its trust policy allows
/// <c>sts:AssumeRoleWithWebIdentity</c> from the cluster's OIDC provider only with <c>StringEquals</c>
/// <c>&lt;issuer&gt;:sub = system:serviceaccount:&lt;ns&gt;:&lt;sa&gt;</c> and <c>&lt;issuer&gt;:aud = sts.amazonaws.com</c>
/// (docs/iam-policies.md §1). The issuer is known only at deploy time and CloudFormation cannot use a function as a
/// JSON key, so the document is JSON text completed by <c>Fn::Sub</c>: no CfnJson, which is Lambda-backed (same section).
/// </summary>
public sealed partial class IrsaRole : Construct, IGrantable, IControllerRole
{
    /// <summary>The audience EKS puts in projected service account tokens for IRSA.</summary>
    public const string Audience = "sts.amazonaws.com";

    private readonly ManagedPolicyGrantee _grantee;

    /// <summary>Creates the role.</summary>
    public IrsaRole(Construct scope, string id, IrsaRoleProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        CheckNames(props.ServiceAccount, nameof(props.ServiceAccount));
        ServiceAccount = props.ServiceAccount;
        // A customer managed policy that the role lists, rather than an inline one: the four cdk-nag packs refuse inline
        // policies (IAMNoInlinePolicy, docs/security-facts.md §5). The role references the policy, so CloudFormation
        // creates the policy first and the role is complete the moment it exists: an add-on or pod using it never
        // races a separately attached policy.
        Permissions = props.Statements.Count == 0 ? null : new CfnManagedPolicy(this, "Permissions", new CfnManagedPolicyProps
        {
            Description = $"Permissions of {props.ServiceAccount.Namespace}/{props.ServiceAccount.Name}: {props.Description}",
            PolicyDocument = new PolicyDocument(new PolicyDocumentProps { Statements = [.. props.Statements] }),
        });
        AdditionalPermissions = (props.AdditionalPolicies ?? []).Select((statements, i) => new CfnManagedPolicy(this, $"Permissions{i + 2}",
            new CfnManagedPolicyProps
            {
                Description = $"Permissions of {props.ServiceAccount.Namespace}/{props.ServiceAccount.Name} (part {i + 2}): {props.Description}",
                PolicyDocument = new PolicyDocument(new PolicyDocumentProps { Statements = [.. statements] }),
            })).ToArray();
        var managedPolicyArns = props.ManagedPolicyNames.Select(name => ManagedPolicy.FromAwsManagedPolicyName(name).ManagedPolicyArn)
            .Concat(Permissions is null ? [] : [Permissions.Ref]).Concat(AdditionalPermissions.Select(p => p.Ref)).ToArray();
        Resource = new CfnRole(this, "Resource", new CfnRoleProps
        {
            Description = props.Description,
            AssumeRolePolicyDocument = Fn.Sub(TrustPolicyText(props.ServiceAccount), new Dictionary<string, string>
            {
                // https://oidc.eks.<region>.amazonaws.com/id/<ID> → oidc.eks.<region>.amazonaws.com/id/<ID>
                ["Issuer"] = Fn.Select(1, Fn.Split("//", props.Cluster.OidcIssuerUrl)),
                ["ProviderArn"] = props.Cluster.OidcProviderArn,
            }),
            ManagedPolicyArns = managedPolicyArns.Length == 0 ? null : managedPolicyArns,
        });
        Role = Amazon.CDK.AWS.IAM.Role.FromRoleArn(this, "Imported", Resource.AttrArn, new FromRoleArnOptions { Mutable = false });
        _grantee = new ManagedPolicyGrantee(this, Resource, "sts:AssumeRoleWithWebIdentity");
    }

    /// <summary>
    /// Grants such as <c>bucket.GrantRead(role)</c> land in a customer managed policy attached to this role (never an
    /// inline policy, which the cdk-nag packs refuse), created with the first grant.
    /// </summary>
    public IPrincipal GrantPrincipal => _grantee;

    /// <summary>The customer managed policy holding what other constructs granted; null until the first grant.</summary>
    public CfnManagedPolicy? GrantsPolicy => _grantee.Policy;

    /// <summary>The L1 role.</summary>
    public CfnRole Resource { get; }

    /// <summary>The role's own permissions as a customer managed policy; null when it has none.</summary>
    public CfnManagedPolicy? Permissions { get; }

    /// <inheritdoc/>
    IConstruct? IControllerRole.Permissions => Permissions;

    /// <summary>The customer managed policies of <see cref="IrsaRoleProps.AdditionalPolicies"/>, in order.</summary>
    public IReadOnlyList<CfnManagedPolicy> AdditionalPermissions { get; }

    /// <inheritdoc/>
    IReadOnlyList<IConstruct> IControllerRole.AdditionalPermissions => AdditionalPermissions;

    /// <inheritdoc/>
    public Settings.ControllerIdentity Identity => Settings.ControllerIdentity.Irsa;

    /// <summary>The role, for constructs that take an <see cref="IRole"/> (not mutable: grant through this construct instead).</summary>
    public IRole Role { get; }

    /// <summary>The role's ARN (a deploy-time reference).</summary>
    public string RoleArn => Resource.AttrArn;

    /// <summary>The service account the role trusts.</summary>
    public ServiceAccountRef ServiceAccount { get; }

    /// <summary>
    /// The trust policy as <c>Fn::Sub</c> text with <c>${Issuer}</c> and <c>${ProviderArn}</c>. The namespace and
    /// name are checked against Kubernetes' naming rules, so they cannot break out of the JSON or add a
    /// substitution of their own.
    /// </summary>
    internal static string TrustPolicyText(ServiceAccountRef account)
    {
        CheckNames(account, nameof(account));

        var document = new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new
                {
                    Effect = "Allow",
                    Principal = new { Federated = "${ProviderArn}" },
                    Action = "sts:AssumeRoleWithWebIdentity",
                    Condition = new Dictionary<string, Dictionary<string, string>>
                    {
                        ["StringEquals"] = new()
                        {
                            ["${Issuer}:sub"] = account.Subject,
                            ["${Issuer}:aud"] = Audience,
                        },
                    },
                },
            },
        };
        return JsonSerializer.Serialize(document);
    }

    /// <summary>Throws unless the namespace and name follow Kubernetes' naming rules (RFC 1123 subdomains).</summary>
    internal static void CheckNames(ServiceAccountRef account, string paramName)
    {
        foreach (var (what, value) in new[] { ("namespace", account.Namespace), ("service account name", account.Name) })
        {
            if (!KubernetesName().IsMatch(value))
            {
                throw new ArgumentException(
                    $"'{value}' is not a valid Kubernetes {what} (RFC 1123: lower-case letters, digits, '-', '.'; at most 253 characters)",
                    paramName);
            }
        }
    }

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex KubernetesName();
}
