using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace EksPlatform.Preflight.Reporting;

/// <summary>
/// One self-contained HTML file: inline CSS, the inline SVG chart and diagram, no scripts, no external
/// resources, so it opens offline and can be attached to a change request as is. It opens with a summary read at a
/// glance (id <c>at-a-glance</c>) that links to each section; citations are public URLs (as links) or docs/ pages.
/// </summary>
internal static partial class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #212121; max-width: 1400px; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { border: 1px solid #ddd; padding: 0.35rem 0.5rem; vertical-align: top; text-align: left; }
        th { background: #f5f5f5; } td.num { text-align: right; white-space: nowrap; }
        .pass { color: #1b5e20; font-weight: bold; } .fail { color: #b71c1c; font-weight: bold; } .na { color: #757575; font-weight: bold; }
        .stateful { color: #b71c1c; font-weight: bold; } .unpriced { color: #b71c1c; }
        code { background: #f5f5f5; padding: 0 0.2rem; } .source { color: #616161; font-size: 0.8rem; overflow-wrap: anywhere; }
        figure { margin: 0; overflow-x: auto; }
        #at-a-glance { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0.75rem; margin: 1rem 0 1.5rem; }
        #at-a-glance a { display: block; padding: 0.8rem 1rem; border-radius: 6px; text-decoration: none; color: inherit; border: 2px solid; }
        #at-a-glance a.good { border-color: #2e7d32; background: #e8f5e9; } #at-a-glance a.bad { border-color: #c62828; background: #ffebee; }
        #at-a-glance .label { font-size: 0.85rem; color: #424242; } #at-a-glance .value { font-size: 1.15rem; font-weight: bold; margin-top: 0.2rem; }
        .accepted { color: #8d6e00; font-weight: bold; } .fix { color: #1b5e20; }
        """;

    public static string Write(PreflightReport report)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>EKS platform preflight</title>");
        html.AppendLine($"<style>{Style}</style></head><body>");
        html.AppendLine("<h1>EKS platform preflight</h1>");
        html.AppendLine("<nav id=\"at-a-glance\" aria-label=\"Summary\">");
        foreach (var row in Glance.Rows(report))
        {
            html.AppendLine($"<a href=\"#{row.Anchor}\" class=\"{(row.Good ? "good" : "bad")}\" data-summary=\"{E(row.Anchor)}\">"
                + $"<div class=\"label\">{E(row.Label)}</div><div class=\"value\">{E(row.Value)}</div></a>");
        }
        html.AppendLine("</nav>");
        html.AppendLine($"<p id=\"summary\">{report.Summary.ResourceCount} resources in {report.Summary.Stacks.Count} stack(s): "
            + string.Join("; ", report.Summary.Stacks.Select(s => $"<code>{E(s.StackName)}</code> ({E(s.Environment)}, {s.ResourceCount})")) + "</p>");

        WriteDeployReadiness(html, report);

        html.AppendLine("<h2 id=\"compliance\">Compliance</h2>");
        html.AppendLine($"<p>{E(Formats.ComplianceTally(report.Compliance))}.</p>");
        html.AppendLine("<table id=\"compliance-table\"><thead><tr><th>Status</th><th>Id</th><th>Check</th>"
            + "<th>Failing resources / notes</th><th>Basis</th></tr></thead><tbody>");
        foreach (var result in report.Compliance)
        {
            var css = result.Status switch { ComplianceStatus.Pass => "pass", ComplianceStatus.Fail => "fail", _ => "na" };
            var details = result.Findings.Select(f => $"<code>{E(Formats.Where(f))}</code>: {E(f.Reason)}")
                .Concat(result.Allowlisted.Select(f => $"allowlisted <code>{E(Formats.Where(f))}</code>: {E(f.Reason)}"))
                .DefaultIfEmpty(E(result.Summary));
            html.AppendLine($"<tr><td class=\"{css}\">{Formats.Status(result.Status)}</td><td>{E(result.Id)}</td><td>{E(result.Title)}</td>"
                + $"<td>{string.Join("<br>", details)}</td><td class=\"source\">{Cite(result.Basis)}</td></tr>");
        }
        html.AppendLine("</tbody></table>");

        html.AppendLine($"<h2 id=\"cost\">Monthly cost estimate ({E(report.Cost.Currency)})</h2>");
        html.AppendLine($"<figure id=\"cost-by-category\"><figcaption>By category: total {E(Formats.Total(report.Cost))} a month</figcaption>");
        html.Append(CostChart.Write(report.Cost));
        html.AppendLine("</figure>");
        html.AppendLine("<table id=\"cost-table\"><thead><tr><th>Item</th><th>Quantity</th><th>Unit</th><th>Unit price</th><th>Monthly</th>"
            + "<th>Resources</th><th>Price source</th></tr></thead><tbody>");
        foreach (var line in report.Cost.Lines)
        {
            html.AppendLine($"<tr{(line.Priced ? "" : " class=\"unpriced\"")}><td>{E(line.Item)}<div class=\"source\">{E(line.Note)}</div></td>"
                + $"<td class=\"num\">{E(Formats.Number(line.Quantity))}</td><td>{E(line.Unit)}</td>"
                + $"<td class=\"num\">{E(Formats.UnitPrice(line.UnitPriceUsd))}</td><td class=\"num\">{E(Formats.Usd(line.MonthlyUsd))}</td>"
                + $"<td>{E(string.Join(", ", line.Resources))}</td><td class=\"source\">{E(line.PriceSource)}</td></tr>");
        }
        html.AppendLine($"</tbody><tfoot><tr><th colspan=\"4\">Total per month</th><th class=\"num\">{E(Formats.Total(report.Cost))}</th>"
            + "<th colspan=\"2\"></th></tr></tfoot></table>");
        html.AppendLine("<p id=\"assumptions\">Assumptions: "
            + string.Join(", ", Formats.Assumptions(report.Cost.Assumptions).Select(a => $"<code>{E(a.Name)}</code> = {E(a.Value)}")) + ".</p>");
        html.AppendLine("<ul>" + string.Concat(report.Cost.Notes.Select(n => $"<li>{E(n)}</li>")) + "</ul>");

        html.AppendLine("<h2 id=\"break-even-section\">NAT versus interface endpoints</h2>");
        html.AppendLine($"<p id=\"break-even\">{E(report.NatVersusEndpoints.Explanation)}</p>");

        html.AppendLine("<h2 id=\"replacements-section\">Replacements</h2>");
        html.AppendLine($"<p>{E(TextReport.ReplacementsHeading(report))}.</p>");
        if (report.Replacements.Count > 0)
        {
            html.AppendLine("<table id=\"replacements\"><thead><tr><th>Stateful</th><th>Stack</th><th>Resource</th><th>Type</th><th>Why</th>"
                + "<th>Property</th><th>Old</th><th>New</th></tr></thead><tbody>");
            foreach (var w in report.Replacements)
            {
                html.AppendLine($"<tr><td{(w.Stateful ? " class=\"stateful\">yes" : ">no")}</td><td>{E(w.Stack)}</td><td><code>{E(w.LogicalId)}</code></td>"
                    + $"<td>{E(w.ResourceType)}</td><td>{E(w.Message)}</td>"
                    + $"<td>{E(w.Property ?? "")}</td><td><code>{E(w.OldValue ?? "")}</code></td><td><code>{E(w.NewValue ?? "")}</code></td></tr>");
            }
            html.AppendLine("</tbody></table>");
        }

        html.AppendLine("<h2 id=\"architecture\">Architecture</h2>");
        html.AppendLine("<figure>");
        html.Append(report.SvgDiagram);
        html.AppendLine("</figure>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void WriteDeployReadiness(StringBuilder html, PreflightReport report)
    {
        html.AppendLine("<h2 id=\"deploy-readiness\">Deploy readiness</h2>");
        html.AppendLine($"<p>{E(TextReport.DeployHeading(report))}.</p>");
        html.AppendLine("<table id=\"deploy-readiness-table\"><thead><tr><th>Status</th><th>Id</th><th>Check</th>"
            + "<th>Failing resources and what to change</th><th>Source</th></tr></thead><tbody>");
        foreach (var result in report.DeployReadiness)
        {
            var (css, status) = result.Status switch
            {
                ComplianceStatus.Fail when !result.Blocks => ("accepted", "ACCEPTED"),
                ComplianceStatus.Pass => ("pass", "PASS"),
                ComplianceStatus.Fail => ("fail", "FAIL"),
                _ => ("na", "N/A"),
            };
            var details = result.Findings
                .Select(f => $"<code>{E(Where(f))}</code>: {E(f.Problem)}<div class=\"fix\">Change: {E(f.Fix)}</div>")
                .Prepend(result.AcceptedBecause is { } reason ? $"<span class=\"accepted\">Accepted (--allow): {E(reason)}</span>" : "")
                .Where(d => d.Length > 0)
                .DefaultIfEmpty(E(result.Summary));
            html.AppendLine($"<tr><td class=\"{css}\">{status}</td><td>{E(result.Id)}</td><td>{E(result.Title)}</td>"
                + $"<td>{string.Join("<br>", details)}</td><td class=\"source\">{Cite(result.Source)}</td></tr>");
        }
        html.AppendLine("</tbody></table>");
    }

    private static string Where(DeployReadinessFinding finding) => finding.LogicalId is null ? finding.Stack : $"{finding.Stack}/{finding.LogicalId}";

    /// <summary>A citation with its public URLs as links (they open in the reader's browser; the report itself loads nothing).</summary>
    private static string Cite(string text) => Url().Replace(E(text), m => $"<a href=\"{m.Value}\">{m.Value}</a>");

    [GeneratedRegex(@"https://[^\s;,<]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
