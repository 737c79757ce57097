using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>An EKS Kubernetes version and its support window.</summary>
/// <param name="Version">The minor version, e.g. <c>1.35</c>.</param>
/// <param name="Released">EKS release date.</param>
/// <param name="EndOfStandardSupport">After this day the version is in extended support.</param>
/// <param name="EndOfExtendedSupport">After this day EKS upgrades the control plane itself.</param>
public sealed record KubernetesVersionInfo(string Version, DateOnly Released, DateOnly EndOfStandardSupport, DateOnly EndOfExtendedSupport)
{
    /// <summary>Whether the version is past standard support on <paramref name="today"/>.</summary>
    public bool InExtendedSupport(DateOnly today) => today > EndOfStandardSupport && today <= EndOfExtendedSupport;

    /// <summary>Whether EKS no longer supports the version on <paramref name="today"/>.</summary>
    public bool Unsupported(DateOnly today) => today > EndOfExtendedSupport;
}

/// <summary>
/// EKS-supported Kubernetes versions, from the EKS release calendar (docs/versions.md §1, docs/eks-deploy-facts.md §6:
/// EKS user guide kubernetes-versions.adoc, endoflife.date/amazon-eks). 1.36 and 1.37 are not listed: their EKS
/// GA dates are unverified. Add a line here when EKS releases a version.
/// </summary>
public static class KubernetesVersions
{
    /// <summary>The version used when settings name none.</summary>
    public const string DefaultVersion = "1.35";

    /// <summary>Every known version, by name.</summary>
    public static ImmutableSortedDictionary<string, KubernetesVersionInfo> All { get; } = new[]
    {
        new KubernetesVersionInfo("1.30", new(2024, 5, 23), new(2025, 7, 23), new(2026, 7, 23)),
        new KubernetesVersionInfo("1.31", new(2024, 9, 26), new(2025, 11, 26), new(2026, 11, 26)),
        new KubernetesVersionInfo("1.32", new(2025, 1, 23), new(2026, 3, 23), new(2027, 3, 23)),
        new KubernetesVersionInfo("1.33", new(2025, 5, 29), new(2026, 7, 29), new(2027, 7, 29)),
        new KubernetesVersionInfo("1.34", new(2025, 10, 2), new(2026, 12, 2), new(2027, 12, 2)),
        new KubernetesVersionInfo("1.35", new(2026, 1, 28), new(2027, 3, 27), new(2028, 3, 27)),
    }.ToImmutableSortedDictionary(v => v.Version, v => v, StringComparer.Ordinal);
}
