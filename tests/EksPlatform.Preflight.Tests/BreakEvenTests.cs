using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

public sealed class BreakEvenTests
{
    /// <summary>
    /// cost.template.json has 2 interface endpoints × 3 AZs: fixed 6 × 730 h × $0.01 = $43.80 a month.
    /// Per GB: NAT $0.045, endpoint $0.01, so they cross at 43.80 / 0.035 = 1251.43 GB.
    /// </summary>
    [Theory]
    [InlineData(50, 2.25, 44.30, "nat")]
    [InlineData(1000, 45.00, 53.80, "nat")]
    [InlineData(2000, 90.00, 63.80, "endpoints")]
    public void ComparesNatAndEndpointsAtTheAssumedTraffic(double gb, double viaNat, double viaEndpoints, string cheaper)
    {
        var options = new PreflightOptions(new CostAssumptions(AwsApiGbPerMonth: (decimal)gb), null);

        var result = Analyze(Load("cost.template.json"), options).NatVersusEndpoints;

        Assert.True(result.Applicable);
        Assert.Equal(6, result.EndpointAzCount);
        Assert.Equal(43.80m, result.EndpointFixedMonthlyUsd);
        Assert.Equal((decimal)viaNat, result.ViaNatMonthlyUsd);
        Assert.Equal((decimal)viaEndpoints, result.ViaEndpointsMonthlyUsd);
        Assert.Equal(1251.43m, result.BreakEvenGbPerMonth);
        Assert.Equal(cheaper, result.Cheaper);
        Assert.Contains("1251.43 GB/month", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void AtTheBreakEvenTrafficBothCostTheSame()
    {
        var options = new PreflightOptions(new CostAssumptions(AwsApiGbPerMonth: 43.80m / 0.035m), null);

        var result = Analyze(Load("cost.template.json"), options).NatVersusEndpoints;

        Assert.Equal(result.ViaNatMonthlyUsd, result.ViaEndpointsMonthlyUsd);
    }

    [Fact]
    public void OnlyTheShareCoveredByEndpointsIsCompared()
    {
        var options = new PreflightOptions(new CostAssumptions(AwsApiGbPerMonth: 2000m, InterfaceEndpointShare: 0.5m), null);

        var result = Analyze(Load("cost.template.json"), options).NatVersusEndpoints;

        Assert.Equal(1000m, result.TrafficGbPerMonth);
        Assert.Equal("nat", result.Cheaper);
    }

    [Fact]
    public void NotApplicableWithoutInterfaceEndpoints()
    {
        var template = Load("cost.template.json");
        Resources(template).Remove("EcrApiEndpoint");
        Resources(template).Remove("EcrDkrEndpoint");

        var result = Analyze(template).NatVersusEndpoints;

        Assert.False(result.Applicable);
        Assert.Null(result.BreakEvenGbPerMonth);
        Assert.Contains("No interface endpoints", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void NotApplicableWithoutPricesForTheRegion()
    {
        var result = Analyze(Load("cost.template.json"), environment: "aws://111122223333/sa-east-1").NatVersusEndpoints;

        Assert.False(result.Applicable);
        Assert.Contains("sa-east-1", result.Explanation, StringComparison.Ordinal);
    }
}
