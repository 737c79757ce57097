using System.Text;

namespace EksPlatform.Preflight.Reporting;

/// <summary>Markdown for pull requests and wikis; the diagram is a ```mermaid block, which GitHub renders.</summary>
internal static class MarkdownReport
{
    public static string Write(PreflightReport report)
    {
        var md = new StringBuilder();
        md.AppendLine("# EKS platform preflight");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("| --- | --- |");
        foreach (var row in Glance.Rows(report))
        {
            md.AppendLine($"| [{row.Label}](#{Heading(row.Anchor)}) | {(row.Good ? Cell(row.Value) : $"**{Cell(row.Value)}**")} |");
        }
        md.AppendLine();
        md.AppendLine("Monthly estimate by category: "
            + string.Join(", ", Glance.ByCategory(report.Cost).Select(c => $"{c.Category} {Formats.Usd(c.Usd)}")) + ".");
        md.AppendLine();
        md.AppendLine($"**Resources:** {report.Summary.ResourceCount} in {report.Summary.Stacks.Count} stack(s).");
        md.AppendLine();
        foreach (var stack in report.Summary.Stacks)
        {
            md.AppendLine($"- `{stack.StackName}` ({Cell(stack.Environment)}): {stack.ResourceCount} resources");
        }
        md.AppendLine();

        md.AppendLine("## Deploy readiness");
        md.AppendLine();
        md.AppendLine(TextReport.DeployHeading(report) + ".");
        md.AppendLine();
        md.AppendLine("| Status | Id | Check | Failing resources and what to change | Source |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var result in report.DeployReadiness)
        {
            var status = result.Status == ComplianceStatus.Fail && !result.Blocks ? "ACCEPTED" : Formats.Status(result.Status);
            var details = result.Findings.Select(f => $"`{(f.LogicalId is null ? f.Stack : $"{f.Stack}/{f.LogicalId}")}`: {f.Problem} Change: {f.Fix}")
                .Prepend(result.AcceptedBecause is { } reason ? $"accepted (--allow): {reason}" : "")
                .Where(d => d.Length > 0)
                .DefaultIfEmpty(result.Summary);
            md.AppendLine($"| {status} | {result.Id} | {Cell(result.Title)} | {Cell(string.Join("<br>", details))} | {Cell(result.Source)} |");
        }
        md.AppendLine();

        md.AppendLine("## Compliance");
        md.AppendLine();
        md.AppendLine(Formats.ComplianceTally(report.Compliance) + ".");
        md.AppendLine();
        md.AppendLine("| Status | Id | Check | Failing resources / notes |");
        md.AppendLine("| --- | --- | --- | --- |");
        foreach (var result in report.Compliance)
        {
            var details = result.Findings.Select(f => $"`{Formats.Where(f)}`: {f.Reason}")
                .Concat(result.Allowlisted.Select(f => $"allowlisted `{Formats.Where(f)}`: {f.Reason}"))
                .DefaultIfEmpty(result.Summary);
            md.AppendLine($"| {Formats.Status(result.Status)} | {result.Id} | {Cell(result.Title)} | {Cell(string.Join("<br>", details))} |");
        }
        md.AppendLine();

        md.AppendLine($"## Monthly cost estimate ({report.Cost.Currency})");
        md.AppendLine();
        md.AppendLine("| Item | Quantity | Unit | Unit price | Monthly | Resources | Price source |");
        md.AppendLine("| --- | ---: | --- | ---: | ---: | --- | --- |");
        foreach (var line in report.Cost.Lines)
        {
            md.AppendLine($"| {Cell(line.Item)} | {Formats.Number(line.Quantity)} | {Cell(line.Unit)} | {Formats.UnitPrice(line.UnitPriceUsd)} "
                + $"| {Formats.Usd(line.MonthlyUsd)} | {Cell(string.Join(", ", line.Resources))} | {Cell(line.PriceSource)} |");
        }
        md.AppendLine($"| **Total** | | | | **{Formats.Total(report.Cost)}** | | |");
        md.AppendLine();
        md.AppendLine("Assumptions: " + string.Join(", ", Formats.Assumptions(report.Cost.Assumptions).Select(a => $"`{a.Name}` = {a.Value}")) + ".");
        md.AppendLine();
        foreach (var note in report.Cost.Notes)
        {
            md.AppendLine($"- {note}");
        }
        md.AppendLine();

        md.AppendLine("## NAT versus interface endpoints");
        md.AppendLine();
        md.AppendLine(report.NatVersusEndpoints.Explanation);
        md.AppendLine();

        md.AppendLine("## Replacements");
        md.AppendLine();
        md.AppendLine(TextReport.ReplacementsHeading(report) + ".");
        if (report.Replacements.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("| Stateful | Stack | Resource | Type | Why | Property | Old | New |");
            md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var w in report.Replacements)
            {
                md.AppendLine($"| {(w.Stateful ? "**yes**" : "no")} | {Cell(w.Stack)} | `{w.LogicalId}` | {w.ResourceType} | {Cell(w.Message)} "
                    + $"| {Cell(w.Property ?? "")} | {Code(w.OldValue)} | {Code(w.NewValue)} |");
            }
        }
        md.AppendLine();

        md.AppendLine("## Architecture");
        md.AppendLine();
        md.AppendLine("```mermaid");
        md.Append(report.MermaidDiagram);
        md.AppendLine("```");
        return md.ToString();
    }

    /// <summary>The GitHub-style anchor of the section a summary row links to.</summary>
    private static string Heading(string anchor) => anchor switch
    {
        "deploy-readiness" => "deploy-readiness",
        "compliance" => "compliance",
        "cost" => "monthly-cost-estimate-usd",
        _ => "replacements",
    };

    private static string Code(string? value) => value is null ? "" : $"`{Cell(value).Replace("`", "'", StringComparison.Ordinal)}`";

    private static string Cell(string text) => text
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
