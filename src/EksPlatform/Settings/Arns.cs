using System.Text.RegularExpressions;

namespace EksPlatform.Settings;

/// <summary>
/// The forms of the ARNs settings accept, checked before anything is synthesized (an ARN in the wrong partition or of
/// the wrong kind would otherwise fail only at deploy). Forms: docs/eks-deploy-facts.md §3 and docs/limits-and-policies.md.
/// </summary>
public static partial class Arns
{
    /// <summary>An example of an IAM Identity Center role ARN, path included, for messages.</summary>
    public const string IdentityCenterExample =
        "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_PlatformAdmins_0123456789abcdef";

    /// <summary>The partition of an IAM role or user ARN, or null when <paramref name="arn"/> is not one.</summary>
    public static string? PrincipalPartition(string arn) =>
        PrincipalPattern().Match(arn) is { Success: true } match ? match.Groups["partition"].Value : null;

    /// <summary>Why <paramref name="arn"/> is not an IAM role or user ARN, or null when it is one.</summary>
    public static string? PrincipalProblem(string arn) => PrincipalPartition(arn) is not null ? null
        : $"'{arn}' is not an IAM role or user ARN: expected arn:<partition>:iam::<12-digit account>:role/<name> or :user/<name>; " +
            $"for IAM Identity Center give the role's full ARN with its path, for example {IdentityCenterExample}";

    /// <summary>Partition, region and account of an SNS topic ARN, or null when <paramref name="arn"/> is not one.</summary>
    public static (string Partition, string Region, string Account)? Topic(string arn) =>
        TopicPattern().Match(arn) is { Success: true } match
            ? (match.Groups["partition"].Value, match.Groups["region"].Value, match.Groups["account"].Value)
            : null;

    /// <summary>IAM names: letters, digits and <c>+=,.@_-</c>; paths of <c>/</c>-separated segments (IAM user guide, identifiers).</summary>
    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):iam::\d{12}:(role|user)/([\w+=,.@-]+/)*[\w+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalPattern();

    /// <summary>Topic names: letters, digits, '-' and '_', at most 256 (FIFO topics end in .fifo).</summary>
    [GeneratedRegex(@"^arn:(?<partition>aws|aws-cn|aws-us-gov):sns:(?<region>[a-z]{2}(-gov)?-[a-z]+-\d):(?<account>\d{12}):[A-Za-z0-9_-]{1,256}(\.fifo)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex TopicPattern();
}
