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
        var report = Compare(t => Properties(t, "Cluster")["AccessConfig"]!["BootstrapClusterCreatorAdminPermissions"] = true);

        var warning = Assert.Single(report.Replacements, w => w.Kind == ReplacementKind.CreateOnlyPropertyChanged);
        Assert.Equal("Cluster", warning.LogicalId);
        Assert.Equal("AccessConfig/BootstrapClusterCreatorAdminPermissions", warning.Property);
        Assert.Equal("false", warning.OldValue);
        Assert.Equal("true", warning.NewValue);
        Assert.True(warning.Stateful);
    }

    [Fact]
    public void NonCreateOnlyChangeOfACreateOnlyParentIsIgnored()
    {
        // AccessConfig/AuthenticationMode updates in place; only BootstrapClusterCreatorAdminPermissions replaces.
        var report = Compare(t => Properties(t, "Cluster")["AccessConfig"]!["AuthenticationMode"] = "API_AND_CONFIG_MAP");

        Assert.Empty(report.Replacements);
    }

    // The schema lists KubernetesNetworkConfig/IpFamily and /ServiceIpv4Cidr as create-only, not the whole object
    // (docs/eks-deploy-facts.md, "Updatable, not create-only"): EKS Auto Mode's ElasticLoadBalancing switches on in place.
    private const string Ipv4 = """{ "IpFamily": "ipv4", "ServiceIpv4Cidr": "172.20.0.0/16" }""";
    private const string Ipv4WithLb = """{ "IpFamily": "ipv4", "ServiceIpv4Cidr": "172.20.0.0/16", "ElasticLoadBalancing": { "Enabled": false } }""";

    [Theory]
    [InlineData(Ipv4, """{ "IpFamily": "ipv4", "ServiceIpv4Cidr": "10.100.0.0/16" }""", "KubernetesNetworkConfig/ServiceIpv4Cidr")]
    [InlineData(Ipv4, """{ "IpFamily": "ipv6", "ServiceIpv4Cidr": "172.20.0.0/16" }""", "KubernetesNetworkConfig/IpFamily")]
    [InlineData(Ipv4WithLb, """{ "IpFamily": "ipv4", "ServiceIpv4Cidr": "172.20.0.0/16", "ElasticLoadBalancing": { "Enabled": true } }""", "")]
    [InlineData(Ipv4, """{ "ElasticLoadBalancing": { "Enabled": true }, "ServiceIpv4Cidr": "172.20.0.0/16", "IpFamily": "ipv4" }""",
        "")]                                                                                              // parent rewritten, listed paths kept
    [InlineData(null, """{ "ElasticLoadBalancing": { "Enabled": true } }""", "")]                         // parent added without listed paths
    [InlineData(Ipv4, null, "KubernetesNetworkConfig/IpFamily,KubernetesNetworkConfig/ServiceIpv4Cidr")]  // parent removed
    [InlineData(null, Ipv4, "KubernetesNetworkConfig/IpFamily,KubernetesNetworkConfig/ServiceIpv4Cidr")]
    [InlineData(Ipv4, """{ "Fn::If": [ "Lb", { "IpFamily": "ipv4", "ServiceIpv4Cidr": "172.20.0.0/16" }, { "Ref": "AWS::NoValue" } ] }""",
        "KubernetesNetworkConfig/IpFamily,KubernetesNetworkConfig/ServiceIpv4Cidr")]                      // deploy-time value: reviewed
    public void ClusterNetworkConfigReplacesOnlyThroughTheListedPaths(string? before, string? after, string replacedPaths)
    {
        var baseline = Good();
        var current = Good();
        SetNetworkConfig(baseline, before);
        SetNetworkConfig(current, after);

        var report = PreflightAnalyzer.Analyze(Assembly(current), PreflightOptions.Default with { Baseline = Assembly(baseline) });

        var paths = report.Replacements.Where(w => w.LogicalId == "Cluster").Select(w => $"{w.Kind}:{w.Property}");
        var expected = replacedPaths.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => $"{ReplacementKind.CreateOnlyPropertyChanged}:{p}");
        Assert.Equal(expected, paths);
    }

    private static void SetNetworkConfig(JsonObject template, string? json)
    {
        var cluster = Properties(template, "Cluster");
        cluster.Remove("KubernetesNetworkConfig");
        if (json is not null)
        {
            cluster["KubernetesNetworkConfig"] = JsonNode.Parse(json);
        }
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

        var followOn = report.Replacements.Where(w => w.Kind == ReplacementKind.ReferencedResourceReplaced)
            .Select(w => w.LogicalId).Order(StringComparer.Ordinal);
        Assert.Equal(["AdminAccess", "ApiFromVpc", "AppNodeGroup", "ObservabilityAddon", "OidcProvider", "SystemNodeGroup"], followOn);
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
