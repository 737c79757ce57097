using System.Globalization;
using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Cost;

/// <summary>
/// Cost lines of Karpenter's parts: the SQS queue that EventBridge rules feed (the interruption queue), the rules, and the
/// capacity that Karpenter launches, which no template can size (docs/prices.md §2, §4; docs/karpenter.md §10).
/// </summary>
internal static class InterruptionQueueCost
{
    /// <summary>Karpenter long-polls its queue with a 20-second wait (pkg/providers/sqs/sqs.go at v1.14.1): 3 receives a minute when idle.</summary>
    internal const decimal ReceivesPerHour = 180m;

    public static void Add(TemplateModel template, CostAssumptions a, CostLineBuilder lines)
    {
        // The queue and its rules fit none of the charted categories; the capacity Karpenter launches is compute.
        lines.Category = CostCategory.Other;
        var rules = template.OfType("AWS::Events::Rule").ToList();
        foreach (var queue in template.OfType("AWS::SQS::Queue"))
        {
            var feeding = rules.Where(r => Intrinsics.Items(r["Targets"]).OfType<JsonObject>()
                .Any(t => Intrinsics.ReferencedLogicalId(t["Arn"]) == queue.LogicalId)).ToList();
            if (feeding.Count == 0)
            {
                continue;
            }

            var millions = ReceivesPerHour * a.HoursPerMonth / 1_000_000m;
            lines.Add($"SQS requests: interruption queue {queue.LogicalId}", millions, "million requests", "sqsStandardRequestMillion",
                [queue.LogicalId],
                $"Karpenter's long poll, {Number(ReceivesPerHour)} ReceiveMessage calls an hour when idle × {Number(a.HoursPerMonth)} h, plus one " +
                "delete per interruption message (not counted). The first million requests per account and month are free (not deducted).");
            lines.Add($"EventBridge rules of AWS service events ({feeding.Count})", feeding.Count, "rule",
                new Price(0m, "rule", "Events from AWS services on the default event bus, and rules matching them, have no charge (docs/prices.md §2)",
                    "2026-03-13", true),
                feeding.Select(r => r.LogicalId), $"{string.Join(", ", feeding.Select(r => r.LogicalId))}.", "");
        }

        lines.Category = CostCategory.Compute;
        foreach (var entry in template.OfType("AWS::EKS::AccessEntry").Where(e => Intrinsics.AsString(e["Type"]) is "EC2_LINUX" or "EC2_WINDOWS"))
        {
            lines.NotPriced($"EC2 capacity launched for node role {Intrinsics.ReferencedLogicalId(entry["PrincipalArn"]) ?? entry.LogicalId}", 0m,
                "instance-hour", [entry.LogicalId],
                "Nodes that join through an EC2_LINUX access entry (Karpenter's) are launched at run time for the pods waiting; their number, " +
                "types and capacity type depend on the workload, so the template cannot price them. Estimate them from the NodePool limits.");
        }
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
