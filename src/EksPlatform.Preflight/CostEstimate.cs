namespace EksPlatform.Preflight;

/// <summary>The monthly cost estimate.</summary>
/// <param name="Currency">Always USD (the price table's currency).</param>
/// <param name="Lines">One line per priced item.</param>
/// <param name="Assumptions">The usage assumptions the lines used.</param>
/// <param name="PriceTableSource">Where the prices come from, as stated by the price data file.</param>
/// <param name="Notes">What the estimate leaves out.</param>
public sealed record CostEstimate(
    string Currency,
    IReadOnlyList<CostLine> Lines,
    CostAssumptions Assumptions,
    string PriceTableSource,
    IReadOnlyList<string> Notes)
{
    /// <summary>Sum of the priced lines (lines that could not be priced are excluded and listed).</summary>
    public decimal TotalMonthlyUsd => Lines.Sum(l => l.MonthlyUsd ?? 0m);

    /// <summary>True when at least one line could not be priced, so the total is a lower bound.</summary>
    public bool HasUnpricedLines => Lines.Any(l => !l.Priced);
}
