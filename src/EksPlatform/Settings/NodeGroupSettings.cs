using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace EksPlatform.Settings;

/// <summary>Where the AMI of a node group comes from.</summary>
public enum AmiMode
{
    /// <summary>EKS picks and updates the Bottlerocket release (AmiType BOTTLEROCKET_*), and injects the bootstrap settings.</summary>
    Managed,

    /// <summary>The AMI comes from the public Bottlerocket SSM parameter and the user data carries the full bootstrap.</summary>
    Custom,
}

/// <summary>On-demand or spot capacity.</summary>
public enum CapacityType
{
    /// <summary>On-demand instances.</summary>
    OnDemand,

    /// <summary>Spot instances: cheaper, may be reclaimed with two minutes' notice.</summary>
    Spot,
}

/// <summary>A Kubernetes taint on every node of a group.</summary>
public sealed record NodeTaint(string Key, string Value, string Effect);

/// <summary>
/// One managed node group on its own launch template. Only the name and the instance types must be given in code; the rest
/// defaults as the settings file does (on-demand, 1/2/3 nodes, managed Bottlerocket, IMDS hop limit 1).
/// </summary>
public sealed partial record NodeGroupSettings
{
    /// <summary>Unique name within the platform; part of construct IDs, so renaming replaces the group.</summary>
    public required string Name { get; init; }

    /// <summary>A system group is tainted <c>CriticalAddonsOnly=true:NoSchedule</c> for cluster-critical add-ons.</summary>
    public bool System { get; init; }

    /// <summary>Instance types, all of <see cref="Architecture"/> (create-only on the node group).</summary>
    public required ImmutableArray<InstanceTypeInfo> InstanceTypes { get; init; }

    /// <summary>The architecture shared by every instance type.</summary>
    public CpuArchitecture Architecture => InstanceTypes[0].Architecture;

    /// <summary>On-demand or spot (create-only).</summary>
    public CapacityType CapacityType { get; init; } = CapacityType.OnDemand;

    /// <summary>Lower bound of the group.</summary>
    public int MinSize { get; init; } = 1;

    /// <summary>Nodes at creation (the cluster autoscaler changes it at run time).</summary>
    public int DesiredSize { get; init; } = 2;

    /// <summary>Upper bound of the group.</summary>
    public int MaxSize { get; init; } = 3;

    /// <summary>Size of the Bottlerocket OS volume <c>/dev/xvda</c>.</summary>
    public int OsVolumeGiB { get; init; } = 4;

    /// <summary>Size of the Bottlerocket data volume <c>/dev/xvdb</c> (images, container storage).</summary>
    public int DataVolumeGiB { get; init; } = 50;

    /// <summary>Managed (EKS picks the AMI) or custom (SSM parameter, full bootstrap).</summary>
    public AmiMode AmiMode { get; init; } = AmiMode.Managed;

    /// <summary>Managed mode: pinned EKS AMI release version; absent = the latest for the Kubernetes version.</summary>
    public string? ReleaseVersion { get; init; }

    /// <summary>Custom mode: pinned Bottlerocket version in the SSM parameter path; absent = latest.</summary>
    public string? BottlerocketVersion { get; init; }

    /// <summary>Kubernetes labels.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Kubernetes taints (the system taint is added for system groups).</summary>
    public ImmutableArray<NodeTaint> Taints { get; init; } = [];

    /// <summary>Nodes replaced at a time during updates.</summary>
    public int MaxUnavailable { get; init; } = 1;

    /// <summary>Keep Bottlerocket's control host container (SSM Session Manager access) on.</summary>
    public bool ControlContainer { get; init; } = true;

    /// <summary>IMDSv2 hop limit: 1 by default (pods on the pod network cannot reach instance metadata); 2 by explicit setting only.</summary>
    public int ImdsHopLimit { get; init; } = 1;

    /// <summary>
    /// Extra Bottlerocket settings, by dotted path below <c>settings.</c> (e.g. <c>kubernetes.max-pods</c>). Each path
    /// segment is a bare TOML key: EKS rejects quoted keys in the user data it merges.
    /// </summary>
    public ImmutableSortedDictionary<string, object> ExtraSettings { get; init; } = ImmutableSortedDictionary<string, object>.Empty;
    /// <summary>
    /// Bottlerocket settings the platform writes itself, so user settings may not: those EKS injects or custom mode
    /// bootstraps with, the node's labels and taints (from <c>labels</c> and <c>taints</c>), and the hardening
    /// (docs/bottlerocket.md §3, §4). A user value would be written twice and the node would reject its user data.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedBottlerocketSettings =
    [
        "kubernetes.cluster-name", "kubernetes.api-server", "kubernetes.cluster-certificate", "kubernetes.cluster-dns-ip",
        "kubernetes.node-labels", "kubernetes.node-taints", "host-containers.admin.enabled", "host-containers.control.enabled",
        "kernel.lockdown",
    ];

    /// <summary>The reserved settings that are the platform's hardening: refused with that reason, never overridden.</summary>
    public static readonly IReadOnlyList<string> HardeningBottlerocketSettings =
        ["host-containers.admin.enabled", "host-containers.control.enabled", "kernel.lockdown"];

    /// <summary>
    /// The group's own invariants, in one place: the settings loader reports each at its field path, and
    /// <see cref="Nodes.NodeGroup"/> throws on the first (so a group built in code with min 5 and max 1 fails at synth).
    /// Each problem names its settings field (camelCase, as in the settings file; the property is the same in PascalCase).
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (!GroupName().IsMatch(Name))
        {
            yield return ("name",
                $"'{Name}' is not a group name: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 32 characters");
        }

        if (InstanceTypes.IsDefaultOrEmpty)
        {
            yield return ("instanceTypes", "list at least one instance type");
        }
        else if (InstanceTypes.Select(t => t.Architecture).Distinct().Count() > 1)
        {
            yield return ("instanceTypes", $"mixes architectures ({string.Join(", ", InstanceTypes.Select(t => $"{t.Name}: {t.Architecture}"))}); " +
                "one group runs one Bottlerocket AMI, so use one architecture per group");
        }
        else if (CapacityType == CapacityType.Spot && InstanceTypes.Length < 2)
        {
            yield return ("instanceTypes", "a spot group needs at least two instance types, so one reclaimed type does not empty it");
        }

        if (MinSize < 0)
        {
            yield return ("minSize", $"{MinSize} is negative");
        }

        if (DesiredSize < MinSize)
        {
            yield return ("desiredSize", $"{DesiredSize} is below minSize ({MinSize}); expected minSize ≤ desiredSize ≤ maxSize");
        }

        if (DesiredSize > MaxSize || MaxSize < 1)
        {
            yield return ("maxSize",
                MaxSize < 1 ? $"{MaxSize} is below 1" : $"{MaxSize} is below desiredSize ({DesiredSize}); expected minSize ≤ desiredSize ≤ maxSize");
        }

        if (ReleaseVersion is not null && AmiMode == AmiMode.Custom)
        {
            yield return ("releaseVersion", "applies to amiMode managed only; in custom mode pin bottlerocketVersion instead");
        }

        if (BottlerocketVersion is not null && AmiMode == AmiMode.Managed)
        {
            yield return ("bottlerocketVersion", "applies to amiMode custom only; in managed mode pin releaseVersion instead");
        }

        if (ImdsHopLimit is not (1 or 2))
        {
            yield return ("imdsHopLimit", $"{ImdsHopLimit} is not 1 or 2 (1: pods cannot reach instance metadata; 2: they can)");
        }

        if (OsVolumeGiB is < 4 or > 16384 || DataVolumeGiB is < 8 or > 16384)
        {
            yield return (OsVolumeGiB is < 4 or > 16384 ? "osVolumeGiB" : "dataVolumeGiB", "volume sizes: OS 4-16384 GiB, data 8-16384 GiB");
        }

        if (MaxUnavailable is < 1 or > 100)
        {
            yield return ("maxUnavailable", $"{MaxUnavailable} is outside 1-100");
        }

        foreach (var (key, message) in BottlerocketSettingProblems(ExtraSettings.Keys))
        {
            yield return ($"bottlerocketSettings.{key}", message);
        }
    }

    /// <summary>
    /// Why user Bottlerocket settings cannot be written, by key. TOML keeps one value per key, and a key cannot be both
    /// a value and a table, so a user key may neither be a key the platform writes, nor lie on the same path as one
    /// (<c>kernel</c>... or <c>kernel.lockdown.x</c> beside <c>kernel.lockdown</c>), nor on the same path as another
    /// user key.
    /// </summary>
    public static IEnumerable<(string Key, string Message)> BottlerocketSettingProblems(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = keys.ToList();
        static bool OnSamePath(string a, string b) => a.StartsWith(b + ".", StringComparison.Ordinal) || b.StartsWith(a + ".", StringComparison.Ordinal);
        foreach (var key in list)
        {
            if (HardeningBottlerocketSettings.Contains(key))
            {
                yield return (key, "is part of the platform's node hardening and cannot be overridden (docs/bottlerocket.md §4); " +
                    "the control container has its own setting, controlContainer");
            }
            else if (ReservedBottlerocketSettings.Contains(key))
            {
                yield return (key, "is set by EKS or by the platform (bootstrap, labels, taints) and cannot be overridden here");
            }
            else if (ReservedBottlerocketSettings.FirstOrDefault(r => OnSamePath(key, r)) is { } platformKey)
            {
                yield return (key, $"lies on the same path as '{platformKey}', which the platform writes: the user data would hold a value " +
                    "and a table of the same name and the node would reject it");
            }
            else if (list.FirstOrDefault(other => OnSamePath(key, other)) is { } userKey)
            {
                yield return (key, $"lies on the same path as '{userKey}': a key cannot be both a value and a table");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$")]
    private static partial Regex GroupName();
}
