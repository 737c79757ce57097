using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksPlatform.Settings;

/// <summary>The node-group rules: sizes, instance types, AMI mode, Bottlerocket settings.</summary>
internal sealed partial class SettingsBuilder
{
    /// <summary>The groups used when settings name none: a small tainted system group (Graviton) and an apps group.</summary>
    private static readonly string s_defaultNodeGroups = """
        [
          { "name": "system", "system": true, "instanceTypes": ["m7g.large"], "minSize": 2, "desiredSize": 2, "maxSize": 3 },
          { "name": "apps", "instanceTypes": ["m7i.large", "m6i.large"], "minSize": 2, "desiredSize": 3, "maxSize": 10 }
        ]
        """;

    /// <summary>With Karpenter, only the system group: Karpenter launches the nodes of everything else (docs/karpenter.md §1).</summary>
    private static readonly string s_defaultKarpenterNodeGroups = """
        [
          { "name": "system", "system": true, "instanceTypes": ["m7g.large"], "minSize": 2, "desiredSize": 2, "maxSize": 3 }
        ]
        """;

    private ImmutableArray<NodeGroupSettings> NodeGroups()
    {
        if (invalid.Contains("nodeGroups"))
        {
            return [];
        }

        // Absent groups become the defaults in the document itself, so one set of field readers serves both.
        var karpenter = AutoscalingMode() == NodeAutoscaler.Karpenter;
        var groups = root["nodeGroups"] as JsonArray
            ?? (JsonArray)(root["nodeGroups"] = JsonNode.Parse(karpenter ? s_defaultKarpenterNodeGroups : s_defaultNodeGroups)!.AsArray());
        var result = ImmutableArray.CreateBuilder<NodeGroupSettings>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i] is JsonObject group && NodeGroup(group, $"nodeGroups[{i}]") is { } settings)
            {
                if (!names.Add(settings.Name))
                {
                    Error($"nodeGroups[{i}].name", $"'{settings.Name}' is used by another node group; names must be unique");
                }

                result.Add(settings);
            }
        }

        // With Karpenter, ordinary workloads run on the nodes it launches.
        if (result.Count > 0 && result.All(g => g.System) && !karpenter)
        {
            issues.Add(new SettingsIssue("nodeGroups", "every group is a tainted system group: ordinary workloads will have nowhere to run",
                IssueSeverity.Warning));
        }

        return result.ToImmutable();
    }

    private NodeGroupSettings? NodeGroup(JsonObject group, string path)
    {
        string? Text(string field) => Str($"{path}.{field}");
        int? Count(string field) => Int($"{path}.{field}");
        bool? Flag(string field) => Bool($"{path}.{field}");

        var before = issues.Count;
        var types = InstanceTypesOf(group, path);
        var extra = BottlerocketSettings(group, path);
        var settings = new NodeGroupSettings
        {
            Name = Text("name") ?? "",
            System = Flag("system") ?? false,
            InstanceTypes = types,
            CapacityType = Text("capacityType") == "SPOT" ? CapacityType.Spot : CapacityType.OnDemand,
            MinSize = Count("minSize") ?? 1,
            DesiredSize = Count("desiredSize") ?? 2,
            MaxSize = Count("maxSize") ?? 3,
            OsVolumeGiB = Count("osVolumeGiB") ?? 4,
            DataVolumeGiB = Count("dataVolumeGiB") ?? 50,
            AmiMode = Text("amiMode") == "custom" ? AmiMode.Custom : AmiMode.Managed,
            ReleaseVersion = Text("releaseVersion"),
            BottlerocketVersion = Text("bottlerocketVersion"),
            Labels = (group["labels"] as JsonObject ?? []).Where(l => l.Value is JsonValue)
                .ToImmutableSortedDictionary(l => l.Key, l => l.Value!.GetValue<string>(), StringComparer.Ordinal),
            Taints = (group["taints"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(t => new NodeTaint((string)t["key"]!, (string?)t["value"] ?? "", (string)t["effect"]!)).ToImmutableArray(),
            MaxUnavailable = Count("maxUnavailable") ?? 1,
            ControlContainer = Flag("controlContainer") ?? true,
            ImdsHopLimit = Count("imdsHopLimit") ?? 1,
            ExtraSettings = extra,
        };

        // The group's own rules (shared with the NodeGroup construct); fields the schema already refused are not
        // reported twice, and instance types are judged only when every listed one is known.
        foreach (var (field, message) in settings.Problems())
        {
            var fieldPath = $"{path}.{field}";
            if (!invalid.Contains(fieldPath) && !(field == "instanceTypes" && (types.IsEmpty || invalid.Contains(fieldPath))))
            {
                Error(fieldPath, message);
            }
        }

        return issues.Skip(before).Any(i => i.Severity == IssueSeverity.Error) || types.IsEmpty ? null : settings;
    }

    private ImmutableArray<InstanceTypeInfo> InstanceTypesOf(JsonObject group, string path)
    {
        if (invalid.Contains($"{path}.instanceTypes") || group["instanceTypes"] is not JsonArray names)
        {
            return [];
        }

        var types = ImmutableArray.CreateBuilder<InstanceTypeInfo>();
        for (var j = 0; j < names.Count; j++)
        {
            var name = (string?)names[j];
            if (name is null || invalid.Contains($"{path}.instanceTypes[{j}]"))
            {
                continue;
            }

            if (InstanceTypes.All.TryGetValue(name, out var type))
            {
                types.Add(type);
            }
            else
            {
                var family = name.Split('.')[0];
                var sameFamily = InstanceTypes.All.Keys.Where(k => k.StartsWith(family + ".", StringComparison.Ordinal)).ToArray();
                Error($"{path}.instanceTypes[{j}]", $"'{name}' is not a known instance type; " +
                    (sameFamily.Length > 0
                        ? $"known in {family}: {string.Join(", ", sameFamily)}"
                        : $"families known: {string.Join(", ", InstanceTypes.All.Keys.Select(k => k.Split('.')[0]).Distinct())}"));
            }
        }

        return types.ToImmutable();
    }

    private ImmutableSortedDictionary<string, object> BottlerocketSettings(JsonObject group, string path)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in group["bottlerocketSettings"] as JsonObject ?? [])
        {
            var field = $"{path}.bottlerocketSettings.{key}";
            if (!BottlerocketKey().IsMatch(key))
            {
                Error(field, "must be a dotted path of bare keys below 'settings.' (lower-case letters, digits, hyphens), e.g. kubernetes.max-pods");
            }
            else if (NodeGroupSettings.BottlerocketSettingProblems([key]).FirstOrDefault() is (_, { } reserved))
            {
                Error(field, reserved);
            }
            else if (value is JsonValue text && text.TryGetValue<string>(out var s)
                && (s.Contains('"', StringComparison.Ordinal) || s.Contains('\\', StringComparison.Ordinal)))
            {
                Error(field, "may not contain quotes or backslashes: EKS rejects escaped characters in the user data it merges");
            }
            else if (value is JsonValue v && !invalid.Contains(field))
            {
                result[key] = v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<long>(out var l) ? l : v.GetValue<string>();
            }
        }

        return result.ToImmutable();
    }

    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    private static partial Regex BottlerocketKey();
}
