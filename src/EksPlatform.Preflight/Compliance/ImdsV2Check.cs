using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// IMDSv2 (session tokens) stops SSRF-style credential theft; the hop limit decides whether pods
/// (one hop further) can reach IMDS at all. Unset hop limits fall back to AMI defaults, so the
/// check wants it set, and at most 2.
/// </summary>
internal sealed class ImdsV2Check : ComplianceCheck
{
    private const int MaximumHopLimit = 2;

    public override string Id => "EKSP-007";

    public override string Title => "IMDSv2 required (HttpTokens required) with hop limit set and ≤ 2 on every launch template";

    public override string Basis =>
        "docs/architecture.md §6 (Nodes); docs/security-facts.md §4, §8 (Control Tower CT.EC2.PR.2; Checkov CKV_AWS_341); docs/auto-mode.md §10 (Auto Mode)";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var launchTemplates = context.All("AWS::EC2::LaunchTemplate").ToList();
        if (launchTemplates.Count == 0)
        {
            var autoMode = AutoModeClusters.In(context);
            return autoMode.Count == 0
                ? NotApplicable("No AWS::EC2::LaunchTemplate in the templates.")
                : Outcome($"No launch templates: EKS Auto Mode runs the nodes of {string.Join(", ", autoMode)}, where AWS enforces IMDSv2 " +
                    "with hop limit 1 and it cannot be changed (docs/auto-mode.md §10).", []);
        }
        var findings = new List<ComplianceFinding>();
        foreach (var (template, launchTemplate) in launchTemplates)
        {
            var options = (launchTemplate["LaunchTemplateData"] as JsonObject)?["MetadataOptions"] as JsonObject ?? [];
            var tokens = Intrinsics.AsString(options["HttpTokens"]);
            if (tokens != "required")
            {
                findings.Add(new(template.StackName, launchTemplate.LogicalId,
                    $"MetadataOptions.HttpTokens is {tokens ?? "unset"}, not required (IMDSv1 allowed)."));
            }
            var hopLimit = Intrinsics.AsDecimal(options["HttpPutResponseHopLimit"]);
            if (hopLimit is null)
            {
                findings.Add(new(template.StackName, launchTemplate.LogicalId,
                    "MetadataOptions.HttpPutResponseHopLimit is not set; set it deliberately (1 or 2)."));
            }
            else if (hopLimit > MaximumHopLimit)
            {
                findings.Add(new(template.StackName, launchTemplate.LogicalId,
                    $"MetadataOptions.HttpPutResponseHopLimit is {hopLimit}; expected ≤ {MaximumHopLimit}."));
            }
        }
        return Outcome($"Checked {launchTemplates.Count} launch template(s).", findings);
    }
}
