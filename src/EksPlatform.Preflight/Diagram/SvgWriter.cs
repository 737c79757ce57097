using System.Text;
using static System.FormattableString;

namespace EksPlatform.Preflight.Diagram;

/// <summary>
/// The architecture as an SVG drawn by hand: VPCs on the left with one column per AZ (public
/// subnets, NAT gateways, private subnets) and the endpoints below; clusters, node groups and IRSA
/// roles on the right. Plain rectangles and text only, so it renders without scripts or fonts
/// from the network; every text is XML-escaped and long ones are shortened (full text in a title).
/// </summary>
internal static class SvgWriter
{
    private const int Margin = 20;
    private const int Padding = 14;
    private const int ColumnWidth = 224;
    private const int Gap = 10;
    private const int ItemHeight = 42;
    private const int HeaderHeight = 28;
    private const int PillWidth = 160;
    private const int PillHeight = 28;
    private const int PanelWidth = 280;
    private const int CharWidth = 7; // average glyph width at 12px sans-serif, to shorten labels that would overflow.

    public static string Write(ArchitectureModel model, string elementId)
    {
        var body = new StringBuilder();
        var y = Margin + 24;
        var vpcRight = Margin;
        var vpcBoxes = new Dictionary<string, (int Right, int Top, int Bottom)>(StringComparer.Ordinal);
        foreach (var vpc in model.Vpcs)
        {
            var (width, height) = DrawVpc(body, vpc, Margin, y);
            vpcRight = Math.Max(vpcRight, Margin + width);
            vpcBoxes[vpc.Key] = (Margin + width, y, y + height);
            y += height + 30;
        }
        var leftBottom = y;
        var x = model.Vpcs.Count > 0 ? vpcRight + 40 : Margin;
        y = Margin + 24;
        foreach (var cluster in model.Clusters)
        {
            if (cluster.VpcKey is not null && vpcBoxes.TryGetValue(cluster.VpcKey, out var box))
            {
                // The cluster's ENIs live in the VPC's private subnets: a dashed connector says so.
                var lineY = Math.Clamp(y + 25, box.Top + 10, box.Bottom - 10);
                body.Append(Invariant($"<line x1=\"{box.Right}\" y1=\"{lineY}\" x2=\"{x}\" y2=\"{y + 25}\" stroke=\"#6a1b9a\" stroke-dasharray=\"5 4\"/>\n"));
            }
            Box(body, x, y, PanelWidth, 50, "#f3e5f5", "#6a1b9a", $"EKS cluster {cluster.Name}",
                string.Join(" · ", new[] { cluster.Version is null ? null : $"Kubernetes {cluster.Version}",
                    cluster.ApiClients.Count == 0 ? null : $"API 443 from {string.Join(", ", cluster.ApiClients)}" }.OfType<string>()),
                rounded: 14);
            y += 50 + Gap;
            foreach (var nodeGroup in cluster.NodeGroups)
            {
                Box(body, x + 20, y, PanelWidth - 20, ItemHeight, "#fce4ec", "#ad1457", $"node group {nodeGroup.LogicalId}", nodeGroup.Label);
                y += ItemHeight + Gap;
            }
            foreach (var build in model.Builds.Where(b => b.ClusterKey == cluster.Key))
            {
                // The in-VPC build reaches this cluster's endpoint on 443.
                Box(body, x + 20, y, PanelWidth - 20, ItemHeight, "#e0f2f1", "#00695c", $"CodeBuild {build.Name}",
                    $"in the VPC → API on 443{(build.StartedBy is null ? "" : $" · started by {build.StartedBy} after each deploy")}");
                y += ItemHeight + Gap;
            }
            y += 10;
        }
        foreach (var queue in model.Queues)
        {
            Text(body, x, y + 16, "EventBridge rules → SQS queue", bold: true, anchorMiddle: false);
            y += HeaderHeight;
            foreach (var (_, events) in queue.Rules)
            {
                Box(body, x + 20, y, PanelWidth - 20, ItemHeight, "#e0f2f1", "#00695c", "EventBridge rule", events);
                y += ItemHeight + Gap;
            }
            Box(body, x, y, PanelWidth, ItemHeight, "#e0f7fa", "#006064", $"SQS queue {queue.LogicalId}", "interruption events for Karpenter");
            y += ItemHeight + Gap + 10;
        }
        if (model.Roles.Count > 0)
        {
            Text(body, x, y + 16, "IRSA and Pod Identity roles", bold: true, anchorMiddle: false);
            y += HeaderHeight;
            foreach (var role in model.Roles)
            {
                Box(body, x, y, PanelWidth, ItemHeight, "#fffde7", "#f9a825", role.ServiceAccounts, role.LogicalId);
                y += ItemHeight + Gap;
            }
        }
        if (model.Vpcs.Count == 0 && model.Clusters.Count == 0)
        {
            Text(body, Margin, y + 20, "No VPC or EKS cluster in the templates.", bold: false, anchorMiddle: false);
            y += 40;
        }
        var totalWidth = (model.Clusters.Count > 0 || model.Roles.Count > 0 || model.Queues.Count > 0 ? x + PanelWidth : vpcRight) + Margin;
        var totalHeight = Math.Max(leftBottom, y) + Margin;
        totalWidth = Math.Max(totalWidth, 420);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{Escape(elementId)}\" role=\"img\" aria-label=\"Architecture diagram\"") +
            Invariant($" width=\"{totalWidth}\" height=\"{totalHeight}\" viewBox=\"0 0 {totalWidth} {totalHeight}\"") +
            " font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<title>Architecture diagram</title>\n");
        svg.Append(Invariant($"<rect x=\"0\" y=\"0\" width=\"{totalWidth}\" height=\"{totalHeight}\" fill=\"#ffffff\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Margin}\" y=\"{Margin + 6}\" font-size=\"15\" font-weight=\"bold\">Architecture</text>\n"));
        svg.Append(body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static (int Width, int Height) DrawVpc(StringBuilder body, DiagramVpc vpc, int x, int y)
    {
        var zones = Math.Max(1, vpc.Zones.Count);
        var width = Math.Max(2 * Padding + (zones * ColumnWidth) + ((zones - 1) * Gap), 2 * Padding + (2 * PillWidth) + Gap);
        var columnItems = vpc.Zones.Count == 0 ? 0 : vpc.Zones.Max(z => z.Subnets.Count + z.NatGateways.Count);
        var columnHeight = HeaderHeight + (columnItems * (ItemHeight + Gap)) + Gap;
        var perRow = Math.Max(1, (width - (2 * Padding) + Gap) / (PillWidth + Gap));
        var endpointRows = (vpc.Endpoints.Count + perRow - 1) / perRow;
        var endpointsHeight = vpc.Endpoints.Count == 0 ? 0 : HeaderHeight + (endpointRows * (PillHeight + Gap));
        var height = HeaderHeight + columnHeight + endpointsHeight + Padding;

        body.Append(Invariant($"<g class=\"vpc\"><rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\"") +
            " rx=\"8\" fill=\"#fafafa\" stroke=\"#424242\" stroke-width=\"1.5\"/>\n");
        Text(body, x + Padding, y + 19, $"VPC {vpc.LogicalId}{(vpc.Cidr is null ? "" : " " + vpc.Cidr)}", bold: true, anchorMiddle: false);
        for (var i = 0; i < vpc.Zones.Count; i++)
        {
            var zone = vpc.Zones[i];
            var cx = x + Padding + (i * (ColumnWidth + Gap));
            var cy = y + HeaderHeight;
            body.Append(Invariant($"<rect x=\"{cx}\" y=\"{cy}\" width=\"{ColumnWidth}\" height=\"{columnHeight}\"") +
                " rx=\"6\" fill=\"none\" stroke=\"#9e9e9e\" stroke-dasharray=\"4 3\"/>\n");
            Text(body, cx + (ColumnWidth / 2), cy + 18, zone.Name, bold: true, anchorMiddle: true);
            var iy = cy + HeaderHeight;
            foreach (var subnet in zone.Subnets.Where(s => s.IsPublic))
            {
                Box(body, cx + 8, iy, ColumnWidth - 16, ItemHeight, "#e8f5e9", "#2e7d32", $"public {subnet.Cidr ?? "subnet"}", subnet.LogicalId);
                iy += ItemHeight + Gap;
            }
            foreach (var nat in zone.NatGateways)
            {
                Box(body, cx + 8, iy, ColumnWidth - 16, ItemHeight, "#fff3e0", "#ef6c00", "NAT gateway", nat.LogicalId);
                iy += ItemHeight + Gap;
            }
            foreach (var subnet in zone.Subnets.Where(s => !s.IsPublic))
            {
                var egress = subnet.EgressNat is null ? "" : " → NAT";
                Box(body, cx + 8, iy, ColumnWidth - 16, ItemHeight, "#e3f2fd", "#1565c0", $"private {subnet.Cidr ?? "subnet"}{egress}", subnet.LogicalId);
                iy += ItemHeight + Gap;
            }
        }
        if (vpc.Endpoints.Count > 0)
        {
            var ey = y + HeaderHeight + columnHeight;
            Text(body, x + Padding, ey + 18, "VPC endpoints (green: gateway, purple: interface)", bold: true, anchorMiddle: false);
            for (var i = 0; i < vpc.Endpoints.Count; i++)
            {
                var endpoint = vpc.Endpoints[i];
                var px = x + Padding + (i % perRow * (PillWidth + Gap));
                var py = ey + HeaderHeight + (i / perRow * (PillHeight + Gap));
                Box(body, px, py, PillWidth, PillHeight, endpoint.IsGateway ? "#f1f8e9" : "#ede7f6", endpoint.IsGateway ? "#558b2f" : "#4527a0",
                    endpoint.Service, "", rounded: 14,
                    tooltip: $"{endpoint.Service} {(endpoint.IsGateway ? "gateway" : "interface")} endpoint {endpoint.LogicalId}");
            }
        }
        body.Append("</g>\n");
        return (width, height);
    }

    private static void Box(StringBuilder body, int x, int y, int width, int height, string fill, string stroke, string title, string subtitle,
        int rounded = 4, string? tooltip = null)
    {
        body.Append(Invariant($"<g><title>{Escape(tooltip ?? (subtitle.Length > 0 ? $"{title} — {subtitle}" : title))}</title>"));
        body.Append(Invariant($"<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" rx=\"{rounded}\" fill=\"{fill}\" stroke=\"{stroke}\"/>"));
        var maxChars = Math.Max(4, (width - 10) / CharWidth);
        if (subtitle.Length == 0)
        {
            body.Append(Invariant($"<text x=\"{x + (width / 2)}\" y=\"{y + (height / 2) + 4}\" text-anchor=\"middle\">") +
                Invariant($"{Escape(Shorten(title, maxChars))}</text>"));
        }
        else
        {
            body.Append(Invariant($"<text x=\"{x + (width / 2)}\" y=\"{y + (height / 2) - 3}\" text-anchor=\"middle\" font-weight=\"bold\">") +
                Invariant($"{Escape(Shorten(title, maxChars))}</text>"));
            body.Append(Invariant($"<text x=\"{x + (width / 2)}\" y=\"{y + (height / 2) + 13}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#424242\">") +
                Invariant($"{Escape(Shorten(subtitle, maxChars + 1))}</text>"));
        }
        body.Append("</g>\n");
    }

    private static void Text(StringBuilder body, int x, int y, string text, bool bold, bool anchorMiddle) =>
        body.Append(Invariant($"<text x=\"{x}\" y=\"{y}\"{(anchorMiddle ? " text-anchor=\"middle\"" : "")}{(bold ? " font-weight=\"bold\"" : "")}>") +
            Invariant($"{Escape(text)}</text>\n"));

    /// <summary>Cuts the middle, not the end: CDK logical ids differ in their hash suffix.</summary>
    private static string Shorten(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }
        var head = (maxChars - 1) / 2;
        var tail = maxChars - 1 - head;
        return string.Concat(text.AsSpan(0, head), "…", text.AsSpan(text.Length - tail));
    }

    /// <summary>XML escaping for text and attribute values.</summary>
    internal static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&apos;", StringComparison.Ordinal);
}
