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
/// "g" after the generation digit. Sizes follow EC2's fixed vCPU ladder; memory per vCPU is the family's ratio.
/// Extend a family list to admit more types.
/// </summary>
public static class InstanceTypes
{
    private static readonly (string Family, CpuArchitecture Arch, double GiBPerVcpu)[] s_families =
    [
        ("m5", CpuArchitecture.X8664, 4), ("m5a", CpuArchitecture.X8664, 4), ("m6i", CpuArchitecture.X8664, 4),
        ("m6a", CpuArchitecture.X8664, 4), ("m7i", CpuArchitecture.X8664, 4), ("m7i-flex", CpuArchitecture.X8664, 4),
        ("m7a", CpuArchitecture.X8664, 4), ("c5", CpuArchitecture.X8664, 2), ("c6i", CpuArchitecture.X8664, 2),
        ("c6a", CpuArchitecture.X8664, 2), ("c7i", CpuArchitecture.X8664, 2), ("c7a", CpuArchitecture.X8664, 2),
        ("r5", CpuArchitecture.X8664, 8), ("r6i", CpuArchitecture.X8664, 8), ("r6a", CpuArchitecture.X8664, 8),
        ("r7i", CpuArchitecture.X8664, 8), ("r7a", CpuArchitecture.X8664, 8),
        ("m6g", CpuArchitecture.Arm64, 4), ("m7g", CpuArchitecture.Arm64, 4), ("m8g", CpuArchitecture.Arm64, 4),
        ("c6g", CpuArchitecture.Arm64, 2), ("c7g", CpuArchitecture.Arm64, 2), ("c8g", CpuArchitecture.Arm64, 2),
        ("r6g", CpuArchitecture.Arm64, 8), ("r7g", CpuArchitecture.Arm64, 8), ("r8g", CpuArchitecture.Arm64, 8),
    ];

    private static readonly (string Size, int Vcpus)[] s_sizes =
        [("large", 2), ("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("8xlarge", 32), ("12xlarge", 48), ("16xlarge", 64)];

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
        .SelectMany(f => s_sizes.Select(s => new InstanceTypeInfo($"{f.Family}.{s.Size}", f.Arch, s.Vcpus, s.Vcpus * f.GiBPerVcpu)))
        .Concat(s_burstable)
        .ToImmutableSortedDictionary(t => t.Name, t => t, StringComparer.Ordinal);
}
