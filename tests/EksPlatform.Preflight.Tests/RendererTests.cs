using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

public sealed class RendererTests
{
    /// <summary>A report with something in every section: a failure, an unpriced line, a replacement.</summary>
    internal static PreflightReport Busy()
    {
        var baseline = Good();
        var current = Good();
        Properties(current, "Cluster")["Name"] = "platform-prod-2";
        Properties(current, "SystemNodeGroup")["InstanceTypes"] = new JsonArray("z9.mega");
        return PreflightAnalyzer.Analyze(Assembly(current), PreflightOptions.Default with { Baseline = Assembly(baseline) });
    }

    [Fact]
    public void JsonRoundTripsAndHasEverySection()
    {
        var report = Busy();

        var json = ReportRenderer.ToJson(report);
        var again = ReportRenderer.FromJson(json);

        Assert.Equal(json, ReportRenderer.ToJson(again));
        Assert.Equal(report.Cost.TotalMonthlyUsd, again.Cost.TotalMonthlyUsd);
        Assert.Equal(report.Compliance.Select(c => (c.Id, c.Status)), again.Compliance.Select(c => (c.Id, c.Status)));
        Assert.True(again.HasStatefulReplacement);
        var document = JsonNode.Parse(json)!.AsObject();
        foreach (var section in new[] { "summary", "compliance", "deployReadiness", "hasDeployBlocker", "cost", "natVersusEndpoints", "replacements",
            "mermaidDiagram", "svgDiagram",
            "hasStatefulReplacement", "hasComplianceFailure" })
        {
            Assert.True(document.ContainsKey(section), $"missing {section}");
        }
        // The renamed cluster no longer matches its log group name.
        Assert.True((bool)document["hasComplianceFailure"]!);
        Assert.Equal("fail", (string?)document["compliance"]!.AsArray().Single(c => (string?)c!["id"] == "EKSP-004")!["status"]);
        Assert.Equal("createOnlyPropertyChanged", (string?)document["replacements"]![0]!["kind"]);
    }

    [Fact]
    public void TextHasEverySection()
    {
        var text = ReportRenderer.ToText(Busy());

        Assert.Contains("Compliance: ", text, StringComparison.Ordinal);
        Assert.Contains("[PASS] EKSP-002", text, StringComparison.Ordinal);
        Assert.Contains("Monthly cost estimate (USD)", text, StringComparison.Ordinal);
        Assert.Contains("Not priced: EC2 z9.mega", text, StringComparison.Ordinal);
        Assert.Contains("NAT versus interface endpoints", text, StringComparison.Ordinal);
        Assert.Contains("STATEFUL Platform/Cluster", text, StringComparison.Ordinal);
        Assert.Contains("Name: \"platform-prod\" -> \"platform-prod-2\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownHasTablesAndAMermaidBlock()
    {
        var markdown = ReportRenderer.ToMarkdown(Busy());

        Assert.Contains("\n```mermaid\nflowchart LR\n", markdown, StringComparison.Ordinal);
        Assert.EndsWith("```" + Environment.NewLine, markdown, StringComparison.Ordinal);
        Assert.Contains("| Status | Id | Check |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **Total** |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **yes** | Platform | `Cluster` |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void DiagramsShowWhoReachesTheClusterApi()
    {
        var template = Good();
        Resources(template).Remove("ApiFromVpc");
        template["Resources"]!["ApiFromVpn"] = JsonNode.Parse("""
            { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": { "GroupId": { "Fn::GetAtt": [ "Cluster", "ClusterSecurityGroupId" ] },
              "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "172.31.0.0/16" } }
            """);
        template["Resources"]!["Ssh"] = JsonNode.Parse("""
            { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": { "GroupId": { "Fn::GetAtt": [ "Cluster", "ClusterSecurityGroupId" ] },
              "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "10.9.0.0/16" } }
            """);

        var report = Analyze(template);

        Assert.Contains("API on 443 from 172.31.0.0/16\"] --> ", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.DoesNotContain("10.9.0.0/16", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("API 443 from 172.31.0.0/16", report.SvgDiagram, StringComparison.Ordinal);
    }

    [Fact]
    public void MermaidShowsTheArchitecture()
    {
        var mermaid = Analyze(Good()).MermaidDiagram;

        Assert.StartsWith("flowchart LR", mermaid, StringComparison.Ordinal);
        Assert.Contains("subgraph s0_Vpc[\"VPC Vpc 10.0.0.0/16\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("[\"use1-az1\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("s0_PrivateSubnet1[\"private subnet PrivateSubnet1<br/>10.0.128.0/18\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("s0_Nat[/\"NAT gateway Nat\"/]", mermaid, StringComparison.Ordinal);
        Assert.Contains("s0_PrivateSubnet2 -->|egress| s0_Nat", mermaid, StringComparison.Ordinal);
        Assert.Contains("s0_S3Endpoint([\"s3 gateway\"])", mermaid, StringComparison.Ordinal);
        Assert.Contains("s0_StsEndpoint([\"sts interface\"])", mermaid, StringComparison.Ordinal);
        Assert.Contains("s0_Cluster{{\"EKS cluster platform-prod 1.35\"}}", mermaid, StringComparison.Ordinal);
        Assert.Contains("s0_SystemNodeGroup --> s0_Cluster", mermaid, StringComparison.Ordinal);
        Assert.Contains("kube-system:cluster-autoscaler<br/>ClusterAutoscalerRole", mermaid, StringComparison.Ordinal);
        Assert.Contains("external-secrets:external-secrets<br/>ExternalSecretsRole", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void MermaidLabelsCannotBreakTheSyntax()
    {
        var template = Good();
        Properties(template, "Cluster")["Name"] = "a\"b<c>";

        var mermaid = Analyze(template).MermaidDiagram;

        Assert.Contains("EKS cluster a#quot;b#lt;c#gt;", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlIsSelfContainedWithTheDiagramAndCostTable()
    {
        var html = ReportRenderer.ToHtml(Busy());

        Assert.Contains("id=\"architecture-diagram\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"architecture-diagram\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"cost-table\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"compliance-table\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"break-even\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"replacements\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"cost-chart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (var loads in new[] { "src=", "<link", "<img", "url(", "@import", "<iframe", "<object" })
        {
            Assert.DoesNotContain(loads, html, StringComparison.OrdinalIgnoreCase);
        }
        // Citations are links a reader may follow; nothing else names the network.
        var links = Regex.Matches(html, "<a href=\"(?<to>[^\"]*)\">").Select(m => m.Groups["to"].Value).ToList();
        Assert.All(links, to => Assert.Matches(@"^(#[a-z-]+|https://docs\.aws\.amazon\.com/\S+)$", to));
        var withoutLinks = Regex.Replace(html, "<a href=\"https://[^\"]*\">https://[^<]*</a>", "");
        Assert.DoesNotContain("http://", withoutLinks.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", withoutLinks, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_opens_with_a_summary_linking_to_each_section()
    {
        var html = ReportRenderer.ToHtml(Busy());

        var summary = html[html.IndexOf("<nav id=\"at-a-glance\"", StringComparison.Ordinal)..html.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.True(html.IndexOf("<nav id=\"at-a-glance\"", StringComparison.Ordinal) < html.IndexOf("<h2", StringComparison.Ordinal));
        foreach (var (anchor, label) in new[] { ("deploy-readiness", "Will it deploy?"), ("compliance", "Compliance"), ("cost", "Monthly estimate"),
            ("replacements-section", "Replacements") })
        {
            Assert.Contains($"<a href=\"#{anchor}\" class=\"bad\" data-summary=\"{anchor}\"><div class=\"label\">{label}", summary, StringComparison.Ordinal);
            Assert.Contains($"id=\"{anchor}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("NO: DEPLOY-", summary, StringComparison.Ordinal);
        Assert.Contains("11 passed, 1 failed", summary, StringComparison.Ordinal);
        Assert.Contains("7 (1 stateful)", summary, StringComparison.Ordinal);
        Assert.Contains("<table id=\"deploy-readiness-table\">", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"fix\">Change: ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cost_chart_has_one_bar_per_category_with_its_amount()
    {
        var report = Analyze(Good());

        var svg = XElement.Parse(Regex.Match(ReportRenderer.ToHtml(report), "<svg[^>]*id=\"cost-chart\".*?</svg>", RegexOptions.Singleline).Value);

        var bars = svg.Descendants().Where(e => e.Name.LocalName == "g").ToList();
        Assert.Equal(["compute", "network", "endpoints", "observability", "keys", "control plane"], bars.Select(b => (string?)b.Attribute("data-category")));
        var compute = report.Cost.Lines.Where(l => l.Category == CostCategory.Compute).Sum(l => l.MonthlyUsd ?? 0m);
        Assert.Contains(bars[0].Descendants().Where(e => e.Name.LocalName == "text"),
            t => t.Value == compute.ToString("$#,##0.00", CultureInfo.InvariantCulture));
        Assert.Equal(report.Cost.TotalMonthlyUsd, report.Cost.Lines.Sum(l => l.MonthlyUsd ?? 0m));
        Assert.DoesNotContain(report.Cost.Lines, l => l.Category == CostCategory.Other);
    }

    [Fact]
    public void Markdown_opens_with_the_same_summary_as_a_table()
    {
        var markdown = ReportRenderer.ToMarkdown(Busy());

        var lines = markdown.Split('\n');
        Assert.Equal("| [Will it deploy?](#deploy-readiness) | **NO: DEPLOY-010 fail** |", lines[4]);
        Assert.StartsWith("| [Compliance](#compliance) | **11 passed, 1 failed** |", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("| [Monthly estimate](#monthly-cost-estimate-usd) | **$", lines[6], StringComparison.Ordinal);
        Assert.Equal("| [Replacements](#replacements) | **7 (1 stateful)** |", lines[7]);
        Assert.Contains("\n## Deploy readiness\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Monthly estimate by category: compute $", markdown, StringComparison.Ordinal);
    }

    /// <summary>Every citation of a report is a public URL or a page of docs/ (or a data file of this project), never a file elsewhere.</summary>
    [Fact]
    public void Citations_are_public_urls_or_docs_pages()
    {
        var report = Busy();
        var citations = report.Compliance.Select(c => c.Basis).Concat(report.DeployReadiness.Select(d => d.Source))
            .Concat(report.Cost.Lines.Select(l => l.PriceSource)).Append(report.Cost.PriceTableSource);

        var files = citations.SelectMany(c => Regex.Matches(c, @"[\w./:@-]+\.(md|json|adoc|cs|yaml|txt)\b").Select(m => m.Value)).Distinct().ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Matches(@"^(docs/[a-z-]+\.md|Data/[a-z-]+\.json|https://\S+)$", file));
        Assert.All(files.Where(f => f.StartsWith("docs/", StringComparison.Ordinal)),
            f => Assert.True(File.Exists(Path.Combine(RepoRoot, f)), $"{f} is cited but not in the repository"));
    }

    private static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EksPlatform.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void SvgIsWellFormedXmlAndEscapesText()
    {
        var template = Good();
        Properties(template, "Cluster")["Name"] = "x<&>\"'y";

        var svg = Analyze(template).SvgDiagram;
        var root = XElement.Parse(svg);

        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("architecture-diagram", (string?)root.Attribute("id"));
        var texts = root.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains("EKS cluster x<&>\"'y", texts);
        Assert.Contains("use1-az1", texts);
        Assert.Contains("NAT gateway", texts);
        Assert.Contains("private 10.0.128.0/18 → NAT", texts);
        Assert.Contains("PrivateSubnet1", texts);
        Assert.Contains("s3", texts);
        Assert.Contains("ecr.api", texts);
        var tooltips = root.Descendants().Where(e => e.Name.LocalName == "title").Select(e => e.Value).ToList();
        Assert.Contains("s3 gateway endpoint S3Endpoint", tooltips);
        Assert.Contains("sts interface endpoint StsEndpoint", tooltips);
        Assert.Contains("kube-system:ebs-csi-controller-sa", texts);
    }

    [Fact]
    public void DiagramsSayWhenThereIsNothingToDraw()
    {
        var report = Analyze(JsonNode.Parse("""{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" } } }""")!.AsObject());

        Assert.Contains("No VPC or EKS cluster", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("No VPC or EKS cluster", report.SvgDiagram, StringComparison.Ordinal);
    }
}
