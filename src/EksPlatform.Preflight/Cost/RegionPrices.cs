namespace EksPlatform.Preflight.Cost;

/// <summary>The prices of one region.</summary>
internal sealed record RegionPrices(string Region, IReadOnlyDictionary<string, Price> Items, IReadOnlyDictionary<string, Price> Ec2OnDemandHour)
{
    public Price? this[string key] => Items.GetValueOrDefault(key);

    public Price? Ec2(string instanceType) => Ec2OnDemandHour.GetValueOrDefault(instanceType);
}
