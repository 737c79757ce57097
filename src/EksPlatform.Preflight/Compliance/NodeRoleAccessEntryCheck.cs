using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// Nodes that a controller launches itself (Karpenter, or any role a policy lets pass to EC2) are no managed node group,
/// so EKS creates no access entry for their role: without an access entry of type EC2_LINUX (or EC2_WINDOWS) they never
/// join a cluster that authenticates through access entries, and eksctl's aws-auth mapping does not help there. A role
/// counts as such a node role when it trusts EC2 and an identity policy of the templates allows iam:PassRole on it; roles of
/// managed node groups are left out (EKS makes their entries).
/// </summary>
internal sealed class NodeRoleAccessEntryCheck : ComplianceCheck
{
    private static readonly string[] s_nodeTypes = ["EC2_LINUX", "EC2_WINDOWS"];

    public override string Id => "EKSP-010";

    public override string Title => "Node roles that controllers pass to EC2 (Karpenter's) have an EKS access entry of type EC2_LINUX";

    public override string Basis => "docs/karpenter.md §4; docs/eks-deploy-facts.md §3";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var findings = new List<ComplianceFinding>();
        var checkedRoles = 0;
        foreach (var template in context.Templates)
        {
            var managedNodeRoles = template.OfType("AWS::EKS::Nodegroup").Select(n => Intrinsics.ReferencedLogicalId(n["NodeRole"]))
                .OfType<string>().ToHashSet(StringComparer.Ordinal);
            var passed = PassedRoles(template);
            foreach (var role in template.OfType("AWS::IAM::Role").Where(r => passed.Contains(r.LogicalId) && !managedNodeRoles.Contains(r.LogicalId)
                && TrustsEc2(r, template)))
            {
                checkedRoles++;
                var entries = template.OfType("AWS::EKS::AccessEntry").Where(e => Intrinsics.ReferencedLogicalId(e["PrincipalArn"]) == role.LogicalId).ToList();
                if (entries.Count == 0)
                {
                    findings.Add(new(template.StackName, role.LogicalId,
                        "A policy lets this EC2 role be passed to the instances a controller launches, but no AWS::EKS::AccessEntry names it: " +
                        "its nodes cannot join a cluster that authenticates through access entries."));
                }
                else if (!entries.Any(e => Intrinsics.AsString(e["Type"]) is { } type && s_nodeTypes.Contains(type)))
                {
                    findings.Add(new(template.StackName, role.LogicalId,
                        $"The access entry of this node role has type {Intrinsics.AsString(entries[0]["Type"]) ?? "STANDARD (default)"}, " +
                        "not EC2_LINUX: nodes need the node type, which gives them their Kubernetes permissions."));
                }
            }
        }
        return checkedRoles == 0
            ? NotApplicable("No role in the templates is passed to EC2 by a controller's policy (no Karpenter or self-launched nodes).")
            : Outcome($"Checked {checkedRoles} node role(s) passed to EC2 by a controller.", findings);
    }

    /// <summary>Logical ids of roles that an Allow statement of an identity policy lets pass (iam:PassRole on their ARN).</summary>
    private static HashSet<string> PassedRoles(TemplateModel template)
    {
        var documents = template.OfType("AWS::IAM::ManagedPolicy").Concat(template.OfType("AWS::IAM::Policy")).Select(p => p["PolicyDocument"])
            .Concat(template.OfType("AWS::IAM::Role").SelectMany(r => Intrinsics.Items(r["Policies"]).OfType<JsonObject>().Select(p => p["PolicyDocument"])));
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in documents.SelectMany(d => PolicyDocuments.Statements(PolicyDocuments.Read(d, template))))
        {
            if (Intrinsics.AsString(statement["Effect"]) == "Allow" && PolicyDocuments.Strings(statement["Action"], template).Contains("iam:PassRole"))
            {
                roles.UnionWith(Intrinsics.Items(statement["Resource"]).Select(Intrinsics.ReferencedLogicalId).OfType<string>());
                if (Intrinsics.ReferencedLogicalId(statement["Resource"]) is { } single)
                {
                    roles.Add(single);
                }
            }
        }
        return roles;
    }

    /// <summary>Whether the role's trust admits the EC2 service (ec2.amazonaws.com, or ec2.amazonaws.com.cn in China).</summary>
    private static bool TrustsEc2(TemplateResource role, TemplateModel template) =>
        PolicyDocuments.Statements(PolicyDocuments.Read(role["AssumeRolePolicyDocument"], template)).Any(s =>
            Intrinsics.AsString(s["Effect"]) == "Allow"
            && PolicyDocuments.Strings((s["Principal"] as JsonObject)?["Service"], template).Any(p => p.StartsWith("ec2.", StringComparison.Ordinal)));
}
