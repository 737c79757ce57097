using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

public sealed class CostTests
{
    private static readonly CostAssumptions s_assumptions = new(
        HoursPerMonth: 730m, NatProcessedGbPerMonth: 100m, AwsApiGbPerMonth: 50m, InterfaceEndpointShare: 1m,
        ControlPlaneLogGbPerMonth: 5m, FlowLogGbPerMonth: 10m, LogStorageGbRetained: 30m);

    private static CostEstimate Estimate(JsonObject template, string environment = UsEast1, CostAssumptions? assumptions = null) =>
        Analyze(template, new PreflightOptions(assumptions ?? s_assumptions, null), environment).Cost;

    /// <summary>
    /// Recomputed by hand from docs/prices.md §2-§3 (us-east-1):
    /// cluster 730 h × $0.10; NAT 730 h × $0.045 and 100 GB × $0.045 (all AWS API traffic goes to the endpoints);
    /// EIP 730 h × $0.005; 2 endpoints × 3 AZs × 730 h × $0.01 and 50 GB × $0.01;
    /// 2 × m6i.large × 730 h × $0.096; gp3 (4 + 50) GiB × 2 nodes × $0.08.
    /// </summary>
    [Theory]
    [InlineData("EKS control plane (standard support)", 730, "cluster-hour", 0.10, 73.00)]
    [InlineData("NAT gateways", 730, "NAT gateway-hour", 0.045, 32.85)]
    [InlineData("NAT gateway data processed", 100, "GB", 0.045, 4.50)]
    [InlineData("Public IPv4 addresses (Elastic IPs)", 730, "IPv4 address-hour", 0.005, 3.65)]
    [InlineData("Interface VPC endpoints", 4380, "endpoint-AZ-hour", 0.01, 43.80)]
    [InlineData("Interface VPC endpoint data processed", 50, "GB", 0.01, 0.50)]
    [InlineData("EC2 m6i.large on-demand (node group Nodes)", 1460, "instance-hour", 0.096, 140.16)]
    [InlineData("EBS gp3 /dev/xvda (node group Nodes)", 8, "GB-month", 0.08, 0.64)]
    [InlineData("EBS gp3 /dev/xvdb (node group Nodes)", 100, "GB-month", 0.08, 8.00)]
    public void EachLineMatchesTheHandComputation(string item, double quantity, string unit, double unitPrice, double monthly)
    {
        var line = Assert.Single(Estimate(Load("cost.template.json")).Lines, l => l.Item == item);

        Assert.Equal((decimal)quantity, line.Quantity);
        Assert.Equal(unit, line.Unit);
        Assert.Equal((decimal)unitPrice, line.UnitPriceUsd);
        Assert.Equal((decimal)monthly, line.MonthlyUsd);
        Assert.NotEmpty(line.Resources);
        Assert.DoesNotContain("NOT PRICED", line.PriceSource, StringComparison.Ordinal);
    }

    [Fact]
    public void TotalIsTheSumOfTheHandComputedLinesToTheCent()
    {
        var cost = Estimate(Load("cost.template.json"));

        Assert.Equal(9, cost.Lines.Count);
        Assert.Equal(307.10m, cost.TotalMonthlyUsd);
        Assert.False(cost.HasUnpricedLines);
        Assert.Equal(s_assumptions, cost.Assumptions);
    }

    [Fact]
    public void LinesNameTheResourcesTheyComeFrom()
    {
        var lines = Estimate(Load("cost.template.json")).Lines;

        Assert.Equal(["EcrApiEndpoint", "EcrDkrEndpoint"], lines.Single(l => l.Item == "Interface VPC endpoints").Resources);
        Assert.Equal(["Nodes", "NodeLaunchTemplate"], lines.Single(l => l.Item.StartsWith("EC2", StringComparison.Ordinal)).Resources);
        Assert.Equal(["Cluster"], lines.Single(l => l.Item.StartsWith("EKS", StringComparison.Ordinal)).Resources);
    }

    [Fact]
    public void AwsApiTrafficGoesThroughNatWhenThereAreNoInterfaceEndpoints()
    {
        var template = Load("cost.template.json");
        Resources(template).Remove("EcrApiEndpoint");
        Resources(template).Remove("EcrDkrEndpoint");

        var nat = Assert.Single(Estimate(template).Lines, l => l.Item == "NAT gateway data processed");

        Assert.Equal(150m, nat.Quantity); // 100 internet + 50 AWS API
        Assert.Equal(6.75m, nat.MonthlyUsd);
    }

    [Theory]
    [InlineData(null, "extended", 438.00)]          // CloudFormation's default is EXTENDED: 730 × $0.60
    [InlineData("EXTENDED", "extended", 438.00)]
    [InlineData("STANDARD", "standard", 73.00)]
    public void ControlPlaneRateFollowsTheUpgradePolicy(string? supportType, string expected, double monthly)
    {
        var template = Load("cost.template.json");
        var cluster = Properties(template, "Cluster");
        cluster.Remove("UpgradePolicy");
        if (supportType is not null)
        {
            cluster["UpgradePolicy"] = new JsonObject { ["SupportType"] = supportType };
        }

        var line = Assert.Single(Estimate(template).Lines, l => l.Item.StartsWith("EKS control plane", StringComparison.Ordinal));

        Assert.Equal($"EKS control plane ({expected} support)", line.Item);
        Assert.Equal((decimal)monthly, line.MonthlyUsd);
    }

    [Fact]
    public void SpotNodesUseTheDocumentedSpotFactor()
    {
        var template = Load("cost.template.json");
        Properties(template, "Nodes")["CapacityType"] = "SPOT";

        var line = Assert.Single(Estimate(template).Lines, l => l.Item.StartsWith("EC2", StringComparison.Ordinal));

        Assert.Equal("EC2 m6i.large spot (node group Nodes)", line.Item);
        Assert.Equal(0.096m * 0.35m, line.UnitPriceUsd);
        Assert.Equal(49.06m, line.MonthlyUsd); // 1460 h × $0.0336 = 49.056
        Assert.Contains("spot factor 0.35", line.PriceSource, StringComparison.Ordinal);
        Assert.StartsWith("UNVERIFIED", line.PriceSource, StringComparison.Ordinal);
    }

    [Fact]
    public void InstanceTypeFromTheLaunchTemplateWhenTheNodeGroupHasNone()
    {
        var template = Load("cost.template.json");
        Properties(template, "Nodes").Remove("InstanceTypes");
        LaunchTemplateData(template, "NodeLaunchTemplate")["InstanceType"] = "m7g.large";

        var line = Assert.Single(Estimate(template).Lines, l => l.Item.StartsWith("EC2", StringComparison.Ordinal));

        Assert.Equal("EC2 m7g.large on-demand (node group Nodes)", line.Item);
        Assert.Equal(119.14m, line.MonthlyUsd); // 1460 h × $0.0816 = 119.136
    }

    [Fact]
    public void UnknownInstanceTypeIsAnExplicitNotPricedLine()
    {
        var template = Load("cost.template.json");
        Properties(template, "Nodes")["InstanceTypes"] = new JsonArray("x9z.huge");

        var cost = Estimate(template);
        var line = Assert.Single(cost.Lines, l => l.Item.StartsWith("EC2", StringComparison.Ordinal));

        Assert.False(line.Priced);
        Assert.Null(line.MonthlyUsd);
        Assert.Contains("NOT PRICED", line.PriceSource, StringComparison.Ordinal);
        Assert.Contains("x9z.huge", line.PriceSource, StringComparison.Ordinal);
        Assert.True(cost.HasUnpricedLines);
        Assert.Equal(307.10m - 140.16m, cost.TotalMonthlyUsd);
    }

    [Theory]
    [InlineData("aws://111122223333/sa-east-1")]
    [InlineData("aws://111122223333/unknown-region")]
    public void UnknownRegionGivesNotPricedLinesNeverZero(string environment)
    {
        var cost = Estimate(Load("cost.template.json"), environment);

        Assert.Equal(9, cost.Lines.Count);
        Assert.All(cost.Lines, l =>
        {
            Assert.False(l.Priced);
            Assert.Contains("NOT PRICED", l.PriceSource, StringComparison.Ordinal);
        });
        Assert.Equal(0m, cost.TotalMonthlyUsd);
        Assert.True(cost.HasUnpricedLines);
    }

    [Theory]
    [InlineData("aws://111122223333/eu-west-1", 0.107)]
    [InlineData("aws://111122223333/ap-southeast-2", 0.12)]
    public void OtherRegionsArePricedAndMarkedUnverified(string environment, double m6iLarge)
    {
        var line = Assert.Single(Estimate(Load("cost.template.json"), environment).Lines, l => l.Item.StartsWith("EC2", StringComparison.Ordinal));

        Assert.Equal((decimal)m6iLarge, line.UnitPriceUsd);
        Assert.StartsWith("UNVERIFIED", line.PriceSource, StringComparison.Ordinal);
    }

    [Fact]
    public void ObservabilityAndKeyLinesOnTheGoodTemplate()
    {
        var template = Good();
        for (var i = 2; i <= 4; i++)
        {
            Resources(template)[$"Dashboard{i}"] = Resources(template)["Dashboard"]!.DeepClone();
        }

        var lines = Estimate(template).Lines;

        var dashboards = Assert.Single(lines, l => l.Item == "CloudWatch dashboards");
        Assert.Equal(1m, dashboards.Quantity); // 4 dashboards, the first 3 free
        Assert.Equal(3.00m, dashboards.MonthlyUsd);
        Assert.Contains("first 3", dashboards.Note, StringComparison.Ordinal);
        Assert.Equal(0.10m, Assert.Single(lines, l => l.Item.StartsWith("CloudWatch alarms", StringComparison.Ordinal)).MonthlyUsd);
        Assert.Equal(1.00m, Assert.Single(lines, l => l.Item == "KMS customer managed keys").MonthlyUsd);
        Assert.Equal(2.50m, Assert.Single(lines, l => l.Item == "CloudWatch Logs ingestion: EKS control plane").MonthlyUsd); // 5 GB × $0.50
        Assert.Equal(0.90m, Assert.Single(lines, l => l.Item == "CloudWatch Logs storage").MonthlyUsd); // 30 GB × $0.03
        Assert.Equal(0m, Assert.Single(lines, l => l.Item == "Gateway VPC endpoints").MonthlyUsd);
        // Spot app group: m7g.large from its launch template, 3 nodes.
        Assert.Equal(62.55m,
            Assert.Single(lines, l => l.Item == "EC2 m7g.large spot (node group AppNodeGroup)").MonthlyUsd); // 2190 h × 0.0816 × 0.35 = 62.5464
    }

    /// <summary>
    /// The platform's prod template holds /aws/containerinsights/&lt;cluster&gt;/application when container logs are on:
    /// 20 GB × $0.50 (logsIngestionGb, docs/prices.md §2) = $10.00; 300 GB (10 GB/day, the README's example) = $150.00.
    /// </summary>
    [Theory]
    [InlineData(null, 20, 10.00)]
    [InlineData(300, 300, 150.00)]
    public void ContainerLogIngestionIsPricedForTheApplicationLogGroup(int? gbPerMonth, double quantity, double monthly)
    {
        var template = Load("cost.template.json");
        Resources(template)["ApplicationLogs"] = new JsonObject
        {
            ["Type"] = "AWS::Logs::LogGroup",
            ["Properties"] = new JsonObject { ["LogGroupName"] = "/aws/containerinsights/platform-prod/application", ["RetentionInDays"] = 30 },
        };
        var assumptions = gbPerMonth is null ? s_assumptions : s_assumptions with { ContainerLogGbPerMonth = gbPerMonth.Value };

        var cost = Estimate(template, assumptions: assumptions);
        var line = Assert.Single(cost.Lines, l => l.Item == "CloudWatch Logs ingestion: Container Insights logs");

        Assert.Equal((decimal)quantity, line.Quantity);
        Assert.Equal("GB", line.Unit);
        Assert.Equal(0.50m, line.UnitPriceUsd);
        Assert.Equal((decimal)monthly, line.MonthlyUsd);
        Assert.Equal(["ApplicationLogs"], line.Resources);
        Assert.Contains("ContainerLogGbPerMonth", line.Note, StringComparison.Ordinal);
        // The other nine lines are unchanged; the new group also brings the storage line (30 GB × $0.03).
        Assert.Equal(307.10m + (decimal)monthly + 0.90m, cost.TotalMonthlyUsd);
    }

    [Fact]
    public void ContainerLogIngestionFollowsTheObservabilityAddon()
    {
        var template = Good();
        static CostLine? ContainerLogs(JsonObject t) => Estimate(t).Lines.SingleOrDefault(l => l.Item == "CloudWatch Logs ingestion: Container Insights logs");

        // No ConfigurationValues: the add-on's default ships container logs.
        var line = ContainerLogs(template)!;
        Assert.Equal(20m, line.Quantity);
        Assert.Equal(10.00m, line.MonthlyUsd); // 20 GB × $0.50
        Assert.Equal(["ObservabilityAddon"], line.Resources);

        // The application log group of the same cluster is the same cluster: counted once.
        Resources(template)["ApplicationLogs"] = new JsonObject
        {
            ["Type"] = "AWS::Logs::LogGroup",
            ["Properties"] = new JsonObject { ["LogGroupName"] = "/aws/containerinsights/platform-prod/application" },
        };
        line = ContainerLogs(template)!;
        Assert.Equal(20m, line.Quantity);
        Assert.Equal(["ApplicationLogs", "ObservabilityAddon"], line.Resources);

        // Container logs turned off (as config/dev.yaml does), no application log group: no line.
        Resources(template).Remove("ApplicationLogs");
        Properties(template, "ObservabilityAddon")["ConfigurationValues"] = """{"tolerations":[{"operator":"Exists"}],"containerLogs":{"enabled":false}}""";
        Assert.Null(ContainerLogs(template));
    }

    [Fact]
    public void InvalidAssumptionsAreRejected()
    {
        var bad = new PreflightOptions(new CostAssumptions(InterfaceEndpointShare: 1.5m), null);

        Assert.Throws<ArgumentOutOfRangeException>(() => PreflightAnalyzer.Analyze(Assembly(Good()), bad));
    }

    [Theory]
    [InlineData("BUILD_GENERAL1_SMALL", UsEast1, 0.005, 0.20)]
    [InlineData("BUILD_GENERAL1_LARGE", UsEast1, null, null)]
    [InlineData("BUILD_GENERAL1_SMALL", "aws://unknown-account/ca-central-1", null, null)]
    public void A_build_project_costs_one_run_per_deploy_of_the_assumed_length(string computeType, string environment, double? unitPrice, double? monthly)
    {
        var template = Load("cost.template.json");
        Resources(template)["Installer"] = JsonNode.Parse($$"""
            { "Type": "AWS::CodeBuild::Project",
              "Properties": { "Environment": { "Type": "LINUX_CONTAINER", "ComputeType": "{{computeType}}", "Image": "x" } } }
            """);

        var line = Assert.Single(Estimate(template, environment, s_assumptions with { DeploysPerMonth = 4m, InstallerMinutesPerRun = 10m }).Lines,
            l => l.Item == "CodeBuild build minutes (one run per deploy)");

        // 4 deploys × 10 minutes × $0.005 (docs/prices.md §7); other compute types and regions say they are not priced.
        Assert.Equal(40m, line.Quantity);
        Assert.Equal(["Installer"], line.Resources);
        Assert.Equal((decimal?)unitPrice, line.UnitPriceUsd);
        Assert.Equal((decimal?)monthly, line.MonthlyUsd);
        Assert.Equal(unitPrice is null, line.PriceSource.StartsWith("NOT PRICED", StringComparison.Ordinal));
    }
}
