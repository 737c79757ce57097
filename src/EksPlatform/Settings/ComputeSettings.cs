using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>Who runs the cluster's compute (settings <c>compute.mode</c>).</summary>
public enum ComputeMode
{
    /// <summary>Managed node groups on the platform's launch templates (settings value <c>managedNodeGroups</c>, the default).</summary>
    ManagedNodeGroups,

    /// <summary>EKS Auto Mode: AWS runs compute, block storage and load balancing (settings value <c>autoMode</c>; docs/auto-mode.md).</summary>
    AutoMode,
}

/// <summary>Who provides a node hardening under EKS Auto Mode.</summary>
public enum HardeningOwner
{
    /// <summary>The platform still sets it (through the custom NodeClass, the StorageClass or the key policy).</summary>
    Platform,

    /// <summary>AWS fixes it on Auto Mode nodes; the platform cannot change it.</summary>
    Aws,

    /// <summary>Nothing sets it under Auto Mode (or what AWS does is not documented).</summary>
    NotSettable,
}

/// <summary>One node hardening of the managed node groups and what becomes of it under Auto Mode (docs/auto-mode.md §10).</summary>
/// <param name="Setting">What is hardened.</param>
/// <param name="ManagedNodeGroups">What the platform's launch templates do.</param>
/// <param name="AutoMode">What holds on Auto Mode nodes.</param>
/// <param name="Owner">Who provides it under Auto Mode.</param>
/// <param name="Source">The section of docs/auto-mode.md it rests on.</param>
public sealed record NodeHardening(string Setting, string ManagedNodeGroups, string AutoMode, HardeningOwner Owner, string Source);

/// <summary>The compute of the cluster: managed node groups, or EKS Auto Mode with its built-in node pools.</summary>
public sealed record ComputeSettings
{
    /// <summary>The built-in node pool values EKS accepts in <c>ComputeConfig.NodePools</c>, exactly (docs/auto-mode.md §1).</summary>
    public static readonly ImmutableArray<string> BuiltInNodePools = ["general-purpose", "system"];

    /// <summary>Default built-in pools: only <c>system</c>; workloads go to the platform's encrypted NodePool.</summary>
    public static readonly ImmutableArray<string> DefaultNodePools = ["system"];

    /// <summary>
    /// Which hardening of the managed node groups applies under Auto Mode and which AWS manages itself. Auto Mode runs
    /// AWS-managed, Bottlerocket-based nodes (docs/auto-mode.md §4, §10): no launch template or user data of the
    /// platform reaches them, so node-group settings are refused under <c>compute.mode: autoMode</c>.
    /// </summary>
    public static readonly ImmutableArray<NodeHardening> Hardening =
    [
        new("operating system", "Bottlerocket (EKS-managed or custom AMI)", "AWS-chosen Bottlerocket variant, AWS-managed; custom AMIs not supported",
            HardeningOwner.Aws, "docs/auto-mode.md §4, §10"),
        new("IMDS", "IMDSv2 required, hop limit 1 (imdsHopLimit)", "IMDSv2 enforced, hop limit 1, cannot be changed", HardeningOwner.Aws,
            "docs/auto-mode.md §10"),
        new("SSH", "no SSH server, admin container off, no key pair", "not available", HardeningOwner.Aws, "docs/auto-mode.md §10"),
        new("SSM Session Manager", "control container on, AmazonSSMManagedInstanceCore", "not available (no SSM policy on the node roles)",
            HardeningOwner.NotSettable, "docs/auto-mode.md §3, §10"),
        new("root filesystem and SELinux", "Bottlerocket defaults (dm-verity, SELinux enforcing)", "read-only root, SELinux enforcing",
            HardeningOwner.Aws, "docs/auto-mode.md §10"),
        new("kernel lockdown", "integrity, written in the user data", "UNVERIFIED: not documented for the Auto Mode variant; no user data",
            HardeningOwner.NotSettable, "docs/auto-mode.md §10, §12"),
        new("node volumes", "gp3, encrypted with the platform EBS key", "always encrypted; the platform NodeClass names the platform EBS key " +
            "(ephemeralStorage.kmsKeyID); the built-in pools use the AWS managed key", HardeningOwner.Platform, "docs/auto-mode.md §5, §10"),
        new("workload volumes", "StorageClass ebs.csi.aws.com, gp3, encrypted with the platform EBS key",
            "StorageClass ebs.csi.eks.amazonaws.com, gp3, encrypted with the platform EBS key", HardeningOwner.Platform, "docs/auto-mode.md §6"),
        new("node lifetime", "none", "at most 21 days; the platform NodePool expires nodes after 14 days", HardeningOwner.Platform,
            "docs/auto-mode.md §4"),
    ];

    /// <summary>Managed node groups or Auto Mode.</summary>
    public ComputeMode Mode { get; init; } = ComputeMode.ManagedNodeGroups;

    /// <summary>Auto Mode: the built-in node pools EKS runs (<c>general-purpose</c>, <c>system</c>, or none).</summary>
    public ImmutableArray<string> NodePools { get; init; } = DefaultNodePools;

    /// <summary>Auto Mode: the vCPU limit of the platform's encrypted NodePool (<c>spec.limits.cpu</c>).</summary>
    public int MaxVcpu { get; init; } = 100;

    /// <summary>Whether Auto Mode runs the compute.</summary>
    public bool IsAutoMode => Mode == ComputeMode.AutoMode;

    /// <summary>Whether the cluster has <c>ComputeConfig.NodeRoleArn</c>: exactly when a built-in pool is on (docs/auto-mode.md §1).</summary>
    public bool HasBuiltInNodePools => IsAutoMode && !NodePools.IsDefaultOrEmpty;

    /// <summary>
    /// The compute's own invariants, shared by the settings loader (which reports them at <c>compute.*</c>) and the
    /// constructs (which throw on the first with the prop's name).
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (!Enum.IsDefined(Mode))
        {
            yield return ("mode", $"{(int)Mode} is not a compute mode; choose managedNodeGroups or autoMode");
        }

        var pools = NodePools.IsDefault ? [] : NodePools;
        for (var i = 0; i < pools.Length; i++)
        {
            if (!BuiltInNodePools.Contains(pools[i]))
            {
                yield return ($"autoMode.nodePools[{i}]", $"'{pools[i]}' is not a built-in node pool; EKS has exactly general-purpose and system " +
                    "(case sensitive, docs/auto-mode.md §1)");
            }
        }

        foreach (var repeated in pools.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return ("autoMode.nodePools", $"lists {repeated.Key} {repeated.Count()} times; list each pool once");
        }

        if (MaxVcpu is < 2 or > 100_000)
        {
            yield return ("autoMode.maxVcpu", $"{MaxVcpu} is outside 2-100000 vCPUs");
        }
    }
}
