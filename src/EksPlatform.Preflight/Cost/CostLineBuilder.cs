namespace EksPlatform.Preflight.Cost;

/// <summary>Builds cost lines for one stack, turning a missing price into an explicit "not priced" line.</summary>
internal sealed class CostLineBuilder(string stack, RegionPrices? prices, string region)
{
    public List<CostLine> Lines { get; } = [];

    public RegionPrices? Prices => prices;

    /// <summary>The category the next lines belong to; each part of the calculator sets it before adding its lines.</summary>
    public CostCategory Category { get; set; } = CostCategory.Other;

    /// <summary>A line priced from the region's table entry <paramref name="priceKey"/>.</summary>
    public void Add(string item, decimal quantity, string unit, string priceKey, IEnumerable<string> resources, string note) =>
        Add(item, quantity, unit, prices?[priceKey], resources, note, $"no '{priceKey}' price for region {region} in Data/prices.json");

    /// <summary>A line with an explicit price (null: not priced, for <paramref name="missingReason"/>).</summary>
    public void Add(string item, decimal quantity, string unit, Price? price, IEnumerable<string> resources, string note, string missingReason)
    {
        if (price is null)
        {
            Lines.Add(new CostLine(stack, item, quantity, unit, null, null, resources.ToList(), $"NOT PRICED: {missingReason}", note, Category));
            return;
        }
        Lines.Add(new CostLine(stack, item, quantity, unit, price.Usd, Money(quantity * price.Usd), resources.ToList(),
            price.Verified || price.Source.StartsWith("UNVERIFIED", StringComparison.Ordinal) ? price.Citation : $"UNVERIFIED: {price.Citation}", note,
            Category));
    }

    /// <summary>A line that cannot be priced for a reason other than a missing table entry.</summary>
    public void NotPriced(string item, decimal quantity, string unit, IEnumerable<string> resources, string reason) =>
        Lines.Add(new CostLine(stack, item, quantity, unit, null, null, resources.ToList(), $"NOT PRICED: {reason}", reason, Category));

    /// <summary>Cents, rounded half away from zero as a bill would be.</summary>
    public static decimal Money(decimal usd) => Math.Round(usd, 2, MidpointRounding.AwayFromZero);
}
