using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Compliance;

/// <summary>Nodes are reached through SSM, never SSH: no key pair on launch templates, no RemoteAccess on node groups.</summary>
internal sealed class NoSshCheck : ComplianceCheck
{
    public override string Id => "EKSP-008";

    public override string Title => "No SSH: no RemoteAccess on node groups, no KeyName on launch templates";

    public override string Basis => "docs/architecture.md §6 (Nodes); docs/security-facts.md §8; docs/bottlerocket.md §4; docs/auto-mode.md §10 (Auto Mode)";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var nodeGroups = context.All("AWS::EKS::Nodegroup").ToList();
        var launchTemplates = context.All("AWS::EC2::LaunchTemplate").ToList();
        if (nodeGroups.Count == 0 && launchTemplates.Count == 0)
        {
            var autoMode = AutoModeClusters.In(context);
            return autoMode.Count == 0
                ? NotApplicable("No node groups or launch templates in the templates.")
                : Outcome($"No node groups or launch templates: EKS Auto Mode runs the nodes of {string.Join(", ", autoMode)}, which offer " +
                    "neither SSH nor SSM Session Manager (docs/auto-mode.md §10).", []);
        }
        var findings = new List<ComplianceFinding>();
        foreach (var (template, nodeGroup) in nodeGroups.Where(n => n.Resource["RemoteAccess"] is not null))
        {
            findings.Add(new(template.StackName, nodeGroup.LogicalId, "Node group sets RemoteAccess (SSH key / source security groups)."));
        }
        foreach (var (template, launchTemplate) in launchTemplates.Where(l => (l.Resource["LaunchTemplateData"] as JsonObject)?["KeyName"] is not null))
        {
            findings.Add(new(template.StackName, launchTemplate.LogicalId, "Launch template sets KeyName (an SSH key pair)."));
        }
        return Outcome($"Checked {nodeGroups.Count} node group(s) and {launchTemplates.Count} launch template(s).", findings);
    }
}
