using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>
/// The AWS regions we accept, with their availability-zone letters. Zone letters are mapped per account
/// for older regions, so the defaults are the letters every account sees; check your own with
/// <c>aws ec2 describe-availability-zones</c>. One table, easy to extend: add a line when AWS opens a region.
/// </summary>
public static class AwsRegions
{
    private static readonly (string Name, string Partition, string Letters)[] s_table =
    [
        ("us-east-1", "aws", "abcdef"), ("us-east-2", "aws", "abc"), ("us-west-1", "aws", "ac"), ("us-west-2", "aws", "abcd"),
        ("ca-central-1", "aws", "abd"), ("ca-west-1", "aws", "abc"), ("mx-central-1", "aws", "abc"), ("sa-east-1", "aws", "abc"),
        ("eu-west-1", "aws", "abc"), ("eu-west-2", "aws", "abc"), ("eu-west-3", "aws", "abc"), ("eu-central-1", "aws", "abc"),
        ("eu-central-2", "aws", "abc"), ("eu-north-1", "aws", "abc"), ("eu-south-1", "aws", "abc"), ("eu-south-2", "aws", "abc"),
        ("af-south-1", "aws", "abc"), ("il-central-1", "aws", "abc"), ("me-south-1", "aws", "abc"), ("me-central-1", "aws", "abc"),
        ("ap-east-1", "aws", "abc"), ("ap-east-2", "aws", "abc"), ("ap-south-1", "aws", "abc"), ("ap-south-2", "aws", "abc"),
        ("ap-northeast-1", "aws", "acd"), ("ap-northeast-2", "aws", "abcd"), ("ap-northeast-3", "aws", "abc"),
        ("ap-southeast-1", "aws", "abc"), ("ap-southeast-2", "aws", "abc"), ("ap-southeast-3", "aws", "abc"),
        ("ap-southeast-4", "aws", "abc"), ("ap-southeast-5", "aws", "abc"), ("ap-southeast-7", "aws", "abc"),
        ("cn-north-1", "aws-cn", "abd"), ("cn-northwest-1", "aws-cn", "abc"),
        ("us-gov-west-1", "aws-us-gov", "abc"), ("us-gov-east-1", "aws-us-gov", "abc"),
    ];

    /// <summary>Every known region, by name.</summary>
    public static ImmutableSortedDictionary<string, AwsRegion> All { get; } = s_table.ToImmutableSortedDictionary(
        row => row.Name,
        row => new AwsRegion(row.Name, row.Partition, row.Letters.ToImmutableArray()),
        StringComparer.Ordinal);

    /// <summary>The default region.</summary>
    public static AwsRegion Default => All["us-east-1"];
}
