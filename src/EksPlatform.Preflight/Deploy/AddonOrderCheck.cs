using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// Managed add-ons and node groups must be created in an order that can finish (docs/deploy-readiness.md §7):
/// an add-on that runs a Deployment (coredns, the EBS CSI driver, the CloudWatch add-on) needs a node for its pods, so in
/// a template with node groups for its cluster it must wait for one of them, or it is created on a cluster without nodes,
/// stays DEGRADED, and CloudFormation's create fails; and when the cluster installs no networking add-ons itself
/// (<c>BootstrapSelfManagedAddons: false</c>), nodes become Ready only once vpc-cni (and kube-proxy, which aws-node needs to
/// reach the API) run, so those add-ons must not wait for a node group that waits for Ready nodes.
/// Clusters with Auto Mode compute or a Fargate profile have other compute and are not judged for the first rule.
/// The add-on facts are in Data/deploy-readiness.json.
/// </summary>
internal sealed class AddonOrderCheck : DeployCheck
{
    public override string Id => "DEPLOY-007";

    public override string Title => "Add-ons that need nodes wait for a node group; add-ons nodes need do not wait for one";

    public override string Source => "docs/deploy-readiness.md §7; https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var addons = context.All("AWS::EKS::Addon").ToList();
        if (addons.Count == 0)
        {
            return NotApplicable("No AWS::EKS::Addon in the templates.");
        }
        var findings = new List<DeployReadinessFinding>();
        foreach (var (template, addon) in addons)
        {
            if (Intrinsics.AsString(addon["AddonName"]) is not { } name || !DeployData.Addons.TryGetValue(name, out var facts)
                || Eks.ClusterOf(template, addon["ClusterName"]) is not { } cluster)
            {
                continue;
            }
            var nodeGroups = Eks.Of(template, "AWS::EKS::Nodegroup", cluster).ToList();
            if (nodeGroups.Count == 0)
            {
                continue;
            }
            var waitsFor = nodeGroups.Where(g => template.Dependencies.WaitsFor(addon.LogicalId, g.LogicalId)).Select(g => g.LogicalId).ToList();
            if (facts.RunsDeployment && waitsFor.Count == 0 && !HasOtherCompute(template, cluster))
            {
                findings.Add(new(template.StackName, addon.LogicalId,
                    $"Add-on {name} runs a Deployment, whose pods need a node, but it waits for none of the node groups of {Eks.Describe(cluster)} " +
                    $"({string.Join(", ", nodeGroups.Select(g => g.LogicalId))}): it is created on a cluster without nodes, stays DEGRADED and " +
                    "the stack's create fails.",
                    $"Add DependsOn: [{string.Join(", ", nodeGroups.Select(g => g.LogicalId))}] to {addon.LogicalId}."));
            }
            if (facts.NodesNeedIt && waitsFor.Count > 0 && Intrinsics.IsFalse(cluster["BootstrapSelfManagedAddons"]))
            {
                findings.Add(new(template.StackName, addon.LogicalId,
                    $"Add-on {name} waits for node group(s) {string.Join(", ", waitsFor)}, but {Eks.Describe(cluster)} installs no networking " +
                    "add-ons itself (BootstrapSelfManagedAddons false): its nodes become Ready only once this add-on runs on them, so the node " +
                    "group waits for nodes that wait for the add-on, until the node group's create fails.",
                    $"Remove the dependency of {addon.LogicalId} on the node groups, and make the node groups depend on {addon.LogicalId} instead."));
            }
        }
        return Outcome($"Checked the order of {addons.Count} add-on(s) around the node groups of their clusters.", findings);
    }

    private static bool HasOtherCompute(TemplateModel template, TemplateResource cluster) =>
        Intrinsics.IsTrue((cluster["ComputeConfig"] as JsonObject)?["Enabled"]) || Eks.Of(template, "AWS::EKS::FargateProfile", cluster).Any();
}
