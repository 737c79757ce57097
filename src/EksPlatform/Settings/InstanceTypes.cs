using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>CPU architecture of an instance type; selects the Bottlerocket AMI.</summary>
public enum CpuArchitecture
{
    /// <summary>Intel and AMD (x86_64).</summary>
    X8664,

    /// <summary>AWS Graviton.</summary>
    Arm64,
}

/// <summary>An instance type the platform knows: its architecture and size.</summary>
public sealed record InstanceTypeInfo(string Name, CpuArchitecture Architecture, int Vcpus, double MemoryGiB);

/// <summary>
/// General-purpose, compute- and memory-optimised families that Bottlerocket's standard variants run on
/// (GPU families need the -nvidia variants, which the platform does not offer yet). Graviton families carry a
/// "g" after the generation digit. Each family lists the sizes it really has; memory per vCPU is the family's ratio.
/// Extend a family list to admit more types.
/// </summary>
public static class InstanceTypes
{
    // The size ladder most families share (medium and the largest sizes left out: too small or too large for nodes).
    private static readonly (string Size, int Vcpus)[] s_ladder =
        [("large", 2), ("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("8xlarge", 32), ("12xlarge", 48), ("16xlarge", 64)];

    // c5 skips 8xlarge and 16xlarge (it has 9xlarge and 18xlarge); m7i-flex stops at 8xlarge.
    private static readonly (string Size, int Vcpus)[] s_c5Ladder =
        [("large", 2), ("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("9xlarge", 36), ("12xlarge", 48), ("18xlarge", 72)];

    private static readonly (string Family, CpuArchitecture Arch, double GiBPerVcpu, (string Size, int Vcpus)[] Sizes)[] s_families =
    [
        ("m5", CpuArchitecture.X8664, 4, s_ladder), ("m5a", CpuArchitecture.X8664, 4, s_ladder), ("m6i", CpuArchitecture.X8664, 4, s_ladder),
        ("m6a", CpuArchitecture.X8664, 4, s_ladder), ("m7i", CpuArchitecture.X8664, 4, s_ladder), ("m7i-flex", CpuArchitecture.X8664, 4, s_ladder[..5]),
        ("m7a", CpuArchitecture.X8664, 4, s_ladder), ("c5", CpuArchitecture.X8664, 2, s_c5Ladder), ("c6i", CpuArchitecture.X8664, 2, s_ladder),
        ("c6a", CpuArchitecture.X8664, 2, s_ladder), ("c7i", CpuArchitecture.X8664, 2, s_ladder), ("c7a", CpuArchitecture.X8664, 2, s_ladder),
        ("r5", CpuArchitecture.X8664, 8, s_ladder), ("r6i", CpuArchitecture.X8664, 8, s_ladder), ("r6a", CpuArchitecture.X8664, 8, s_ladder),
        ("r7i", CpuArchitecture.X8664, 8, s_ladder), ("r7a", CpuArchitecture.X8664, 8, s_ladder),
        ("m6g", CpuArchitecture.Arm64, 4, s_ladder), ("m7g", CpuArchitecture.Arm64, 4, s_ladder), ("m8g", CpuArchitecture.Arm64, 4, s_ladder),
        ("c6g", CpuArchitecture.Arm64, 2, s_ladder), ("c7g", CpuArchitecture.Arm64, 2, s_ladder), ("c8g", CpuArchitecture.Arm64, 2, s_ladder),
        ("r6g", CpuArchitecture.Arm64, 8, s_ladder), ("r7g", CpuArchitecture.Arm64, 8, s_ladder), ("r8g", CpuArchitecture.Arm64, 8, s_ladder),
    ];

    // Burstable types have their own memory ladder.
    private static readonly InstanceTypeInfo[] s_burstable =
    [
        new("t3.medium", CpuArchitecture.X8664, 2, 4), new("t3.large", CpuArchitecture.X8664, 2, 8),
        new("t3.xlarge", CpuArchitecture.X8664, 4, 16), new("t3.2xlarge", CpuArchitecture.X8664, 8, 32),
        new("t3a.medium", CpuArchitecture.X8664, 2, 4), new("t3a.large", CpuArchitecture.X8664, 2, 8),
        new("t3a.xlarge", CpuArchitecture.X8664, 4, 16), new("t4g.medium", CpuArchitecture.Arm64, 2, 4),
        new("t4g.large", CpuArchitecture.Arm64, 2, 8), new("t4g.xlarge", CpuArchitecture.Arm64, 4, 16),
    ];

    /// <summary>Every known instance type, by name.</summary>
    public static ImmutableSortedDictionary<string, InstanceTypeInfo> All { get; } = s_families
        .SelectMany(f => f.Sizes.Select(s => new InstanceTypeInfo($"{f.Family}.{s.Size}", f.Arch, s.Vcpus, s.Vcpus * f.GiBPerVcpu)))
        .Concat(s_burstable)
        .ToImmutableSortedDictionary(t => t.Name, t => t, StringComparer.Ordinal);
}
