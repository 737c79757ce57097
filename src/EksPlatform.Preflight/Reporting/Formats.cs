using System.Globalization;

namespace EksPlatform.Preflight.Reporting;

/// <summary>Number and status formatting shared by the renderers (invariant culture: reports must not change with the machine's locale).</summary>
internal static class Formats
{
    public static string Usd(decimal? amount) => amount is null ? "not priced" : amount.Value.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    public static string UnitPrice(decimal? amount) => amount is null ? "—" : "$" + amount.Value.ToString("0.00####", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("#,##0.####", CultureInfo.InvariantCulture);

    public static string Status(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Pass => "PASS",
        ComplianceStatus.Fail => "FAIL",
        _ => "N/A",
    };

    public static string Where(ComplianceFinding finding) => finding.LogicalId is null ? finding.Stack : $"{finding.Stack}/{finding.LogicalId}";

    public static IEnumerable<(string Name, string Value)> Assumptions(CostAssumptions a) =>
    [
        ("HoursPerMonth", Number(a.HoursPerMonth)),
        ("NatProcessedGbPerMonth", Number(a.NatProcessedGbPerMonth)),
        ("AwsApiGbPerMonth", Number(a.AwsApiGbPerMonth)),
        ("InterfaceEndpointShare", Number(a.InterfaceEndpointShare)),
        ("ControlPlaneLogGbPerMonth", Number(a.ControlPlaneLogGbPerMonth)),
        ("FlowLogGbPerMonth", Number(a.FlowLogGbPerMonth)),
        ("LogStorageGbRetained", Number(a.LogStorageGbRetained)),
        ("ContainerLogGbPerMonth", Number(a.ContainerLogGbPerMonth)),
    ];

    public static string Total(CostEstimate cost) =>
        Usd(cost.TotalMonthlyUsd) + (cost.HasUnpricedLines ? $" (lower bound: {cost.Lines.Count(l => !l.Priced)} line(s) not priced)" : "");

    public static string ComplianceTally(IReadOnlyList<ComplianceResult> results) =>
        $"{results.Count(r => r.Status == ComplianceStatus.Pass)} pass, {results.Count(r => r.Status == ComplianceStatus.Fail)} fail, "
        + $"{results.Count(r => r.Status == ComplianceStatus.NotApplicable)} not applicable";
}
