using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksPlatform.Settings;

/// <summary>
/// Checks what a schema cannot (real regions, CIDR arithmetic, support dates, cross-field rules), applies the
/// tier's defaults, and builds the immutable records. Every problem is collected; nothing stops at the first.
/// Values the schema already rejected are skipped so each problem is reported once.
/// </summary>
internal sealed partial class SettingsBuilder(JsonObject root, ISet<string> invalid, DateOnly today, List<SettingsIssue> issues)
{
    /// <summary>Interface endpoints on by default: the services nodes and the controllers call (design.md §3 Network).</summary>
    public static readonly ImmutableArray<string> DefaultInterfaceEndpoints =
        ["ecr.api", "ecr.dkr", "sts", "ec2", "logs", "eks", "eks-auth", "elasticloadbalancing", "autoscaling", "ssm"];

    private static readonly IPNetwork[] s_privateRanges =
        [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16")];

    public PlatformSettings? Build()
    {
        var tier = Enum<Tier>("tier") ?? Tier.Production;
        var production = tier == Tier.Production;
        var region = Region();
        var zones = Zones(region);
        var network = Network(production, zones.Length);
        var cluster = Cluster(production);
        var nodeGroups = NodeGroups();
        var controllers = Controllers();
        var observability = Observability(production);
        var errors = issues.Any(i => i.Severity == IssueSeverity.Error);
        return errors || region is null || network is null || cluster is null ? null : new PlatformSettings
        {
            Environment = Str("environment") ?? "",
            Tier = tier,
            Region = region,
            AvailabilityZones = zones,
            Tags = Tags(),
            Network = network,
            Encryption = new EncryptionSettings { DeletionWindowDays = Int("encryption.deletionWindowDays") ?? (production ? 30 : 7) },
            Cluster = cluster,
            Observability = observability,
            Controllers = controllers,
            NodeGroups = nodeGroups,
            Cost = Cost(),
            Protection = new ProtectionSettings
            {
                RetainOnDelete = Bool("protection.retainOnDelete") ?? production,
                TerminationProtection = Bool("protection.terminationProtection") ?? production,
            },
        };
    }

    private AwsRegion? Region()
    {
        if (invalid.Contains("region"))
        {
            return null;
        }

        var name = Str("region") ?? AwsRegions.Default.Name;
        if (AwsRegions.All.TryGetValue(name, out var region))
        {
            return region;
        }

        Error("region", $"'{name}' is not an AWS region; known regions: {string.Join(", ", AwsRegions.All.Keys)}");
        return null;
    }

    private ImmutableArray<string> Zones(AwsRegion? region)
    {
        if (region is null || invalid.Contains("availabilityZones"))
        {
            return [];
        }

        var given = Strings("availabilityZones");
        if (given.IsDefault)
        {
            if (region.ZoneLetters.Length < 3)
            {
                Error("availabilityZones", $"{region.Name} offers {region.ZoneLetters.Length} availability zones to most accounts; list them explicitly ({string.Join(", ", region.DefaultZones(region.ZoneLetters.Length))})");
            }

            return region.DefaultZones();
        }

        for (var i = 0; i < given.Length; i++)
        {
            if (!region.HasZone(given[i]))
            {
                Error($"availabilityZones[{i}]", $"'{given[i]}' is not a zone of {region.Name}; allowed: {string.Join(", ", region.DefaultZones(region.ZoneLetters.Length))}");
            }
        }

        return given;
    }

    private NetworkSettings? Network(bool production, int zoneCount)
    {
        var publicMask = Int("network.publicSubnetMask") ?? 24;
        var privateMask = Int("network.privateSubnetMask") ?? 19;
        var cidr = VpcCidr(publicMask, privateMask, zoneCount);
        var natText = Str("network.natGateways");
        return cidr is null ? null : new NetworkSettings
        {
            VpcCidr = cidr.Value,
            PublicSubnetMask = publicMask,
            PrivateSubnetMask = privateMask,
            NatGateways = natText is null ? (production ? NatMode.PerAz : NatMode.SingleGateway) : natText == "single" ? NatMode.SingleGateway : NatMode.PerAz,
            FlowLogRetentionDays = Int("network.flowLogRetentionDays") ?? (production ? 90 : 14),
            InterfaceEndpoints = Strings("network.interfaceEndpoints") is { IsDefault: false } list ? list : DefaultInterfaceEndpoints,
        };
    }

    private IPNetwork? VpcCidr(int publicMask, int privateMask, int zoneCount)
    {
        const string path = "network.vpcCidr";
        if (invalid.Contains(path))
        {
            return null;
        }

        var text = Str(path) ?? "10.0.0.0/16";
        if (!IPNetwork.TryParse(text, out var cidr) || cidr.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            Error(path, $"'{text}' is not an IPv4 CIDR block such as 10.0.0.0/16");
            return null;
        }

        // IPNetwork.TryParse masks host bits away, so compare the text with the network it parsed to.
        if (text != cidr.ToString())
        {
            Error(path, $"'{text}' has host bits set; did you mean {cidr}?");
        }

        if (!s_privateRanges.Any(range => range.Contains(cidr.BaseAddress) && cidr.PrefixLength >= range.PrefixLength))
        {
            Error(path, $"'{text}' is not a private range; allowed: inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
        }

        if (cidr.PrefixLength is < 16 or > 24)
        {
            Error(path, $"prefix /{cidr.PrefixLength} is not allowed; a VPC is /16 to /24");
        }
        else
        {
            foreach (var (field, mask) in new[] { ("network.publicSubnetMask", publicMask), ("network.privateSubnetMask", privateMask) })
            {
                if (mask <= cidr.PrefixLength && !invalid.Contains(field))
                {
                    Error(field, $"/{mask} subnets do not fit in the /{cidr.PrefixLength} VPC; use a prefix longer than {cidr.PrefixLength}");
                }
            }

            var needed = zoneCount * ((1L << (32 - publicMask)) + (1L << (32 - privateMask)));
            var available = 1L << (32 - cidr.PrefixLength);
            if (needed > available && publicMask > cidr.PrefixLength && privateMask > cidr.PrefixLength)
            {
                Error(path, $"/{cidr.PrefixLength} holds {available} addresses but {zoneCount} zones of /{publicMask} public and /{privateMask} private subnets need {needed}");
            }
        }

        return cidr;
    }

    private ClusterSettings? Cluster(bool production)
    {
        var version = Version();
        var publicAccess = Bool("cluster.endpointPublicAccess") ?? false;
        var cidrs = Strings("cluster.publicAccessCidrs");
        cidrs = cidrs.IsDefault ? [] : cidrs;
        for (var i = 0; i < cidrs.Length; i++)
        {
            var path = $"cluster.publicAccessCidrs[{i}]";
            if (!IPNetwork.TryParse(cidrs[i], out var cidr))
            {
                Error(path, $"'{cidrs[i]}' is not a CIDR block such as 203.0.113.0/24");
            }
            else if (cidr.PrefixLength == 0 && production)
            {
                Error(path, $"'{cidrs[i]}' opens the API endpoint to the whole internet, which production does not allow; list your networks");
            }
        }

        if (publicAccess && cidrs.IsEmpty && !invalid.Contains("cluster.publicAccessCidrs"))
        {
            Error("cluster.publicAccessCidrs", "the public endpoint is on, so list the CIDR blocks allowed to reach it (never 0.0.0.0/0 in production)");
        }
        else if (!publicAccess && !cidrs.IsEmpty)
        {
            Error("cluster.publicAccessCidrs", "given while cluster.endpointPublicAccess is false; set it to true or remove the list");
        }

        var admins = Strings("cluster.admins");
        admins = admins.IsDefault ? [] : admins;
        for (var i = 0; i < admins.Length; i++)
        {
            if (!PrincipalArn().IsMatch(admins[i]))
            {
                Error($"cluster.admins[{i}]", $"'{admins[i]}' is not an IAM role or user ARN (arn:<partition>:iam::<12-digit account>:role/<name> or :user/<name>)");
            }
        }

        var addons = root["cluster"]?["addons"] as JsonObject;
        return version is null ? null : new ClusterSettings
        {
            Name = Str("cluster.name") ?? "",
            KubernetesVersion = version,
            UpgradePolicy = Str("cluster.upgradePolicy") == "EXTENDED" ? UpgradePolicy.Extended : UpgradePolicy.Standard,
            EndpointPublicAccess = publicAccess,
            PublicAccessCidrs = cidrs,
            LogRetentionDays = Int("cluster.logRetentionDays") ?? 30,
            Admins = admins,
            AddonVersions = (addons ?? []).Where(p => p.Value is not null)
                .ToImmutableSortedDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal),
        };
    }

    private KubernetesVersionInfo? Version()
    {
        const string path = "cluster.kubernetesVersion";
        if (invalid.Contains(path))
        {
            return null;
        }

        var text = Str(path) ?? KubernetesVersions.DefaultVersion;
        if (!KubernetesVersions.All.TryGetValue(text, out var version))
        {
            Error(path, $"'{text}' is not a Kubernetes version EKS supports; allowed: {string.Join(", ", KubernetesVersions.All.Keys)}");
            return null;
        }

        if (version.Unsupported(today))
        {
            Error(path, $"{text} left EKS extended support on {version.EndOfExtendedSupport:yyyy-MM-dd}; choose one of {string.Join(", ", KubernetesVersions.All.Values.Where(v => !v.Unsupported(today)).Select(v => v.Version))}");
            return null;
        }

        if (version.InExtendedSupport(today))
        {
            issues.Add(new SettingsIssue(path, $"{text} is in extended support since {version.EndOfStandardSupport:yyyy-MM-dd} (control plane $0.60/h instead of $0.10/h; with upgradePolicy STANDARD EKS upgrades it automatically)", IssueSeverity.Warning));
        }

        return version;
    }

    private ImmutableSortedDictionary<string, string> Tags()
    {
        var tags = root["tags"] as JsonObject ?? [];
        foreach (var (key, _) in tags)
        {
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                Error($"tags.{key}", "tag keys starting with 'aws:' are reserved by AWS");
            }
            else if (key is "Name" or "Environment" or "ManagedBy")
            {
                Error($"tags.{key}", "set by the platform itself; choose another key");
            }
        }

        return tags.Where(t => t.Value is not null).ToImmutableSortedDictionary(t => t.Key, t => t.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    private void Error(string path, string message) => issues.Add(new SettingsIssue(path, message));

    /// <summary>The value at a field path such as <c>cluster.name</c> or <c>nodeGroups[1].minSize</c>; null when absent or invalid.</summary>
    private JsonNode? Node(string path)
    {
        if (invalid.Contains(path))
        {
            return null;
        }

        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = node is JsonObject obj ? obj[bracket < 0 ? part : part[..bracket]] : null;
            if (bracket >= 0)
            {
                var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
            }
        }

        return node;
    }

    private string? Str(string path) => Node(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private int? Int(string path) => Node(path) is JsonValue v && v.TryGetValue<long>(out var l) ? (int)l : null;

    /// <summary>A number, whether the YAML wrote it as an integer (stored as long) or with a fraction.</summary>
    private double? Number(string path) => Node(path) is not JsonValue v ? null
        : v.TryGetValue<double>(out var d) ? d
        : v.TryGetValue<long>(out var l) ? l
        : null;

    private bool? Bool(string path) => Node(path) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private T? Enum<T>(string path) where T : struct, System.Enum =>
        Str(path) is { } s && System.Enum.TryParse<T>(s, ignoreCase: true, out var e) ? e : null;

    private ImmutableArray<string> Strings(string path) =>
        Node(path) is JsonArray array && array.All(n => n is JsonValue v && v.TryGetValue<string>(out _))
            ? array.Select(n => n!.GetValue<string>()).ToImmutableArray()
            : default;

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::\d{12}:(role|user)/[\w+=,.@/-]+$")]
    private static partial Regex PrincipalArn();
}
