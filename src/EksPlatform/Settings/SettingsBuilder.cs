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
    /// <summary>Interface endpoints on by default: the services nodes and the controllers call (docs/eks-deploy-facts.md §11).</summary>
    public static readonly ImmutableArray<string> DefaultInterfaceEndpoints =
        ["ecr.api", "ecr.dkr", "sts", "ec2", "logs", "eks", "eks-auth", "elasticloadbalancing", "autoscaling", "ssm"];

    public PlatformSettings? Build()
    {
        var tier = Enum<Tier>("tier") ?? Tier.Production;
        var production = tier == Tier.Production;
        var region = Region();
        var zones = Zones(region);
        var network = Network(production, zones.Length);
        var cluster = Cluster(production, region, network);
        var compute = Compute();
        var nodeGroups = compute.IsAutoMode ? [] : NodeGroups();
        var controllers = Controllers(compute.IsAutoMode);
        var karpenter = Karpenter(production);
        CheckOidcProvider(cluster, controllers);
        var observability = Observability(production, region);
        var tags = Tags();
        var cost = Cost();
        var acceptedChecks = AcceptedChecks();
        CheckDerivedNames(Str("cluster.name"));
        var errors = issues.Any(i => i.Severity == IssueSeverity.Error);
        return errors || region is null || network is null || cluster is null ? null : new PlatformSettings
        {
            Environment = Str("environment") ?? "",
            Tier = tier,
            Region = region,
            AvailabilityZoneIds = zones,
            Tags = tags,
            Network = network,
            Encryption = new EncryptionSettings { DeletionWindowDays = Int("encryption.deletionWindowDays") ?? (production ? 30 : 7) },
            Cluster = cluster,
            Compute = compute,
            Observability = observability,
            Controllers = controllers,
            Karpenter = karpenter,
            AcceptedChecks = acceptedChecks,
            Installer = new InstallerSettings
            {
                Enabled = Bool("installer.enabled") ?? true,
                TimeoutMinutes = Int("installer.timeoutMinutes") ?? 60,
            },
            NodeGroups = nodeGroups,
            Cost = cost,
            Protection = new ProtectionSettings
            {
                RetainOnDelete = Bool("protection.retainOnDelete") ?? production,
                ClusterDeletionProtection = Bool("protection.clusterDeletionProtection") ?? production,
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

    /// <summary>
    /// Zones are Availability Zone IDs: a zone name (<c>us-east-1a</c>) points at a different physical zone in each
    /// account, and EKS refuses control-plane subnets in some physical zones (docs/eks-deploy-facts.md §1-2).
    /// </summary>
    private ImmutableArray<string> Zones(AwsRegion? region)
    {
        const string path = "availabilityZones";
        if (region is null || invalid.Contains(path))
        {
            return [];
        }

        var given = Strings(path);
        if (given.IsDefault)
        {
            if (region.DefaultZoneIds.IsEmpty)
            {
                Error(path, $"no default zone IDs are recorded for {region.Name}, so list three of the region's Availability Zone IDs " +
                    $"({region.ZoneIdPrefix}-az1, {region.ZoneIdPrefix}-az2 …) in which EKS accepts cluster subnets; " +
                    $"`{region.DescribeZonesCommand}` shows them");
            }

            return region.DefaultZoneIds;
        }

        for (var i = 0; i < given.Length; i++)
        {
            if (region.ZoneIdProblem(given[i]) is { } problem)
            {
                Error($"{path}[{i}]", problem);
            }
        }

        return given;
    }

    private NetworkSettings? Network(bool production, int zoneCount)
    {
        if (VpcCidr() is not { } range)
        {
            return null;
        }

        var (cidr, text) = range;
        var natText = Str("network.natGateways");
        var network = new NetworkSettings
        {
            VpcCidr = cidr,
            PublicSubnetMask = Int("network.publicSubnetMask") ?? 24,
            PrivateSubnetMask = Int("network.privateSubnetMask") ?? 19,
            NatGateways = natText is null ? (production ? NatMode.PerAz : NatMode.SingleGateway) : natText == "single" ? NatMode.SingleGateway : NatMode.PerAz,
            FlowLogRetentionDays = Int("network.flowLogRetentionDays") ?? (production ? 90 : 14),
            InterfaceEndpoints = Strings("network.interfaceEndpoints") is { IsDefault: false } list ? list : DefaultInterfaceEndpoints,
        };

        // The network's own rules (shared with PlatformNetwork), quoting the range as written, except where the schema
        // already refused the field.
        foreach (var (field, message) in network.Problems(zoneCount, text))
        {
            if (!invalid.Contains($"network.{field}"))
            {
                Error($"network.{field}", message);
            }
        }

        return network;
    }

    /// <summary>The VPC range and its text as written; what only the text shows (its form, host bits) is reported here.</summary>
    private (IPNetwork Cidr, string Text)? VpcCidr()
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

        return (cidr, text);
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
            Error(path, $"{text} left EKS extended support on {version.EndOfExtendedSupport:yyyy-MM-dd}; " +
                $"choose one of {string.Join(", ", KubernetesVersions.All.Values.Where(v => !v.Unsupported(today)).Select(v => v.Version))}");
            return null;
        }

        if (version.InExtendedSupport(today))
        {
            issues.Add(new SettingsIssue(path,
                $"{text} is in extended support since {version.EndOfStandardSupport:yyyy-MM-dd} " +
                "(control plane $0.60/h instead of $0.10/h; with upgradePolicy STANDARD EKS upgrades it automatically)",
                IssueSeverity.Warning));
        }

        WarnBeforeAutomaticUpgrade(version);

        return version;
    }

    /// <summary>The tag keys the platform writes itself.</summary>
    internal static readonly ImmutableArray<string> PlatformTagKeys = ["Name", "Environment", "ManagedBy"];

    /// <summary>
    /// The most tags the platform itself puts on one resource (a subnet: Name, Environment, ManagedBy, CDK's two
    /// subnet tags and the load-balancer role tag); a test checks every synthesized resource against it.
    /// </summary>
    internal const int PlatformTagsPerResource = 6;

    /// <summary>With Karpenter, private subnets also carry its discovery tag <c>karpenter.sh/discovery</c> (docs/karpenter.md §5).</summary>
    internal const int PlatformTagsPerResourceWithKarpenter = PlatformTagsPerResource + 1;

    /// <summary>User-defined tags a resource can carry in all (docs/limits-and-policies.md §4).</summary>
    internal const int MaxTagsPerResource = 50;

    /// <summary>
    /// Tags reach every resource, so they follow the strictest rule among the services that carry them
    /// (docs/limits-and-policies.md §4): keys of 1 to 128 and values of at most 256 characters; letters, digits, spaces
    /// and <c>_ . : / = + -</c> (IAM and most services also take <c>@</c>, the tag rules KMS follows do not); no
    /// <c>aws:</c> prefix; keys unique ignoring case (IAM compares role tag keys that way).
    /// </summary>
    /// <summary><c>preflight.accept</c>: the schema checks the form of ids and reasons; here, that each id is a real check.</summary>
    private ImmutableSortedDictionary<string, string> AcceptedChecks()
    {
        var accept = Node("preflight.accept") as JsonObject ?? [];
        foreach (var (id, _) in accept.Where(a => !invalid.Contains($"preflight.accept.{a.Key}")))
        {
            if (!Preflight.DeployReadiness.CheckIds.Contains(id))
            {
                Error($"preflight.accept.{id}", $"'{id}' is not a deploy-readiness check (one of {string.Join(", ", Preflight.DeployReadiness.CheckIds)})");
            }
        }

        return accept.Where(a => a.Value is JsonValue v && v.TryGetValue<string>(out _))
            .ToImmutableSortedDictionary(a => a.Key, a => (string)a.Value!, StringComparer.Ordinal);
    }

    private ImmutableSortedDictionary<string, string> Tags()
    {
        var tags = root["tags"] as JsonObject ?? [];
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in tags)
        {
            var path = $"tags.{key}";
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                Error(path, "tag keys starting with 'aws:' are reserved by AWS");
            }
            else if (PlatformTagKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) is { } own)
            {
                Error(path, $"the platform sets the tag {own} itself (IAM compares tag keys ignoring case); choose another key");
            }
            else if (seen.TryGetValue(key, out var other))
            {
                Error(path, $"differs from the tag key {other} only in case, and IAM treats them as the same key; keep one");
            }

            seen.TryAdd(key, key);
            if (key.Length is 0 or > 128 || !key.All(TagCharacter))
            {
                Error(path, "a tag key is 1 to 128 letters, digits, spaces and _ . : / = + -");
            }

            if (value is JsonValue v && v.TryGetValue<string>(out var text) && !text.All(TagCharacter))
            {
                Error(path, "a tag value may hold only letters, digits, spaces and _ . : / = + -");
            }
        }

        var platformTags = AutoscalingMode() == NodeAutoscaler.Karpenter ? PlatformTagsPerResourceWithKarpenter : PlatformTagsPerResource;
        if (tags.Count > MaxTagsPerResource - platformTags)
        {
            Error("tags", $"{tags.Count} tags, but a resource carries at most {MaxTagsPerResource} " +
                $"and the platform adds up to {platformTags} of its own: " +
                $"give at most {MaxTagsPerResource - platformTags}");
        }

        return tags.Where(t => t.Value is JsonValue).ToImmutableSortedDictionary(t => t.Key, t => t.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    private static bool TagCharacter(char c) => char.IsLetterOrDigit(c) || c == ' ' || "_.:/=+-".Contains(c);

    /// <summary>Names the platform derives from the cluster name must fit the resources that carry them.</summary>
    private void CheckDerivedNames(string? clusterName)
    {
        if (clusterName is null || invalid.Contains("cluster.name"))
        {
            return;
        }

        foreach (var problem in DerivedNames.All(clusterName).Select(n => n.Problem()).OfType<string>())
        {
            Error("cluster.name", $"'{clusterName}' {problem}; choose a shorter name");
        }
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

}
