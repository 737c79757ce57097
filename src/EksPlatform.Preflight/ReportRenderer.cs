using EksPlatform.Preflight.Reporting;

namespace EksPlatform.Preflight;

/// <summary>The report in the forms the CLI writes: terminal text, Markdown, self-contained HTML, JSON.</summary>
public static class ReportRenderer
{
    /// <summary>Plain text for a terminal.</summary>
    public static string ToText(PreflightReport report) => TextReport.Write(Checked(report));

    /// <summary>Markdown, with the architecture in a ```mermaid block.</summary>
    public static string ToMarkdown(PreflightReport report) => MarkdownReport.Write(Checked(report));

    /// <summary>One HTML file with inline CSS and an inline SVG diagram (id <c>architecture-diagram</c>); no scripts, no network.</summary>
    public static string ToHtml(PreflightReport report) => HtmlReport.Write(Checked(report));

    /// <summary>Indented camelCase JSON; <see cref="FromJson"/> reads it back.</summary>
    public static string ToJson(PreflightReport report) => JsonReport.Write(Checked(report));

    /// <summary>A report written by <see cref="ToJson"/>.</summary>
    public static PreflightReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonReport.Read(json);
    }

    private static PreflightReport Checked(PreflightReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report;
    }
}
