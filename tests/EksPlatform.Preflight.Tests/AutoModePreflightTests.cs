using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

/// <summary>
/// The preflight over an Auto Mode cluster (docs/auto-mode.md §8, §10): the good template with <c>ComputeConfig</c> on and its node
/// groups, launch templates and the roles of the controllers Auto Mode replaces taken out.
/// </summary>
public sealed class AutoModePreflightTests
{
    private static readonly string[] s_replacedServiceAccounts = ["cluster-autoscaler", "aws-load-balancer-controller", "ebs-csi-controller-sa"];

    [Theory]
    [InlineData("EKSP-003", "Bottlerocket")]
    [InlineData("EKSP-007", "IMDSv2")]
    [InlineData("EKSP-008", "SSH")]
    public void Node_checks_pass_with_what_aws_enforces_on_auto_mode_nodes(string id, string fragment)
    {
        var result = Check(Analyze(AutoMode()), id);

        Assert.Equal(ComplianceStatus.Pass, result.Status);
        Assert.Contains("EKS Auto Mode", result.Summary, StringComparison.Ordinal);
        Assert.Contains(fragment, result.Summary, StringComparison.Ordinal);
        Assert.Matches(@"docs/auto-mode\.md §[0-9, §]*§?10", result.Basis);
    }

    [Theory]
    [InlineData("EKSP-003")]
    [InlineData("EKSP-007")]
    [InlineData("EKSP-008")]
    public void Without_auto_mode_no_node_groups_is_still_not_applicable(string id)
    {
        var template = AutoMode();
        Properties(template, ClusterId(template)).Remove("ComputeConfig");

        Assert.Equal(ComplianceStatus.NotApplicable, Check(Analyze(template), id).Status);
    }

    [Fact]
    public void Irsa_check_asks_no_role_of_the_controllers_auto_mode_replaces()
    {
        var auto = Check(Analyze(AutoMode()), "EKSP-006");
        var template = AutoMode();
        Properties(template, ClusterId(template)).Remove("ComputeConfig");
        var managed = Check(Analyze(template), "EKSP-006");

        Assert.Equal(ComplianceStatus.Pass, auto.Status);
        Assert.Equal(ComplianceStatus.Fail, managed.Status);
    }

    /// <summary>README "EKS Auto Mode: cost".</summary>
    [Fact]
    public void Cost_lists_the_auto_mode_fee_as_not_priced()
    {
        var report = Analyze(AutoMode());

        var line = Assert.Single(report.Cost.Lines, l => l.Item.Contains("Auto Mode management fee", StringComparison.Ordinal));
        Assert.False(line.Priced);
        Assert.Contains("docs/auto-mode.md §8", line.Note, StringComparison.Ordinal);
        Assert.DoesNotContain(Analyze(Good()).Cost.Lines, l => l.Item.Contains("Auto Mode", StringComparison.Ordinal));
    }

    [Fact]
    public void The_diagram_shows_the_managed_compute_and_its_pools()
    {
        var report = Analyze(AutoMode());

        Assert.Contains("EKS Auto Mode", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("built-in pools: system", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("EKS Auto Mode", report.SvgDiagram, StringComparison.Ordinal);
    }

    private static JsonObject AutoMode()
    {
        var template = Good();
        var resources = Resources(template);
        foreach (var (id, resource) in resources.ToList())
        {
            var type = (string?)resource!["Type"];
            var trust = resource["Properties"]?["AssumeRolePolicyDocument"]?.ToJsonString() ?? "";
            if (type is "AWS::EKS::Nodegroup" or "AWS::EC2::LaunchTemplate"
                || (type == "AWS::IAM::Role" && s_replacedServiceAccounts.Any(a => trust.Contains($":{a}", StringComparison.Ordinal))))
            {
                resources.Remove(id);
            }
        }

        Properties(template, ClusterId(template))["ComputeConfig"] = new JsonObject
        {
            ["Enabled"] = true,
            ["NodePools"] = new JsonArray("system"),
            ["NodeRoleArn"] = "arn:aws:iam::111122223333:role/auto-node",
        };
        return template;
    }

    private static string ClusterId(JsonObject template) =>
        Resources(template).Single(r => (string?)r.Value!["Type"] == "AWS::EKS::Cluster").Key;
}
