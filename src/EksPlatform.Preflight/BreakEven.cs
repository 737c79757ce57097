namespace EksPlatform.Preflight;

/// <summary>
/// AWS API traffic through NAT versus through the interface endpoints the template has. NAT hourly
/// charges are left out on both sides: the NAT gateways stay for internet traffic either way.
/// </summary>
/// <param name="Applicable">False when the template has no interface endpoints (nothing to compare) or prices are missing.</param>
/// <param name="Explanation">The comparison in words, or why it does not apply.</param>
/// <param name="TrafficGbPerMonth">AWS API traffic the endpoints carry: AwsApiGbPerMonth × InterfaceEndpointShare.</param>
/// <param name="NatPerGbUsd">NAT data-processing price.</param>
/// <param name="EndpointPerGbUsd">Interface-endpoint data-processing price.</param>
/// <param name="EndpointAzHourUsd">Interface-endpoint price per endpoint per AZ per hour.</param>
/// <param name="EndpointAzCount">Endpoint-AZ pairs in the template (sum over endpoints of their subnets).</param>
/// <param name="EndpointFixedMonthlyUsd">Endpoint-AZ pairs times hourly price times hours per month.</param>
/// <param name="ViaNatMonthlyUsd">TrafficGbPerMonth times NAT per-GB.</param>
/// <param name="ViaEndpointsMonthlyUsd">Fixed endpoint cost plus TrafficGbPerMonth times endpoint per-GB.</param>
/// <param name="BreakEvenGbPerMonth">Fixed endpoint cost / (NAT per-GB - endpoint per-GB): above it endpoints are cheaper.</param>
/// <param name="Cheaper">"endpoints", "nat" or "equal" at the assumed traffic; null when not applicable.</param>
public sealed record BreakEven(
    bool Applicable,
    string Explanation,
    decimal TrafficGbPerMonth,
    decimal? NatPerGbUsd,
    decimal? EndpointPerGbUsd,
    decimal? EndpointAzHourUsd,
    int EndpointAzCount,
    decimal? EndpointFixedMonthlyUsd,
    decimal? ViaNatMonthlyUsd,
    decimal? ViaEndpointsMonthlyUsd,
    decimal? BreakEvenGbPerMonth,
    string? Cheaper);
