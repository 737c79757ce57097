using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// Clusters whose compute EKS Auto Mode runs (<c>ComputeConfig.Enabled</c> true): AWS launches and hardens their nodes, so the
/// checks written for node groups and launch templates say so instead of passing silently or failing (docs/auto-mode.md §10).
/// </summary>
internal static class AutoModeClusters
{
    /// <summary>Whether the cluster has Auto Mode compute.</summary>
    public static bool IsAutoMode(TemplateResource cluster) => Intrinsics.IsTrue(cluster.Properties["ComputeConfig"]?["Enabled"]);

    /// <summary>The Auto Mode clusters of the templates, as <c>stack/logicalId</c>.</summary>
    public static IReadOnlyList<string> In(ComplianceContext context) =>
        context.All("AWS::EKS::Cluster").Where(c => IsAutoMode(c.Resource)).Select(c => $"{c.Template.StackName}/{c.Resource.LogicalId}").ToList();

    /// <summary>Whether every cluster of the templates is an Auto Mode cluster (and there is at least one).</summary>
    public static bool All(ComplianceContext context)
    {
        var clusters = context.All("AWS::EKS::Cluster").ToList();
        return clusters.Count > 0 && clusters.All(c => IsAutoMode(c.Resource));
    }
}
