using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

public sealed class ReplacementTests
{
    private static PreflightReport Compare(Action<JsonObject> change)
    {
        var baseline = Good();
        var current = Good();
        change(current);
        return PreflightAnalyzer.Analyze(Assembly(current), PreflightOptions.Default with { Baseline = Assembly(baseline) });
    }

    [Fact]
    public void SameTemplateGivesNoWarnings()
    {
        var report = Compare(_ => { });

        Assert.True(report.BaselineCompared);
        Assert.Empty(report.Replacements);
        Assert.False(report.HasStatefulReplacement);
    }

    [Fact]
    public void KeyOrderAndFormattingDoNotCount()
    {
        var report = Compare(t =>
        {
            var cluster = Properties(t, "Cluster");
            var encryption = cluster["EncryptionConfig"]![0]!.AsObject();
            var reordered = new JsonObject { ["Resources"] = encryption["Resources"]!.DeepClone(), ["Provider"] = encryption["Provider"]!.DeepClone() };
            cluster["EncryptionConfig"] = new JsonArray(reordered);
        });

        Assert.Empty(report.Replacements);
    }

    [Fact]
    public void ClusterNameChangeIsAStatefulWarningNamingTheCluster()
    {
        var report = Compare(t => Properties(t, "Cluster")["Name"] = "platform-prod-2");

        var warning = Assert.Single(report.Replacements, w => w.LogicalId == "Cluster");
        Assert.Equal(ReplacementKind.CreateOnlyPropertyChanged, warning.Kind);
        Assert.Equal("Name", warning.Property);
        Assert.Equal("\"platform-prod\"", warning.OldValue);
        Assert.Equal("\"platform-prod-2\"", warning.NewValue);
        Assert.Equal("AWS::EKS::Cluster", warning.ResourceType);
        Assert.Equal("Platform", warning.Stack);
        Assert.True(warning.Stateful);
        Assert.True(report.HasStatefulReplacement);
    }

    [Theory]
    [InlineData("DesiredSize", 5)]
    [InlineData("MaxSize", 10)]
    public void NodeGroupScalingChangeIsNotAReplacement(string field, int value)
    {
        var report = Compare(t => Properties(t, "SystemNodeGroup")["ScalingConfig"]![field] = value);

        Assert.Empty(report.Replacements);
    }

    [Fact]
    public void NodeGroupInstanceTypesChangeIsANonStatefulWarning()
    {
        var report = Compare(t => Properties(t, "SystemNodeGroup")["InstanceTypes"] = new JsonArray("m7i.large"));

        var warning = Assert.Single(report.Replacements);
        Assert.Equal("SystemNodeGroup", warning.LogicalId);
        Assert.Equal("InstanceTypes", warning.Property);
        Assert.Equal("[\"m6i.large\"]", warning.OldValue);
        Assert.Equal("[\"m7i.large\"]", warning.NewValue);
        Assert.False(warning.Stateful);
        Assert.False(report.HasStatefulReplacement);
    }

    [Fact]
    public void RemovedResourceIsAWarning()
    {
        var report = Compare(t => Resources(t).Remove("Dashboard"));

        var warning = Assert.Single(report.Replacements);
        Assert.Equal(ReplacementKind.Removed, warning.Kind);
        Assert.Equal("Dashboard", warning.LogicalId);
        Assert.Equal("AWS::CloudWatch::Dashboard", warning.ResourceType);
        Assert.False(warning.Stateful);
    }

    [Fact]
    public void RemovedLogGroupIsStateful()
    {
        var report = Compare(t => Resources(t).Remove("ClusterLogGroup"));

        Assert.True(Assert.Single(report.Replacements, w => w.LogicalId == "ClusterLogGroup").Stateful);
        Assert.True(report.HasStatefulReplacement);
    }

    [Fact]
    public void TypeChangeIsAWarning()
    {
        var report = Compare(t => Resources(t)["Dashboard"]!["Type"] = "AWS::CloudWatch::Alarm");

        var warning = Assert.Single(report.Replacements);
        Assert.Equal(ReplacementKind.TypeChanged, warning.Kind);
        Assert.Equal("AWS::CloudWatch::Dashboard", warning.OldValue);
        Assert.Equal("AWS::CloudWatch::Alarm", warning.NewValue);
    }

    [Fact]
    public void NestedCreateOnlyPropertyIsComparedByPath()
    {
        var report = Compare(t => Properties(t, "Cluster")["AccessConfig"]!["BootstrapClusterCreatorAdminPermissions"] = false);

        var warning = Assert.Single(report.Replacements, w => w.Kind == ReplacementKind.CreateOnlyPropertyChanged);
        Assert.Equal("Cluster", warning.LogicalId);
        Assert.Equal("AccessConfig/BootstrapClusterCreatorAdminPermissions", warning.Property);
        Assert.Null(warning.OldValue);
        Assert.Equal("false", warning.NewValue);
        Assert.True(warning.Stateful);
    }

    [Fact]
    public void NonCreateOnlyChangeOfACreateOnlyParentIsIgnored()
    {
        // AccessConfig/AuthenticationMode updates in place; only BootstrapClusterCreatorAdminPermissions replaces.
        var report = Compare(t => Properties(t, "Cluster")["AccessConfig"]!["AuthenticationMode"] = "API_AND_CONFIG_MAP");

        Assert.Empty(report.Replacements);
    }

    [Fact]
    public void ReplacingAReferencedResourceReplacesWhatDependsOnItsCreateOnlyProperty()
    {
        // A renamed role is replaced; the cluster's RoleArn (create-only) then changes at deploy time.
        var report = Compare(t => Properties(t, "ClusterRole")["RoleName"] = "renamed-cluster-role");

        var role = Assert.Single(report.Replacements, w => w.LogicalId == "ClusterRole");
        Assert.Equal("RoleName", role.Property);
        var cluster = Assert.Single(report.Replacements, w => w.LogicalId == "Cluster");
        Assert.Equal(ReplacementKind.ReferencedResourceReplaced, cluster.Kind);
        Assert.Equal("RoleArn", cluster.Property);
        Assert.True(cluster.Stateful);
    }

    [Fact]
    public void ResourcesOnAReplacedClusterAreFlaggedAsFollowOnReplacements()
    {
        var report = Compare(t => Properties(t, "Cluster")["Name"] = "platform-prod-2");

        var followOn = report.Replacements.Where(w => w.Kind == ReplacementKind.ReferencedResourceReplaced).Select(w => w.LogicalId).Order(StringComparer.Ordinal);
        Assert.Equal(["AppNodeGroup", "ObservabilityAddon", "OidcProvider", "SystemNodeGroup"], followOn);
        Assert.All(report.Replacements.Where(w => w.Kind == ReplacementKind.ReferencedResourceReplaced),
            w => Assert.Contains("refers to Cluster", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void MissingStackMeansEveryResourceIsRemoved()
    {
        var baseline = Assembly(Good(), stackName: "Old");
        var report = PreflightAnalyzer.Analyze(Assembly(Good()), PreflightOptions.Default with { Baseline = baseline });

        Assert.Equal(Resources(Good()).Count, report.Replacements.Count);
        Assert.All(report.Replacements, w => Assert.Equal(ReplacementKind.Removed, w.Kind));
        Assert.True(report.HasStatefulReplacement);
    }

    [Fact]
    public void UnknownTypeWithChangedPropertiesCannotBeRuledOut()
    {
        var report = Compare(t =>
        {
            Resources(t)["Thing"] = JsonNode.Parse("""{ "Type": "Custom::Thing", "Properties": { "A": 2 } }""");
        });
        Assert.Empty(report.Replacements); // added, not changed

        var baseline = Good();
        Resources(baseline)["Thing"] = JsonNode.Parse("""{ "Type": "Custom::Thing", "Properties": { "A": 1 } }""");
        var current = Good();
        Resources(current)["Thing"] = JsonNode.Parse("""{ "Type": "Custom::Thing", "Properties": { "A": 2 } }""");
        var changed = PreflightAnalyzer.Analyze(Assembly(current), PreflightOptions.Default with { Baseline = Assembly(baseline) });

        Assert.Equal(ReplacementKind.UnknownType, Assert.Single(changed.Replacements).Kind);
    }

    [Fact]
    public void WithoutBaselineNothingIsCompared()
    {
        var report = Analyze(Good());

        Assert.False(report.BaselineCompared);
        Assert.Empty(report.Replacements);
    }
}
