using System.Collections.Immutable;

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

/// <summary>One managed node group on its own launch template.</summary>
public sealed record NodeGroupSettings
{
    /// <summary>Unique name within the platform; part of construct IDs, so renaming replaces the group.</summary>
    public required string Name { get; init; }

    /// <summary>A system group is tainted <c>CriticalAddonsOnly=true:NoSchedule</c> for cluster-critical add-ons.</summary>
    public required bool System { get; init; }

    /// <summary>Instance types, all of <see cref="Architecture"/> (create-only on the node group).</summary>
    public required ImmutableArray<InstanceTypeInfo> InstanceTypes { get; init; }

    /// <summary>The architecture shared by every instance type.</summary>
    public CpuArchitecture Architecture => InstanceTypes[0].Architecture;

    /// <summary>On-demand or spot (create-only).</summary>
    public required CapacityType CapacityType { get; init; }

    /// <summary>Lower bound of the group.</summary>
    public required int MinSize { get; init; }

    /// <summary>Nodes at creation (the cluster autoscaler changes it at run time).</summary>
    public required int DesiredSize { get; init; }

    /// <summary>Upper bound of the group.</summary>
    public required int MaxSize { get; init; }

    /// <summary>Size of the Bottlerocket OS volume <c>/dev/xvda</c>.</summary>
    public required int OsVolumeGiB { get; init; }

    /// <summary>Size of the Bottlerocket data volume <c>/dev/xvdb</c> (images, container storage).</summary>
    public required int DataVolumeGiB { get; init; }

    /// <summary>Managed (EKS picks the AMI) or custom (SSM parameter, full bootstrap).</summary>
    public required AmiMode AmiMode { get; init; }

    /// <summary>Managed mode: pinned EKS AMI release version; absent = the latest for the Kubernetes version.</summary>
    public string? ReleaseVersion { get; init; }

    /// <summary>Custom mode: pinned Bottlerocket version in the SSM parameter path; absent = latest.</summary>
    public string? BottlerocketVersion { get; init; }

    /// <summary>Kubernetes labels.</summary>
    public required ImmutableSortedDictionary<string, string> Labels { get; init; }

    /// <summary>Kubernetes taints (the system taint is added for system groups).</summary>
    public required ImmutableArray<NodeTaint> Taints { get; init; }

    /// <summary>Nodes replaced at a time during updates.</summary>
    public required int MaxUnavailable { get; init; }

    /// <summary>Keep Bottlerocket's control host container (SSM Session Manager access) on.</summary>
    public required bool ControlContainer { get; init; }

    /// <summary>IMDSv2 hop limit: 1 by default (pods on the pod network cannot reach instance metadata); 2 by explicit setting only.</summary>
    public required int ImdsHopLimit { get; init; }

    /// <summary>
    /// Extra Bottlerocket settings, by dotted path below <c>settings.</c> (e.g. <c>kubernetes.max-pods</c>). Each path
    /// segment is a bare TOML key: EKS rejects quoted keys in the user data it merges.
    /// </summary>
    public required ImmutableSortedDictionary<string, object> ExtraSettings { get; init; }
}
