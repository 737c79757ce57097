using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

/// <summary>
/// The preflight on a cluster with Karpenter and every controller on EKS Pod Identity (Templates/karpenter.template.json,
/// hand-made): EKSP-006 accepts Pod Identity roles limited to their service account and Karpenter as the node autoscaler,
/// EKSP-010 wants an EC2_LINUX access entry for the node role Karpenter passes to EC2, the cost shows the queue and the rules
/// and leaves Karpenter's capacity unpriced, and the diagram shows the queue and the rules.
/// </summary>
public sealed class KarpenterChecksTests
{
    private static JsonObject Karpenter() => Load("karpenter.template.json");

    [Theory]
    [InlineData("EKSP-006")]
    [InlineData("EKSP-010")]
    public void The_karpenter_template_passes(string checkId)
    {
        var result = Check(Analyze(Karpenter()), checkId);

        Assert.True(result.Status == ComplianceStatus.Pass, $"{checkId}: {string.Join("; ", result.Findings.Select(f => f.Reason))}");
    }

    [Fact]
    public void Without_karpenter_the_node_role_check_does_not_apply()
    {
        Assert.Equal(ComplianceStatus.NotApplicable, Check(Analyze(Good()), "EKSP-010").Status);
    }

    public static TheoryData<string, string, string?, string> BrokenCases => new()
    {
        { "node role without an access entry", "EKSP-010", "KarpenterNodeRole", "no AWS::EKS::AccessEntry names it" },
        { "node role with a STANDARD access entry", "EKSP-010", "KarpenterNodeRole", "not EC2_LINUX" },
        { "Karpenter role trusting any service account", "EKSP-006", "KarpenterRole", "is not limited to that service account" },
        { "Karpenter role without sts:TagSession", "EKSP-006", "KarpenterRole", "both sts:AssumeRole and sts:TagSession" },
        { "no Karpenter association", "EKSP-006", null, "Required role for the node autoscaler (cluster-autoscaler or Karpenter) missing" },
        { "EBS CSI add-on role trusting any service account", "EKSP-006", "EbsCsiRole", "kube-system/ebs-csi-controller-sa is not limited" },
    };

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public void A_broken_template_fails_and_names_the_resource(string breakage, string checkId, string? resource, string reason)
    {
        var template = Karpenter();
        Break(template, breakage);

        var result = Check(Analyze(template), checkId);

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        var finding = Assert.Single(result.Findings, f => f.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(resource, finding.LogicalId);
    }

    /// <summary>
    /// Recomputed by hand: Karpenter long-polls with a 20-second wait, 180 receives an hour × 730 h = 131,400 requests, 0.1314
    /// million at $0.40 (docs/prices.md §2) = $0.05256 → $0.05; the rules of AWS service events cost nothing; the capacity
    /// Karpenter launches is a "not priced" line.
    /// </summary>
    [Fact]
    public void Cost_shows_the_queue_and_the_rules_and_leaves_karpenter_capacity_unpriced()
    {
        var lines = Analyze(Karpenter()).Cost.Lines;

        var queue = Assert.Single(lines, l => l.Item == "SQS requests: interruption queue InterruptionQueue");
        Assert.Equal(0.1314m, queue.Quantity);
        Assert.Equal(0.40m, queue.UnitPriceUsd);
        Assert.Equal(0.05m, queue.MonthlyUsd);
        Assert.Equal(CostCategory.Other, queue.Category);
        var rules = Assert.Single(lines, l => l.Item == "EventBridge rules of AWS service events (2)");
        Assert.Equal(0m, rules.MonthlyUsd);
        Assert.Equal(["SpotInterruptionRule", "ScheduledChangeRule"], rules.Resources);
        Assert.Equal(CostCategory.Other, rules.Category);
        var capacity = Assert.Single(lines, l => l.Item == "EC2 capacity launched for node role KarpenterNodeRole");
        Assert.False(capacity.Priced);
        Assert.Equal(CostCategory.Compute, capacity.Category);
        Assert.Contains("depend on the workload", capacity.PriceSource, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diagrams_show_the_queue_its_rules_and_the_pod_identity_roles()
    {
        var report = Analyze(Karpenter());

        Assert.Contains("SQS queue InterruptionQueue", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("aws.ec2: EC2 Spot Instance Interruption Warning", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("aws.health: AWS Health Event", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("kube-system:karpenter (Pod Identity)", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("SQS queue InterruptionQueue", report.SvgDiagram, StringComparison.Ordinal);
        Assert.Contains("EC2 Spot Instance Interruption Warning", report.SvgDiagram, StringComparison.Ordinal);
    }

    private static void Break(JsonObject template, string breakage)
    {
        var resources = Resources(template);
        JsonArray Trust(string role) => Properties(template, role)["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();
        switch (breakage)
        {
            case "node role without an access entry":
                resources.Remove("KarpenterNodeAccessEntry");
                break;
            case "node role with a STANDARD access entry":
                Properties(template, "KarpenterNodeAccessEntry")["Type"] = "STANDARD";
                break;
            case "Karpenter role trusting any service account":
                foreach (var statement in Trust("KarpenterRole"))
                {
                    statement!.AsObject().Remove("Condition");
                }
                break;
            case "Karpenter role without sts:TagSession":
                Trust("KarpenterRole").RemoveAt(1);
                break;
            case "no Karpenter association":
                resources.Remove("KarpenterAssociation");
                break;
            case "EBS CSI add-on role trusting any service account":
                foreach (var statement in Trust("EbsCsiRole"))
                {
                    statement!["Condition"]!["StringEquals"]!.AsObject().Remove("aws:RequestTag/kubernetes-service-account");
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage");
        }
    }
}
