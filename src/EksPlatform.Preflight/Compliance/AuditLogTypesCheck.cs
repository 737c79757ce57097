using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>CIS 2.1.1's remediation enables all five control-plane log types, not only audit.</summary>
internal sealed class AuditLogTypesCheck : ComplianceCheck
{
    private static readonly string[] s_logTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    public override string Id => "CIS-2.1.1";

    public override string Title => "All five control-plane log types enabled (api, audit, authenticator, controllerManager, scheduler)";

    public override string Basis => "CIS Amazon EKS Benchmark v1.8.0 2.1.1";

    public override ComplianceResult Evaluate(ComplianceContext context) =>
        PerCluster(context, "control-plane log types", Findings);

    private static IEnumerable<ComplianceFinding> Findings(TemplateModel template, TemplateResource cluster)
    {
        var enabled = Intrinsics.Items(((cluster["Logging"] as JsonObject)?["ClusterLogging"] as JsonObject)?["EnabledTypes"])
            .OfType<JsonObject>()
            .Select(t => Intrinsics.AsString(t["Type"]))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var missing = s_logTypes.Where(t => !enabled.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            yield return new(template.StackName, cluster.LogicalId, $"Log types not enabled: {string.Join(", ", missing)}.");
        }
    }
}
