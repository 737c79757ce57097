using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EksPlatform.Settings;

namespace EksPlatform.Cluster;

/// <summary>Inputs of <see cref="ClusterAdminRole"/>.</summary>
/// <param name="ClusterName">The name of the cluster the role administers, known at synth time (it is in the role's description).</param>
/// <param name="ClusterArn">The same cluster's ARN (a reference when the cluster is in the stack): the only resource the role may describe.</param>
/// <param name="AssumableBy">Role or user ARNs that may assume it; empty = the account's IAM policies decide.</param>
public sealed record ClusterAdminRoleProps(string ClusterName, string ClusterArn, IReadOnlyList<string> AssumableBy);

/// <summary>
/// The platform's own cluster-admin role. With authentication mode API and no creator admin, a cluster without an
/// access entry can be used by nobody; this role makes every profile usable in any account without edits.
/// It trusts the deploying account, so the account's IAM policies decide who may assume it. The optional list of
/// principals is matched with <c>aws:PrincipalArn</c> rather than named as principals, because IAM refuses a trust
/// policy that names a principal that does not exist yet (docs/limits-and-policies.md §1).
/// </summary>
public sealed class ClusterAdminRole : Construct
{
    /// <summary>Creates the role.</summary>
    public ClusterAdminRole(Construct scope, string id, ClusterAdminRoleProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (!ClusterNames.IsValid(props.ClusterName))
        {
            throw new ArgumentException($"'{props.ClusterName}' is not {ClusterNames.Rule}", nameof(props.ClusterName));
        }

        if (!Token.IsUnresolved(props.ClusterArn) && !ClusterNames.IsArnOf(props.ClusterArn, props.ClusterName))
        {
            throw new ArgumentException($"'{props.ClusterArn}' is not the ARN of cluster {props.ClusterName} " +
                $"(arn:<partition>:eks:<region>:<account>:cluster/{props.ClusterName})",
                nameof(props.ClusterArn));
        }

        // The same rule as the settings loader's cluster.adminRole.assumableBy: aws:PrincipalArn matches role and user ARNs.
        if (props.AssumableBy.Where(arn => !Token.IsUnresolved(arn)).Select(Arns.PrincipalProblem).OfType<string>().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"cluster-admin role of {props.ClusterName}: {problem}", nameof(props.AssumableBy));
        }

        var trust = props.AssumableBy.Count == 0
            ? (IPrincipal)new AccountRootPrincipal()
            : new AccountRootPrincipal().WithConditions(new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = props.AssumableBy.ToArray() },
            });
        // `aws eks update-kubeconfig` reads the endpoint and CA; Kubernetes rights come from the access entry. A managed
        // policy of its own, not an inline one (cdk-nag IAMNoInlinePolicy, docs/security-facts.md §5).
        var describe = new ManagedPolicy(this, "DescribeThisCluster", new ManagedPolicyProps
        {
            Description = $"Lets the cluster administrators of {props.ClusterName} read its endpoint and certificate",
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["eks:DescribeCluster"],
                    Resources = [props.ClusterArn],
                }),
            ],
        });
        Role = new Role(this, "Role", new RoleProps
        {
            Description = $"Cluster administrators of {props.ClusterName} (EKS access entry with AmazonEKSClusterAdminPolicy)",
            AssumedBy = trust,
            ManagedPolicies = [describe],
        });
    }

    /// <summary>The role.</summary>
    public IRole Role { get; }
}
