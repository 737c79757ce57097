using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace EksPlatform.Cluster;

/// <summary>Inputs of <see cref="ClusterAdminRole"/>.</summary>
/// <param name="Cluster">The cluster the role administers.</param>
/// <param name="AssumableBy">Role or user ARNs that may assume it; empty = the account's IAM policies decide.</param>
public sealed record ClusterAdminRoleProps(CfnCluster Cluster, IReadOnlyList<string> AssumableBy);

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
            Description = $"Lets the cluster administrators of {props.Cluster.Name} read its endpoint and certificate",
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["eks:DescribeCluster"],
                    Resources = [props.Cluster.AttrArn],
                }),
            ],
        });
        Role = new Role(this, "Role", new RoleProps
        {
            Description = $"Cluster administrators of {props.Cluster.Name} (EKS access entry with AmazonEKSClusterAdminPolicy)",
            AssumedBy = trust,
            ManagedPolicies = [describe],
        });
    }

    /// <summary>The role.</summary>
    public IRole Role { get; }
}
