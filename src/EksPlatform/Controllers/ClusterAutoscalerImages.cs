using System.Collections.Immutable;

namespace EksPlatform.Controllers;

/// <summary>
/// cluster-autoscaler image tags by Kubernetes minor version: the autoscaler's minor must match the cluster's
/// (kubernetes/autoscaler cluster-autoscaler/README.md). Only tags confirmed to exist are listed
/// (docs/versions.md §3: 1.36.1, 1.35.2, 1.34.5). Add a line when a cluster version needs one.
/// </summary>
public static class ClusterAutoscalerImages
{
    /// <summary>The image repository the chart uses by default.</summary>
    public const string Repository = "registry.k8s.io/autoscaling/cluster-autoscaler";

    /// <summary>Image tag by Kubernetes minor version.</summary>
    public static ImmutableSortedDictionary<string, string> Tags { get; } = new Dictionary<string, string>
    {
        ["1.34"] = "v1.34.5",
        ["1.35"] = "v1.35.2",
        // Not reachable yet: 1.36 is not in Settings/KubernetesVersions.cs (its EKS release is unverified). Kept because
        // the tag is confirmed: once EKS ships 1.36, its line in that table is all that is needed.
        ["1.36"] = "v1.36.1",
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>The tag for <paramref name="kubernetesVersion"/>.</summary>
    /// <exception cref="InvalidOperationException">No verified tag is known for that minor version.</exception>
    public static string TagFor(string kubernetesVersion) =>
        Tags.TryGetValue(kubernetesVersion, out var tag) ? tag
            : throw new InvalidOperationException(
                $"no verified cluster-autoscaler image tag for Kubernetes {kubernetesVersion} " +
                $"(known: {string.Join(", ", Tags.Select(t => $"{t.Key} → {t.Value}"))}); " +
                $"add the newest v{kubernetesVersion}.x tag of {Repository} to ClusterAutoscalerImages, or set controllers.clusterAutoscaler.enabled: false");
}
