using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Tests;

/// <summary>The embedded data files keep their promises: every price cites a source and a date, unverified ones say so.</summary>
public sealed class DataFileTests
{
    private static JsonObject Embedded(string fileName)
    {
        using var stream = typeof(PreflightAnalyzer).Assembly.GetManifestResourceStream($"EksPlatform.Preflight.Data.{fileName}");
        Assert.NotNull(stream);
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static IEnumerable<(string Region, string Key, JsonObject Entry)> Prices() =>
        Embedded("prices.json")["regions"]!.AsObject().SelectMany(region =>
            region.Value!["prices"]!.AsObject().Select(p => (region.Key, p.Key, p.Value!.AsObject()))
                .Concat(region.Value["ec2OnDemandHour"]!.AsArray().Select((g, i) => (region.Key, $"ec2 group {i}", g!.AsObject()))));

    [Fact]
    public void EveryPriceHasASourceADateAndAVerifiedFlag()
    {
        var entries = Prices().ToList();

        Assert.True(entries.Count >= 45, $"only {entries.Count} entries");
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)e.Entry["source"]), $"{e.Region} {e.Key}: no source");
            Assert.False(string.IsNullOrWhiteSpace((string?)e.Entry["asOf"]), $"{e.Region} {e.Key}: no date");
            var verified = (bool)e.Entry["verified"]!;
            var source = (string)e.Entry["source"]!;
            Assert.True(verified != source.StartsWith("UNVERIFIED", StringComparison.Ordinal), $"{e.Region} {e.Key}: verified flag and source disagree");
        });
    }

    [Fact]
    public void AtLeastThreeRegionsAndOnlyUsEast1IsVerified()
    {
        var regions = Prices().GroupBy(e => e.Region).ToList();

        Assert.Contains(regions, g => g.Key == "us-east-1");
        Assert.True(regions.Count >= 3);
        Assert.All(regions.Where(g => g.Key != "us-east-1").SelectMany(g => g), e => Assert.False((bool)e.Entry["verified"]!, $"{e.Region} {e.Key}"));
        Assert.All(Prices().Where(e => e.Region == "us-east-1" && (bool)e.Entry["verified"]! && !e.Key.StartsWith("ec2", StringComparison.Ordinal)),
            e => Assert.StartsWith("docs/prices.md §2", (string)e.Entry["source"]!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("eksStandardClusterHour", 0.10)]
    [InlineData("eksExtendedClusterHour", 0.60)]
    [InlineData("natGatewayHour", 0.045)]
    [InlineData("natGatewayGb", 0.045)]
    [InlineData("publicIpv4Hour", 0.005)]
    [InlineData("interfaceEndpointAzHour", 0.01)]
    [InlineData("interfaceEndpointGb", 0.01)]
    [InlineData("gp3GbMonth", 0.08)]
    [InlineData("kmsKeyMonth", 1.00)]
    [InlineData("logsIngestionGb", 0.50)]
    [InlineData("logsStorageGbMonth", 0.03)]
    public void UsEast1PricesMatchTheDocumentedTable(string key, double usd)
    {
        Assert.Equal((decimal)usd, (decimal)Embedded("prices.json")["regions"]!["us-east-1"]!["prices"]![key]!["usd"]!);
    }

    [Fact]
    public void RegionListComesFromTheGenerator()
    {
        var regions = Embedded("regions.json");

        Assert.StartsWith("@aws-cdk/region-info@", (string)regions["source"]!, StringComparison.Ordinal);
        Assert.Equal("aws", (string?)regions["regions"]!["us-east-1"]);
        Assert.Equal("aws-cn", (string?)regions["regions"]!["cn-north-1"]);
        Assert.True(regions["regions"]!.AsObject().Count >= 30);
    }
}
