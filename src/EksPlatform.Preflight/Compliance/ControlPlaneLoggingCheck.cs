using System.Globalization;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// EKS writes control-plane logs to /aws/eks/&lt;name&gt;/cluster and creates that group itself,
/// without retention or encryption, unless we create it first. Observability also needs the
/// Container Insights add-on and a dashboard.
/// </summary>
internal sealed class ControlPlaneLoggingCheck : ComplianceCheck
{
    private const string ObservabilityAddon = "amazon-cloudwatch-observability";
    private const int MinimumRetentionDays = 30;

    public override string Id => "EKSP-004";

    public override string Title => "Control-plane log group (≥ 30 days, KMS), Container Insights add-on, CloudWatch dashboard";

    public override string Basis => "docs/architecture.md §6 (Cluster, Observability); docs/observability.md §4; CIS 2.1.2";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var clusters = context.All("AWS::EKS::Cluster").ToList();
        if (clusters.Count == 0)
        {
            return NotApplicable("No AWS::EKS::Cluster in the templates.");
        }
        var logGroups = context.All("AWS::Logs::LogGroup").ToList();
        var addons = context.All("AWS::EKS::Addon").ToList();
        var findings = new List<ComplianceFinding>();
        foreach (var (template, cluster) in clusters)
        {
            var stack = template.StackName;
            var name = Intrinsics.AsString(cluster["Name"]) ?? (cluster["Name"] is { } node ? template.Resolve(node) : null);
            if (name is null)
            {
                findings.Add(new(stack, cluster.LogicalId, "Cluster has no Name, so its log group /aws/eks/<name>/cluster cannot be created before it."));
            }
            else
            {
                var expected = $"/aws/eks/{name}/cluster";
                var match = logGroups.FirstOrDefault(g => g.Template.Resolve(g.Resource["LogGroupName"]) == expected);
                if (match.Resource is null)
                {
                    findings.Add(new(stack, cluster.LogicalId, $"No AWS::Logs::LogGroup named {expected}: EKS would create it without retention or KMS."));
                }
                else
                {
                    var retention = Intrinsics.AsDecimal(match.Resource["RetentionInDays"]);
                    if (retention is null or < MinimumRetentionDays)
                    {
                        findings.Add(new(match.Template.StackName, match.Resource.LogicalId,
                            $"RetentionInDays is {(retention is null ? "not set (kept forever)" : retention.Value.ToString(CultureInfo.InvariantCulture))}; " +
                            $"expected ≥ {MinimumRetentionDays}."));
                    }
                    if (match.Resource["KmsKeyId"] is null)
                    {
                        findings.Add(new(match.Template.StackName, match.Resource.LogicalId, "Log group has no KmsKeyId."));
                    }
                }
            }
            var hasAddon = addons.Any(a => Intrinsics.AsString(a.Resource["AddonName"]) == ObservabilityAddon
                && (a.Template.Referenced(a.Resource["ClusterName"]) == cluster
                    || (name is not null && a.Template.Resolve(a.Resource["ClusterName"]) == name)));
            if (!hasAddon)
            {
                findings.Add(new(stack, cluster.LogicalId,
                    $"Required Container Insights missing: no AWS::EKS::Addon {ObservabilityAddon} for this cluster " +
                    "(observability.containerInsights: false?)."));
            }
        }
        if (!context.All("AWS::CloudWatch::Dashboard").Any())
        {
            findings.Add(new(clusters[0].Template.StackName, null, "No AWS::CloudWatch::Dashboard in the templates."));
        }
        return Outcome($"Checked logging and observability of {clusters.Count} cluster(s).", findings);
    }
}
