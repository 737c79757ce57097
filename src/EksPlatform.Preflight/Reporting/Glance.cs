using System.Globalization;

namespace EksPlatform.Preflight.Reporting;

/// <summary>The summary every report opens with: will it deploy, compliance, monthly total, replacements.</summary>
internal static class Glance
{
    /// <summary>One line of the summary: what it is, the answer, whether the answer is good, the report section behind it.</summary>
    public sealed record Row(string Label, string Value, bool Good, string Anchor);

    public static IReadOnlyList<Row> Rows(PreflightReport report) =>
    [
        new("Will it deploy?", Deploy(report), !report.HasDeployBlocker, "deploy-readiness"),
        new("Compliance", ComplianceLine(report), !report.HasComplianceFailure, "compliance"),
        new("Monthly estimate", Formats.Total(report.Cost), !report.Cost.HasUnpricedLines, "cost"),
        new("Replacements", Replacements(report), !report.HasStatefulReplacement, "replacements-section"),
    ];

    /// <summary>
    /// The monthly estimate by category, in chart order: the six the platform always has (zero included), then build
    /// minutes and anything else only when some line has them.
    /// </summary>
    public static IReadOnlyList<(string Category, decimal Usd)> ByCategory(CostEstimate cost) =>
        s_chartOrder.Concat(s_whenPresent.Where(c => cost.Lines.Any(l => l.Category == c)))
            .Select(c => (Name(c), cost.Lines.Where(l => l.Category == c).Sum(l => l.MonthlyUsd ?? 0m)))
            .ToList();

    private static readonly CostCategory[] s_whenPresent = [CostCategory.Builds, CostCategory.Other];

    private static readonly CostCategory[] s_chartOrder =
        [CostCategory.Compute, CostCategory.Network, CostCategory.Endpoints, CostCategory.Observability, CostCategory.Keys, CostCategory.ControlPlane];

    public static string Name(CostCategory category) => category switch
    {
        CostCategory.ControlPlane => "control plane",
        CostCategory.Compute => "compute",
        CostCategory.Network => "network",
        CostCategory.Endpoints => "endpoints",
        CostCategory.Observability => "observability",
        CostCategory.Keys => "keys",
        CostCategory.Builds => "builds",
        _ => "other",
    };

    private static string Deploy(PreflightReport report)
    {
        var failing = report.DeployReadiness.Where(r => r.Status == ComplianceStatus.Fail).ToList();
        var blocking = failing.Where(r => r.Blocks).Select(r => r.Id).ToList();
        var accepted = failing.Where(r => !r.Blocks).Select(r => r.Id).ToList();
        var passed = report.DeployReadiness.Count(r => r.Status == ComplianceStatus.Pass);
        var acceptedNote = accepted.Count > 0 ? $"; accepted with --allow: {string.Join(", ", accepted)}" : "";
        return blocking.Count == 0
            ? $"yes: {passed} check(s) pass, none blocks{acceptedNote}"
            : $"NO: {string.Join(", ", blocking)} fail{acceptedNote}";
    }

    private static string ComplianceLine(PreflightReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{report.Compliance.Count(c => c.Status == ComplianceStatus.Pass)} passed, {report.Compliance.Count(c => c.Status == ComplianceStatus.Fail)} failed");

    private static string Replacements(PreflightReport report) => !report.BaselineCompared
        ? "not checked (no baseline)"
        : report.Replacements.Count == 0
            ? "none"
            : $"{report.Replacements.Count} ({report.Replacements.Count(r => r.Stateful)} stateful)";
}
