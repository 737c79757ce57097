namespace EksPlatform.Preflight;

/// <summary>
/// One priced item of the monthly estimate. When the item cannot be priced (unknown region or
/// instance type), <see cref="Priced"/> is false and the amounts are null: never a silent zero.
/// </summary>
/// <param name="Stack">Stack name.</param>
/// <param name="Item">What is billed.</param>
/// <param name="Quantity">How many units a month.</param>
/// <param name="Unit">The billing unit, e.g. <c>cluster-hour</c>, <c>GB</c>.</param>
/// <param name="UnitPriceUsd">USD per unit; null when not priced.</param>
/// <param name="MonthlyUsd">Quantity times unit price, rounded to the cent; null when not priced.</param>
/// <param name="Resources">Logical ids the line comes from.</param>
/// <param name="PriceSource">Source and date of the unit price (or why there is none).</param>
/// <param name="Note">How the quantity was derived, assumptions used.</param>
/// <param name="Category">The part of the platform it pays for (the report's chart groups by it).</param>
public sealed record CostLine(
    string Stack,
    string Item,
    decimal Quantity,
    string Unit,
    decimal? UnitPriceUsd,
    decimal? MonthlyUsd,
    IReadOnlyList<string> Resources,
    string PriceSource,
    string Note,
    CostCategory Category = CostCategory.Other)
{
    /// <summary>False when the line could not be priced.</summary>
    public bool Priced => MonthlyUsd is not null;
}
