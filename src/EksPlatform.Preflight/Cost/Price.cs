namespace EksPlatform.Preflight.Cost;

/// <summary>One entry of Data/prices.json.</summary>
internal sealed record Price(decimal Usd, string Unit, string Source, string AsOf, bool Verified)
{
    /// <summary>Source and date as printed in a cost line.</summary>
    public string Citation => $"{Source} (as of {AsOf})";
}
