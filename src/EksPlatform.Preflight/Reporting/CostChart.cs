using System.Globalization;
using System.Net;
using System.Text;

namespace EksPlatform.Preflight.Reporting;

/// <summary>
/// The monthly estimate by category as a horizontal bar chart in inline SVG: no script, no font or image to fetch, so it
/// draws offline in any browser. Bars are proportional to the largest category; each is labelled with its amount.
/// </summary>
internal static class CostChart
{
    public const string ElementId = "cost-chart";
    private const int Width = 720;
    private const int BarHeight = 26;
    private const int Gap = 10;
    private const int LabelWidth = 130;
    private const int AmountWidth = 110;
    private static readonly string[] s_colours = ["#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#546e7a"];

    public static string Write(CostEstimate cost)
    {
        var rows = Glance.ByCategory(cost);
        var largest = rows.Select(r => r.Usd).DefaultIfEmpty(0m).Max();
        var height = (rows.Count * (BarHeight + Gap)) + Gap;
        var scale = Width - LabelWidth - AmountWidth - 20;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{ElementId}\" role=\"img\" width=\"{Width}\" height=\"{height}\" ");
        svg.Append(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {Width} {height}\" ");
        svg.Append("aria-label=\"Monthly estimate by category\" font-family=\"system-ui, sans-serif\" font-size=\"14\">");
        svg.Append("<title>Monthly estimate by category (USD)</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (category, usd) = rows[i];
            var y = Gap + (i * (BarHeight + Gap));
            var length = largest == 0m ? 0m : Math.Max(usd > 0m ? 2m : 0m, usd / largest * scale);
            var bar = length.ToString("0.#", CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-category=\"{E(category)}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 18}\" text-anchor=\"end\" fill=\"#212121\">{E(category)}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{bar}\" height=\"{BarHeight}\" rx=\"3\" fill=\"{s_colours[i % s_colours.Length]}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<title>{E(category)}: {E(Formats.Usd(usd))} a month</title></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth + length + 8:0.#}\" y=\"{y + 18}\" fill=\"#424242\">{E(Formats.Usd(usd))}</text>");
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
