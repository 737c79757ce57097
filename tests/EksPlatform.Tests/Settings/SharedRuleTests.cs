using System.Text.Json.Nodes;
using EksPlatform.Cluster;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Settings;

/// <summary>The rules constructs check in code say the same as the settings schema, which checks them first in a file.</summary>
public sealed class SharedRuleTests
{
    private const string NodePool = "$defs.autoscaling.properties.karpenter.properties.nodePool.properties";

    private static readonly JsonNode s_schema = JsonNode.Parse(File.ReadAllText(Repo.Path("config", "eks-platform.schema.json")))!;

    [Fact]
    public void The_cluster_name_rule_is_the_schemas()
    {
        var name = s_schema["$defs"]!["cluster"]!["properties"]!["name"]!;

        Assert.Equal(ClusterNames.Pattern, (string?)name["pattern"]);
        Assert.Equal(100, (int)name["maxLength"]!);
    }

    [Fact]
    public void The_log_retention_values_are_the_schemas()
    {
        var values = s_schema["$defs"]!["retentionDays"]!["enum"]!.AsArray().Select(v => (int)v!);

        Assert.Equal(LogRetention.ValidDays, values);
    }

    /// <summary>Each pattern a settings record's <c>Problems()</c> checks in code is the one the schema checks in a file.</summary>
    [Theory]
    [InlineData("$defs.addonVersion", EksAddonVersion.Pattern)]
    [InlineData("$defs.controllers.properties.ebsCsiDriver.properties.addonVersion", EksAddonVersion.Pattern)]
    [InlineData("$defs.observability.properties.addonVersion", EksAddonVersion.Pattern)]
    [InlineData("$defs.controllers.properties.externalSecrets.properties.namePrefix", ControllerSettings.NamePrefixPattern)]
    [InlineData("$defs.cluster.properties.accessEntries.items.properties.namespaces.items", AccessEntrySettings.NamespacePattern)]
    [InlineData("$defs.observability.properties.alarmEmail", ObservabilitySettings.AlarmEmailPattern)]
    [InlineData(NodePool + ".consolidateAfter", KarpenterNodePoolSettings.DurationPattern)]
    [InlineData(NodePool + ".expireAfter", KarpenterNodePoolSettings.DurationPattern)]
    [InlineData(NodePool + ".instanceCategories.items", KarpenterNodePoolSettings.CategoryPattern)]
    [InlineData(NodePool + ".instanceFamilies.items", KarpenterNodePoolSettings.FamilyPattern)]
    [InlineData(NodePool + ".budgets.items.properties.nodes", KarpenterNodePoolSettings.BudgetNodesPattern)]
    [InlineData(NodePool + ".budgets.items.properties.duration", KarpenterNodePoolSettings.BudgetDurationPattern)]
    [InlineData("$defs.autoscaling.properties.karpenter.properties.nodeClass.properties.bottlerocketVersion",
        KarpenterNodeClassSettings.BottlerocketVersionPattern)]
    public void The_patterns_records_check_are_the_schemas(string path, string pattern)
    {
        var node = path.Split('.').Aggregate(s_schema, (n, part) => n[part]!);

        Assert.Equal(pattern, (string?)node["pattern"]);
    }

    /// <summary>The values the Karpenter records accept are the schema's enums.</summary>
    [Fact]
    public void The_karpenter_values_records_accept_are_the_schemas()
    {
        IEnumerable<string> Enum(string path) => path.Split('.').Aggregate(s_schema, (n, part) => n[part]!)["enum"]!.AsArray().Select(v => (string)v!);

        Assert.Equal(KarpenterNodePoolSettings.KnownCapacityTypes, Enum(NodePool + ".capacityTypes.items"));
        Assert.Equal(KarpenterNodePoolSettings.KnownArchitectures, Enum(NodePool + ".architectures.items"));
        Assert.Equal(KarpenterNodePoolSettings.KnownConsolidationPolicies, Enum(NodePool + ".consolidationPolicy"));
        Assert.Equal(KarpenterNodePoolSettings.KnownBudgetReasons, Enum(NodePool + ".budgets.items.properties.reasons.items"));
    }

    [Fact]
    public void The_addon_version_rule_reads_as_the_schemas()
    {
        Assert.Equal(EksAddonVersion.Rule, (string?)s_schema["$defs"]!["addonVersion"]!["x-rule"]);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("eks-prod_1", true)]
    [InlineData("-eks", false)]
    [InlineData("eks.prod", false)]
    [InlineData("", false)]
    public void Cluster_names(string name, bool valid) => Assert.Equal(valid, ClusterNames.IsValid(name));

    [Fact]
    public void A_101_character_cluster_name_is_refused() => Assert.False(ClusterNames.IsValid(new string('a', 101)));
}
