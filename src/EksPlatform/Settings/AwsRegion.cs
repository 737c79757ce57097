using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>A region and the availability-zone letters it offers.</summary>
/// <param name="Name">Region code, e.g. <c>us-east-1</c>.</param>
/// <param name="Partition">aws, aws-cn or aws-us-gov.</param>
/// <param name="ZoneLetters">Zone suffixes; the first three are the default zones.</param>
public sealed record AwsRegion(string Name, string Partition, ImmutableArray<char> ZoneLetters)
{
    /// <summary>The default availability zones: the first three of the region.</summary>
    public ImmutableArray<string> DefaultZones(int count = 3) =>
        ZoneLetters.Take(count).Select(letter => $"{Name}{letter}").ToImmutableArray();

    /// <summary>Whether <paramref name="zone"/> names a zone of this region.</summary>
    public bool HasZone(string zone) =>
        zone.Length == Name.Length + 1 && zone.StartsWith(Name, StringComparison.Ordinal) && ZoneLetters.Contains(zone[^1]);
}
