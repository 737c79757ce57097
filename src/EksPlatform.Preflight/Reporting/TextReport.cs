using System.Text;

namespace EksPlatform.Preflight.Reporting;

/// <summary>Plain text for the terminal: fixed-width columns, no colour codes (the CLI may add them).</summary>
internal static class TextReport
{
    public static string Write(PreflightReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("EKS platform preflight");
        text.AppendLine("======================");
        text.AppendLine();
        foreach (var row in Glance.Rows(report))
        {
            text.AppendLine($"{row.Label,-18} {row.Value}");
        }
        text.AppendLine();
        text.AppendLine($"Resources: {report.Summary.ResourceCount} in {report.Summary.Stacks.Count} stack(s)");
        foreach (var stack in report.Summary.Stacks)
        {
            text.AppendLine($"  {stack.StackName} ({stack.Environment}): {stack.ResourceCount} resources; "
                + $"{string.Join(", ", stack.ByType.Take(6).Select(t => $"{t.Count} {t.Type}"))}");
        }
        text.AppendLine();

        text.AppendLine(DeployHeading(report));
        foreach (var result in report.DeployReadiness)
        {
            var status = result.Status == ComplianceStatus.Fail && !result.Blocks ? "ACCEPTED" : Formats.Status(result.Status);
            text.AppendLine($"  [{status,-4}] {result.Id,-10} {result.Title}");
            if (result.AcceptedBecause is { } reason)
            {
                text.AppendLine($"         accepted (--allow): {reason}");
            }
            foreach (var finding in result.Findings)
            {
                text.AppendLine($"         - {(finding.LogicalId is null ? finding.Stack : $"{finding.Stack}/{finding.LogicalId}")}: {finding.Problem}");
                text.AppendLine($"           change: {finding.Fix}");
            }
        }
        text.AppendLine();

        text.AppendLine($"Compliance: {Formats.ComplianceTally(report.Compliance)}");
        foreach (var result in report.Compliance)
        {
            text.AppendLine($"  [{Formats.Status(result.Status),-4}] {result.Id,-10} {result.Title}");
            foreach (var finding in result.Findings)
            {
                text.AppendLine($"         - {Formats.Where(finding)}: {finding.Reason}");
            }
            foreach (var finding in result.Allowlisted)
            {
                text.AppendLine($"         ~ allowlisted {Formats.Where(finding)}: {finding.Reason}");
            }
            if (result.Status == ComplianceStatus.NotApplicable)
            {
                text.AppendLine($"         {result.Summary}");
            }
        }
        text.AppendLine();

        text.AppendLine($"Monthly cost estimate ({report.Cost.Currency})");
        var rows = report.Cost.Lines
            .Select(l => new[] { l.Item, $"{Formats.Number(l.Quantity)} {l.Unit}", Formats.UnitPrice(l.UnitPriceUsd), Formats.Usd(l.MonthlyUsd) }).ToList();
        var widths = Enumerable.Range(0, 4).Select(i => rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max()).ToArray();
        foreach (var row in rows)
        {
            text.AppendLine($"  {row[0].PadRight(widths[0])}  {row[1].PadLeft(widths[1])}  × {row[2].PadLeft(widths[2])}  = {row[3].PadLeft(widths[3])}");
        }
        text.AppendLine($"  Total: {Formats.Total(report.Cost)} per month");
        text.AppendLine($"  Assumptions: {string.Join(", ", Formats.Assumptions(report.Cost.Assumptions).Select(a => $"{a.Name}={a.Value}"))}");
        foreach (var line in report.Cost.Lines.Where(l => !l.Priced))
        {
            text.AppendLine($"  Not priced: {line.Item}: {line.PriceSource}");
        }
        text.AppendLine();

        text.AppendLine("NAT versus interface endpoints");
        text.AppendLine($"  {report.NatVersusEndpoints.Explanation}");
        text.AppendLine();

        text.AppendLine(ReplacementsHeading(report));
        foreach (var warning in report.Replacements)
        {
            text.AppendLine($"  {(warning.Stateful ? "STATEFUL " : "")}{warning.Stack}/{warning.LogicalId} ({warning.ResourceType}): {warning.Message}");
            if (warning.Property is not null && (warning.OldValue is not null || warning.NewValue is not null))
            {
                text.AppendLine($"      {warning.Property}: {warning.OldValue ?? "(absent)"} -> {warning.NewValue ?? "(absent)"}");
            }
        }
        return text.ToString();
    }

    internal static string DeployHeading(PreflightReport report) =>
        $"Deploy readiness: {(report.HasDeployBlocker ? "WILL NOT DEPLOY as it is" : "nothing blocks the deploy")} "
        + $"({report.DeployReadiness.Count(r => r.Status == ComplianceStatus.Pass)} pass, {report.DeployReadiness.Count(r => r.Blocks)} fail, "
        + $"{report.DeployReadiness.Count(r => r.Status == ComplianceStatus.Fail && !r.Blocks)} accepted, "
        + $"{report.DeployReadiness.Count(r => r.Status == ComplianceStatus.NotApplicable)} not applicable)";

    internal static string ReplacementsHeading(PreflightReport report) => !report.BaselineCompared
        ? "Replacements: not checked (no baseline given)"
        : report.Replacements.Count == 0
            ? "Replacements: none against the baseline"
            : $"Replacements: {report.Replacements.Count} resource change(s) delete or replace resources"
                + $"{(report.HasStatefulReplacement ? ", including STATEFUL ones" : "")}";
}
