using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>How EKS resources of a template point at their cluster.</summary>
internal static class Eks
{
    public const string ClusterType = "AWS::EKS::Cluster";

    /// <summary>
    /// The cluster a <c>ClusterName</c> value names: a Ref to a cluster of the template, or a literal equal to the Name of one.
    /// Null when it names a cluster outside the template or cannot be read.
    /// </summary>
    public static TemplateResource? ClusterOf(TemplateModel template, JsonNode? clusterName)
    {
        if (template.Referenced(clusterName) is { Type: ClusterType } referenced)
        {
            return referenced;
        }
        return Intrinsics.AsString(clusterName) is { } name
            ? template.OfType(ClusterType).FirstOrDefault(c => Intrinsics.AsString(c["Name"]) == name)
            : null;
    }

    /// <summary>The resources of <paramref name="type"/> that belong to <paramref name="cluster"/>.</summary>
    public static IEnumerable<TemplateResource> Of(TemplateModel template, string type, TemplateResource cluster) =>
        template.OfType(type).Where(r => ClusterOf(template, r["ClusterName"])?.LogicalId == cluster.LogicalId);

    /// <summary>True when some resource of <paramref name="type"/> names a cluster this template cannot identify.</summary>
    public static bool AnyUnattributed(TemplateModel template, string type) =>
        template.OfType(type).Any(r => ClusterOf(template, r["ClusterName"]) is null);

    /// <summary>The name of a resource for a finding: its logical id and, when literal, its name property.</summary>
    public static string Describe(TemplateResource cluster) =>
        Intrinsics.AsString(cluster["Name"]) is { } name ? $"cluster {name}" : $"cluster {cluster.LogicalId}";
}
