using System.Globalization;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Cost;

/// <summary>
/// At the assumed AWS API traffic, is it cheaper to send it through NAT or through the interface
/// endpoints the template has? Endpoints cost a fixed amount per AZ-hour plus less per GB, so they
/// win above fixed / (NAT per-GB − endpoint per-GB).
/// </summary>
internal static class BreakEvenCalculator
{
    public static BreakEven Compute(IReadOnlyList<TemplateModel> templates, CostAssumptions a, PriceTable table)
    {
        var withEndpoints = templates.FirstOrDefault(t => t.Network.Endpoints.Any(e => !e.IsGateway));
        if (withEndpoints is null)
        {
            return NotApplicable(a.AwsApiGbPerMonth, "No interface endpoints in the templates: AWS API traffic goes through NAT.");
        }
        var traffic = a.AwsApiGbPerMonth * a.InterfaceEndpointShare;
        var region = withEndpoints.ConcreteRegion ?? withEndpoints.Stack.Region;
        var prices = table.ForRegion(region);
        var natGb = prices?["natGatewayGb"];
        var endpointGb = prices?["interfaceEndpointGb"];
        var endpointHour = prices?["interfaceEndpointAzHour"];
        if (natGb is null || endpointGb is null || endpointHour is null)
        {
            return NotApplicable(traffic, $"No NAT / interface endpoint prices for region {region} in Data/prices.json.");
        }
        var azPairs = templates.SelectMany(t => t.Network.Endpoints).Where(e => !e.IsGateway).Sum(e => e.SubnetCount ?? 0);
        var fixedMonthly = azPairs * a.HoursPerMonth * endpointHour.Usd;
        var viaNat = traffic * natGb.Usd;
        var viaEndpoints = fixedMonthly + (traffic * endpointGb.Usd);
        var perGbSaving = natGb.Usd - endpointGb.Usd;
        decimal? breakEven = perGbSaving > 0 ? Math.Round(fixedMonthly / perGbSaving, 2, MidpointRounding.AwayFromZero) : null;
        var cheaper = viaNat < viaEndpoints ? "nat" : viaNat > viaEndpoints ? "endpoints" : "equal";
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"At {traffic:0.##} GB/month of AWS API traffic: via NAT ${Money(viaNat):0.00} ({traffic:0.##} GB × ${natGb.Usd}/GB), " +
            $"via {azPairs} endpoint-AZ pair(s) ${Money(viaEndpoints):0.00} (${Money(fixedMonthly):0.00} fixed + ${endpointGb.Usd}/GB). ") +
            (breakEven is null
                ? "Endpoints never pay for themselves per GB in this region."
                : string.Create(CultureInfo.InvariantCulture, $"Endpoints are cheaper above {breakEven:0.##} GB/month; ") +
                  (cheaper == "endpoints" ? "they are cheaper at this traffic."
                      : cheaper == "nat" ? "NAT is cheaper at this traffic (endpoints may still be required for private clusters)."
                      : "both cost the same at this traffic."));
        return new BreakEven(true, explanation, traffic, natGb.Usd, endpointGb.Usd, endpointHour.Usd, azPairs,
            Money(fixedMonthly), Money(viaNat), Money(viaEndpoints), breakEven, cheaper);
    }

    private static BreakEven NotApplicable(decimal traffic, string why) =>
        new(false, why, traffic, null, null, null, 0, null, null, null, null, null);

    private static decimal Money(decimal usd) => CostLineBuilder.Money(usd);
}
