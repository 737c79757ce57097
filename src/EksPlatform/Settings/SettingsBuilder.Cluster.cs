using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;

namespace EksPlatform.Settings;

/// <summary>
/// The cluster rules: who can use the cluster (the platform's admin role and access entries), who can reach its
/// endpoint, public access, the Kubernetes version and its support calendar.
/// </summary>
internal sealed partial class SettingsBuilder
{
    /// <summary>Ranges that are not on the internet: RFC 1918 and the RFC 6598 shared space some VPNs hand out.</summary>
    internal static readonly IPNetwork[] NonPublicRanges =
        [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("100.64.0.0/10")];

    /// <summary>How long before the end of standard support <c>plan</c> and <c>synth</c> start to warn.</summary>
    internal const int SupportWarningDays = 90;

    private static readonly Dictionary<string, EksAccessPolicy> s_policies = new(StringComparer.Ordinal)
    {
        ["clusterAdmin"] = EksAccessPolicy.ClusterAdmin,
        ["admin"] = EksAccessPolicy.Admin,
        ["edit"] = EksAccessPolicy.Edit,
        ["view"] = EksAccessPolicy.View,
    };

    private ClusterSettings? Cluster(bool production, AwsRegion? region, NetworkSettings? network)
    {
        var version = Version();
        var publicAccess = Bool("cluster.endpointPublicAccess") ?? false;
        var cidrs = Strings("cluster.publicAccessCidrs");
        cidrs = cidrs.IsDefault ? [] : cidrs;
        var readable = true;
        for (var i = 0; i < cidrs.Length; i++)
        {
            if (!cidrs[i].Contains('/', StringComparison.Ordinal) || !IPNetwork.TryParse(cidrs[i], out _))
            {
                Error($"cluster.publicAccessCidrs[{i}]", $"'{cidrs[i]}' is not a CIDR block such as 203.0.113.0/24");
                readable = false;
            }
        }

        // Judged by the addresses the list covers together, not by the text 0.0.0.0/0: two /1s are as open as a /0.
        // The same rule as the preflight's CIS-5.4.2 check (README "Compliance"; PublicAddressCoverage).
        var coverage = PublicAddressCoverage.Of(cidrs);
        if (readable && coverage.IsOpenToInternet)
        {
            var message = $"together the blocks cover {coverage.PublicIpv4Addresses:N0} public IPv4 addresses" +
                (coverage.WideIpv6Prefixes.Count > 0 ? $" and the IPv6 prefix {coverage.WideIpv6Prefixes[0]}" : "") +
                $", which counts as open to the internet (from {PublicAddressCoverage.OpenToInternetIpv4Addresses:N0}, a /8's worth, " +
                $"or an IPv6 prefix of /{PublicAddressCoverage.OpenToInternetIpv6PrefixLength} or shorter); list your own networks";
            issues.Add(new SettingsIssue("cluster.publicAccessCidrs", production ? message : message + " (allowed in development)",
                production ? IssueSeverity.Error : IssueSeverity.Warning));
        }

        if (Node("cluster.admins") is not null)
        {
            Error("cluster.admins", "was replaced by cluster.accessEntries (each with principalArn and policy: clusterAdmin | admin | edit | view); " +
                "the platform now also creates its own cluster-admin role (stack output AdminRoleArn)");
        }

        var partition = region?.Partition;
        var addons = Node("cluster.addons") as JsonObject;
        var settings = version is null ? null : new ClusterSettings
        {
            Name = Str("cluster.name") ?? "",
            KubernetesVersion = version,
            UpgradePolicy = Str("cluster.upgradePolicy") == "EXTENDED" ? UpgradePolicy.Extended : UpgradePolicy.Standard,
            EndpointPublicAccess = publicAccess,
            PublicAccessCidrs = cidrs,
            LogRetentionDays = Int("cluster.logRetentionDays") ?? 30,
            AdminRole = new AdminRoleSettings { AssumableBy = PrincipalArns("cluster.adminRole.assumableBy", partition) },
            AccessEntries = AccessEntries(partition),
            EndpointAccess = EndpointAccess(production, network),
            ZonalShift = Bool("cluster.zonalShift") ?? false,
            AddonVersions = (addons ?? []).Where(p => p.Value is JsonValue)
                .ToImmutableSortedDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal),
            OidcProvider = Bool("cluster.oidcProvider"),
        };

        // The cluster's own rules (shared with PlatformCluster), except where the schema already refused the field.
        foreach (var (field, message) in settings?.Problems() ?? [])
        {
            if (!invalid.Contains($"cluster.{field}") && !(field == "publicAccessCidrs" && !readable))
            {
                Error($"cluster.{field}", message);
            }
        }

        return settings;
    }

    private ImmutableArray<AccessEntrySettings> AccessEntries(string? partition)
    {
        const string path = "cluster.accessEntries";
        if (Node(path) is not JsonArray entries)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<AccessEntrySettings>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entryPath = $"{path}[{i}]";
            var arn = Str($"{entryPath}.principalArn");
            var policyText = Str($"{entryPath}.policy");
            var namespaces = Strings($"{entryPath}.namespaces");
            namespaces = namespaces.IsDefault ? [] : namespaces;
            if (arn is null || policyText is null || !s_policies.TryGetValue(policyText, out var policy))
            {
                continue; // the schema reported what is missing or wrong
            }

            // The principal's form (the entry's own rule, in the same words) or else its partition.
            CheckPrincipal($"{entryPath}.principalArn", arn, partition);
            if (seen.TryGetValue(arn, out var first))
            {
                Error($"{entryPath}.principalArn",
                    $"{arn} already has an access entry at {path}[{first}]; EKS allows one entry per principal, so give it one policy");
            }

            seen.TryAdd(arn, i);
            // The entry's other rules (shared with ClusterAccessEntry), except where the schema already refused the field.
            var entry = new AccessEntrySettings(arn, policy, namespaces);
            foreach (var (field, message) in entry.Problems().Where(p => p.Field != "principalArn"))
            {
                if (!invalid.Contains($"{entryPath}.{field}"))
                {
                    Error($"{entryPath}.{field}", message);
                }
            }

            result.Add(entry);
        }

        return result.ToImmutable();
    }

    private ImmutableArray<string> PrincipalArns(string path, string? partition)
    {
        var arns = Strings(path);
        if (arns.IsDefault)
        {
            return [];
        }

        for (var i = 0; i < arns.Length; i++)
        {
            CheckPrincipal($"{path}[{i}]", arns[i], partition);
        }

        return arns;
    }

    private void CheckPrincipal(string path, string arn, string? partition)
    {
        var arnPartition = Arns.PrincipalPartition(arn);
        if (Arns.PrincipalProblem(arn) is { } problem)
        {
            Error(path, problem);
        }
        else if (partition is not null && arnPartition != partition)
        {
            Error(path, $"'{arn}' is in the {arnPartition} partition, but the region's partition is {partition}; IAM principals are per partition");
        }
    }

    /// <summary>
    /// With the public endpoint off, only sources that the cluster security group admits on 443 can reach the API
    /// (docs/eks-deploy-facts.md §4). Default: the VPC's own range, so a bastion or Session Manager host in the VPC works.
    /// </summary>
    private EndpointAccessSettings EndpointAccess(bool production, NetworkSettings? network)
    {
        const string path = "cluster.endpointAccess";
        var cidrs = Strings($"{path}.cidrs");
        if (cidrs.IsDefault)
        {
            cidrs = network is null ? [] : [network.VpcCidr.ToString()];
        }

        for (var i = 0; i < cidrs.Length; i++)
        {
            var field = $"{path}.cidrs[{i}]";
            if (!IPNetwork.TryParse(cidrs[i], out var cidr) || cidr.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                Error(field, $"'{cidrs[i]}' is not an IPv4 CIDR block such as 10.20.0.0/16");
            }
            else if (cidr.ToString() != cidrs[i])
            {
                Error(field, $"'{cidrs[i]}' has host bits set; did you mean {cidr}?");
            }
            else if (!NonPublicRanges.Any(range => range.Contains(cidr.BaseAddress) && cidr.PrefixLength >= range.PrefixLength))
            {
                var message = $"'{cidrs[i]}' is a public range; the private endpoint is for networks connected to the VPC " +
                    "(VPN, Direct Connect, peering, transit gateway): 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10";
                issues.Add(new SettingsIssue(field, production ? message : message + " (allowed in development)",
                    production ? IssueSeverity.Error : IssueSeverity.Warning));
            }
        }

        var groups = Strings($"{path}.securityGroupIds");
        return new EndpointAccessSettings { Cidrs = cidrs, SecurityGroupIds = groups.IsDefault ? [] : groups };
    }

    /// <summary>
    /// With upgradePolicy STANDARD, EKS upgrades the control plane itself when standard support ends, and the template's
    /// Version then disagrees with the cluster (docs/eks-deploy-facts.md §6). Warn from <see cref="SupportWarningDays"/> days before.
    /// </summary>
    private void WarnBeforeAutomaticUpgrade(KubernetesVersionInfo version)
    {
        var daysLeft = version.EndOfStandardSupport.DayNumber - today.DayNumber;
        if (Str("cluster.upgradePolicy") == "EXTENDED" || daysLeft < 0 || daysLeft > SupportWarningDays)
        {
            return;
        }

        var next = KubernetesVersions.All.Values.Where(v => v.Released > version.Released).MinBy(v => v.Released);
        issues.Add(new SettingsIssue("cluster.kubernetesVersion",
            $"standard support for Kubernetes {version.Version} ends on {version.EndOfStandardSupport:yyyy-MM-dd} ({daysLeft} days); " +
            "with upgradePolicy STANDARD, " +
            "EKS then upgrades the control plane by itself and the template no longer matches the cluster. Upgrade through the template first: " +
            $"set cluster.kubernetesVersion to \"{next?.Version ?? "the next minor"}\" (one minor at a time), run plan, then deploy; " +
            "or choose upgradePolicy EXTENDED to stay (billed at the extended-support rate)",
            IssueSeverity.Warning));
    }
}
