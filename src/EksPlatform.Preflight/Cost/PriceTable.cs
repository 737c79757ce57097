using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Cost;

/// <summary>
/// Data/prices.json: per region, each price with its unit, source and date. Hand-maintained
/// because the AWS price pages cannot be fetched offline; unverified entries say so.
/// </summary>
internal sealed class PriceTable
{
    private static readonly Lazy<PriceTable> s_default = new(() => new PriceTable(EmbeddedData.Load("prices.json")));
    private readonly Dictionary<string, RegionPrices> _regions = new(StringComparer.Ordinal);

    public PriceTable(JsonObject document)
    {
        Currency = (string?)document["currency"] ?? "USD";
        var spot = document["spotPriceFactor"]!.AsObject();
        SpotPriceFactor = new Price((decimal)spot["value"]!, "fraction of on-demand", (string)spot["source"]!, (string)spot["asOf"]!, (bool)spot["verified"]!);
        foreach (var (region, node) in document["regions"]!.AsObject())
        {
            var items = node!["prices"]!.AsObject().ToDictionary(p => p.Key, p => ReadPrice(p.Value!.AsObject()), StringComparer.Ordinal);
            var ec2 = new Dictionary<string, Price>(StringComparer.Ordinal);
            foreach (var group in node["ec2OnDemandHour"]!.AsArray().OfType<JsonObject>())
            {
                foreach (var (type, usd) in group["types"]!.AsObject())
                {
                    // The first group wins, so newer snapshots listed first take precedence.
                    ec2.TryAdd(type, new Price((decimal)usd!, "instance-hour", (string)group["source"]!, (string)group["asOf"]!, (bool)group["verified"]!));
                }
            }
            _regions[region] = new RegionPrices(region, items, ec2);
        }
    }

    public static PriceTable Default => s_default.Value;

    public string Currency { get; }

    public Price SpotPriceFactor { get; }

    public IEnumerable<string> Regions => _regions.Keys;

    public RegionPrices? ForRegion(string? region) => region is not null && _regions.TryGetValue(region, out var prices) ? prices : null;

    private static Price ReadPrice(JsonObject entry) =>
        new((decimal)entry["usd"]!, (string)entry["unit"]!, (string)entry["source"]!, (string)entry["asOf"]!, (bool)entry["verified"]!);
}
