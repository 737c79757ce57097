using Amazon.CDK;
using Constructs;

namespace EksPlatform.Compliance;

/// <summary>
/// Writes cdk-nag suppressions as CloudFormation resource metadata (<c>cdk_nag.rules_to_suppress</c>), the form
/// tools/nag reads from the synthesized templates. Every suppression carries its reason into the template, so a
/// reviewer reads the why beside the resource.
/// </summary>
public static class NagSuppressions
{
    /// <summary>
    /// The rule-id prefixes of cdk-nag's regulatory packs the gate runs besides AwsSolutions (NIST 800-53 rev 5, HIPAA
    /// Security, PCI DSS 3.2.1). They share rules under different prefixes, so a finding the design rules out is
    /// suppressed once per pack.
    /// </summary>
    public static readonly IReadOnlyList<string> RegulatoryPacks = ["NIST.800.53.R5", "HIPAA.Security", "PCI.DSS.321"];

    /// <summary>
    /// Suppresses AwsSolutions-IAM4 for exactly the named AWS managed policies (e.g. <c>AmazonEKSClusterPolicy</c>,
    /// <c>service-role/AmazonEBSCSIDriverPolicy</c>), in the finding form cdk-nag reports for partition-aware ARNs.
    /// </summary>
    public static void AddManagedPolicies(IConstruct construct, string reason, params string[] policyNames) =>
        Add(construct, "AwsSolutions-IAM4", reason, [.. policyNames.Select(name => $"Policy::arn:<AWS::Partition>:iam::aws:policy/{name}")]);

    /// <summary>Suppresses <paramref name="rule"/> (e.g. <c>AwsSolutions-IAM4</c>) on the L1 resource of <paramref name="construct"/>.</summary>
    /// <param name="construct">An L1 resource, or an L2 whose default child is one.</param>
    /// <param name="rule">The rule id.</param>
    /// <param name="reason">Why the finding does not apply (at least 10 characters, as cdk-nag requires).</param>
    /// <param name="appliesTo">For granular rules (IAM4, IAM5): the exact findings suppressed, e.g. <c>Resource::*</c>.</param>
    public static void Add(IConstruct construct, string rule, string reason, params string[] appliesTo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reason.Length, 10, nameof(reason));
        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"{construct.Node.Path} is not a CloudFormation resource", nameof(construct));

        var entry = new Dictionary<string, object> { ["id"] = rule, ["reason"] = reason };
        if (appliesTo.Length > 0)
        {
            entry["applies_to"] = appliesTo;
        }

        var existing = resource.GetMetadata("cdk_nag") is IDictionary<string, object> metadata
            && metadata.TryGetValue("rules_to_suppress", out var rules) && rules is IEnumerable<object> list
            ? list.ToList()
            : [];
        existing.Add(entry);
        resource.AddMetadata("cdk_nag", new Dictionary<string, object> { ["rules_to_suppress"] = existing.ToArray() });
    }
}
