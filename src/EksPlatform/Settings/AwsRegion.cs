using System.Collections.Immutable;

using EksPlatform.Preflight;

namespace EksPlatform.Settings;

/// <summary>A region, its partition, and the Availability Zone IDs a cited source lists for it (docs/eks-deploy-facts.md §1-2).</summary>
/// <param name="Name">Region code, e.g. <c>us-east-1</c>.</param>
/// <param name="Partition">aws, aws-cn or aws-us-gov.</param>
/// <param name="ZoneIdPrefix">What every zone ID of the region starts with, before <c>-az</c> (<c>use1</c>).</param>
/// <param name="ZoneIds">The region's zone IDs as the cited source lists them; empty where no source was found.</param>
public sealed record AwsRegion(string Name, string Partition, string ZoneIdPrefix, ImmutableArray<string> ZoneIds)
{
    /// <summary>
    /// The zones used when settings name none: the first three listed zone IDs that EKS accepts for the control
    /// plane. Empty where fewer than three are known; the user then lists them.
    /// </summary>
    public ImmutableArray<string> DefaultZoneIds
    {
        get
        {
            var allowed = ZoneIds.Where(id => !EksZoneRules.RefusedForControlPlane.Contains(id)).Take(3).ToImmutableArray();
            return allowed.Length == 3 ? allowed : [];
        }
    }

    /// <summary>Whether <paramref name="zoneId"/> has this region's form (<c>use1-az</c> and a number).</summary>
    public bool HasZoneIdForm(string zoneId) =>
        zoneId.StartsWith(ZoneIdPrefix + "-az", StringComparison.Ordinal) && zoneId.Length > ZoneIdPrefix.Length + 3
        && zoneId[(ZoneIdPrefix.Length + 3)..].All(char.IsAsciiDigit);

    /// <summary>Whether <paramref name="text"/> is a zone name of this region (<c>us-east-1a</c>) rather than an ID.</summary>
    public bool IsZoneName(string text) =>
        text.Length == Name.Length + 1 && text.StartsWith(Name, StringComparison.Ordinal) && char.IsAsciiLetterLower(text[^1]);

    /// <summary>
    /// Why <paramref name="zone"/> cannot hold this region's cluster subnets, or null when it can: it is a zone name
    /// rather than an ID, not of this region's form, not one of the region's recorded IDs, or a zone EKS refuses for the
    /// control plane (docs/eks-deploy-facts.md §1-2). The settings loader and <see cref="Network.PlatformNetwork"/> share it.
    /// </summary>
    public string? ZoneIdProblem(string zone)
    {
        if (IsZoneName(zone))
        {
            return $"'{zone}' is a zone name; give zone IDs instead ({ZoneIdPrefix}-az1 …). AWS maps zone names to " +
                "physical zones independently for each account, so a name can mean a zone where EKS refuses cluster subnets; " +
                $"a zone ID means the same zone in every account. `{DescribeZonesCommand}` shows your names next to their IDs";
        }

        if (!HasZoneIdForm(zone))
        {
            return $"'{zone}' is not an Availability Zone ID of {Name}; its zone IDs look like {ZoneIdPrefix}-az1 " +
                $"(`{DescribeZonesCommand}` lists them)";
        }

        if (!ZoneIds.IsEmpty && !ZoneIds.Contains(zone))
        {
            return $"{Name} has no zone {zone}; its zone IDs are {string.Join(", ", ZoneIds)}";
        }

        return EksZoneRules.RefusedForControlPlane.Contains(zone)
            ? $"EKS does not accept cluster subnets in {zone} ({Name}): the EKS user guide lists it among the zones where " +
                $"CreateCluster fails; choose another zone ID of {Name}"
            : null;
    }

    /// <summary>The AWS CLI command that shows the account's zone names next to their IDs.</summary>
    public string DescribeZonesCommand =>
        $"aws ec2 describe-availability-zones --region {Name} --query \"AvailabilityZones[].[ZoneName,ZoneId]\" --output table";
}
