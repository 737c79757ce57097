using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>
/// The AWS regions we accept, with their Availability Zone IDs. The zone IDs of commercial regions are those the AWS
/// Availability Zones page lists (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html;
/// docs/eks-deploy-facts.md §1-2, read 2026-12); eu-west-2's fourth zone appears only in the newer copy read, so it is left out. AWS lists
/// no zone IDs for aws-cn and aws-us-gov: there the ID prefix (UNVERIFIED, from the naming pattern) only checks the form,
/// and the user names the zones. One table, easy to extend: add a line when AWS opens a region or a zone.
/// </summary>
public static class AwsRegions
{
    /// <summary>Region, partition, zone ID prefix, and the numbers of the zone IDs listed (empty: none listed).</summary>
    private static readonly (string Name, string Partition, string ZoneIdPrefix, string ZoneNumbers)[] s_table =
    [
        ("us-east-1", "aws", "use1", "1,2,3,4,5,6"),
        ("us-east-2", "aws", "use2", "1,2,3"),
        ("us-west-1", "aws", "usw1", "1,2,3"),
        ("us-west-2", "aws", "usw2", "1,2,3,4"),
        ("ca-central-1", "aws", "cac1", "1,2,4"),
        ("ca-west-1", "aws", "caw1", "1,2,3"),
        ("mx-central-1", "aws", "mxc1", "1,2,3"),
        ("sa-east-1", "aws", "sae1", "1,2,3"),
        ("eu-west-1", "aws", "euw1", "1,2,3"),
        ("eu-west-2", "aws", "euw2", "1,2,3"),
        ("eu-west-3", "aws", "euw3", "1,2,3"),
        ("eu-central-1", "aws", "euc1", "1,2,3"),
        ("eu-central-2", "aws", "euc2", "1,2,3"),
        ("eu-north-1", "aws", "eun1", "1,2,3"),
        ("eu-south-1", "aws", "eus1", "1,2,3"),
        ("eu-south-2", "aws", "eus2", "1,2,3"),
        ("af-south-1", "aws", "afs1", "1,2,3"),
        ("il-central-1", "aws", "ilc1", "1,2,3"),
        ("me-south-1", "aws", "mes1", "1,2,3"),
        ("me-central-1", "aws", "mec1", "1,2,3"),
        ("ap-east-1", "aws", "ape1", "1,2,3"),
        ("ap-east-2", "aws", "ape2", "1,2,3"),
        ("ap-south-1", "aws", "aps1", "1,2,3"),
        ("ap-south-2", "aws", "aps2", "1,2,3"),
        ("ap-northeast-1", "aws", "apne1", "1,2,3,4"),
        ("ap-northeast-2", "aws", "apne2", "1,2,3,4"),
        ("ap-northeast-3", "aws", "apne3", "1,2,3"),
        ("ap-southeast-1", "aws", "apse1", "1,2,3"),
        ("ap-southeast-2", "aws", "apse2", "1,2,3"),
        ("ap-southeast-3", "aws", "apse3", "1,2,3"),
        ("ap-southeast-4", "aws", "apse4", "1,2,3"),
        ("ap-southeast-5", "aws", "apse5", "1,2,3"),
        ("ap-southeast-7", "aws", "apse7", "1,2,3"),
        ("cn-north-1", "aws-cn", "cnn1", ""),
        ("cn-northwest-1", "aws-cn", "cnnw1", ""),
        ("us-gov-west-1", "aws-us-gov", "usgw1", ""),
        ("us-gov-east-1", "aws-us-gov", "usge1", ""),
    ];

    /// <summary>Every known region, by name.</summary>
    public static ImmutableSortedDictionary<string, AwsRegion> All { get; } = s_table.ToImmutableSortedDictionary(
        row => row.Name,
        row => new AwsRegion(row.Name, row.Partition, row.ZoneIdPrefix,
            row.ZoneNumbers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => $"{row.ZoneIdPrefix}-az{n}").ToImmutableArray()),
        StringComparer.Ordinal);

    /// <summary>The default region.</summary>
    public static AwsRegion Default => All["us-east-1"];
}
