using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Constructs;
using EksPlatform.Settings;

namespace EksPlatform.Cluster;

/// <summary>Inputs of <see cref="ClusterAccessEntry"/>.</summary>
/// <param name="ClusterName">The cluster (a reference, so the entry waits for it).</param>
/// <param name="PrincipalArn">The IAM role or user (create-only on the entry): a role or user ARN, or a reference to a role.</param>
/// <param name="Policy">The EKS access policy it gets.</param>
/// <param name="Namespaces">Empty: cluster-wide; otherwise these namespaces only (never with <see cref="EksAccessPolicy.ClusterAdmin"/>).</param>
public sealed record ClusterAccessEntryProps(string ClusterName, string PrincipalArn, EksAccessPolicy Policy, IReadOnlyList<string> Namespaces);

/// <summary>
/// One EKS access entry of type STANDARD with one access policy, cluster-wide or per namespace. The policy ARNs are
/// AWS's (<c>arn:&lt;partition&gt;:eks::aws:cluster-access-policy/&lt;name&gt;</c>; docs/eks-deploy-facts.md §3).
/// </summary>
public sealed class ClusterAccessEntry : Construct
{
    /// <summary>Creates the entry.</summary>
    public ClusterAccessEntry(Construct scope, string id, ClusterAccessEntryProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (!Token.IsUnresolved(props.ClusterName) && !ClusterNames.IsValid(props.ClusterName))
        {
            throw new ArgumentException($"'{props.ClusterName}' is not {ClusterNames.Rule}", nameof(props.ClusterName));
        }

        // The rules the settings loader reports for cluster.accessEntries (docs/eks-deploy-facts.md §3); a principal given
        // as a reference (the platform's own admin role) is an IAM role by construction, so only a literal ARN is judged.
        var entry = new AccessEntrySettings(props.PrincipalArn, props.Policy, [.. props.Namespaces]);
        PropsCheck.ThrowIfAny(entry.Problems().Where(p => p.Field != "principalArn" || !Token.IsUnresolved(props.PrincipalArn)),
            $"access entry of {props.PrincipalArn}");

        Resource = new CfnAccessEntry(this, "Resource", new CfnAccessEntryProps
        {
            ClusterName = props.ClusterName,
            PrincipalArn = props.PrincipalArn,
            Type = "STANDARD",
            AccessPolicies = new object[]
            {
                new CfnAccessEntry.AccessPolicyProperty
                {
                    PolicyArn = PolicyArn(Stack.Of(this), props.Policy),
                    AccessScope = props.Namespaces.Count == 0
                        ? new CfnAccessEntry.AccessScopeProperty { Type = "cluster" }
                        : new CfnAccessEntry.AccessScopeProperty { Type = "namespace", Namespaces = [.. props.Namespaces] },
                },
            },
        });
    }

    /// <summary>The L1 access entry.</summary>
    public CfnAccessEntry Resource { get; }

    /// <summary>The AWS-owned ARN of an EKS access policy in the stack's partition.</summary>
    public static string PolicyArn(Stack stack, EksAccessPolicy policy) => stack.FormatArn(new ArnComponents
    {
        Service = "eks",
        Region = "",
        Account = "aws",
        Resource = "cluster-access-policy",
        ResourceName = PolicyName(policy),
    });

    /// <summary>The name AWS gives each access policy.</summary>
    public static string PolicyName(EksAccessPolicy policy) => policy switch
    {
        EksAccessPolicy.ClusterAdmin => "AmazonEKSClusterAdminPolicy",
        EksAccessPolicy.Admin => "AmazonEKSAdminPolicy",
        EksAccessPolicy.Edit => "AmazonEKSEditPolicy",
        EksAccessPolicy.View => "AmazonEKSViewPolicy",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown access policy"),
    };
}
