using System.Text.RegularExpressions;

namespace EksPlatform.Cluster;

/// <summary>
/// EKS's rule for cluster names (CreateCluster API reference, https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html:
/// 1–100 characters, a letter or digit first, then
/// letters, digits, hyphens and underscores). The settings schema's <c>cluster.name</c> pattern says the same; a test
/// keeps the two in step.
/// </summary>
public static partial class ClusterNames
{
    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "an EKS cluster name: 1-100 letters, digits, '-' and '_', starting with a letter or digit";

    /// <summary>The rule as the schema's regular expression.</summary>
    public const string Pattern = "^[0-9A-Za-z][A-Za-z0-9\\-_]*$";

    /// <summary>Whether <paramref name="name"/> is a valid EKS cluster name.</summary>
    public static bool IsValid(string name) => name.Length is >= 1 and <= 100 && NamePattern().IsMatch(name);

    /// <summary>
    /// Whether <paramref name="arn"/> is the ARN of cluster <paramref name="name"/>
    /// (<c>arn:&lt;partition&gt;:eks:&lt;region&gt;:&lt;account&gt;:cluster/&lt;name&gt;</c>).
    /// </summary>
    public static bool IsArnOf(string arn, string name) =>
        arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":eks:", StringComparison.Ordinal)
        && arn.EndsWith($":cluster/{name}", StringComparison.Ordinal);

    [GeneratedRegex(Pattern)]
    private static partial Regex NamePattern();
}
