using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// EKS access entries are scoped: every associated access policy names its scope (the whole cluster, or listed
/// namespaces), and a role of the template that a service assumes (the controller installer's CodeBuild role) and that
/// has cluster access is the service role of exactly one resource and trusts nothing but that service, so its
/// Kubernetes rights cannot be borrowed by another build or another principal.
/// </summary>
internal sealed class AccessEntryScopeCheck : ComplianceCheck
{
    private static readonly string[] s_roleReferences = ["ServiceRole", "RoleArn", "ServiceRoleArn"];

    public override string Id => "EKSP-012";

    public override string Title => "Access entries are scoped, and a service role with cluster access serves one resource only";

    public override string Basis => "docs/eks-deploy-facts.md §3 (access entries and policies); docs/installer.md §9 (the installer's access)";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var entries = context.All("AWS::EKS::AccessEntry").ToList();
        if (entries.Count == 0)
        {
            return NotApplicable("No AWS::EKS::AccessEntry in the templates.");
        }

        var findings = new List<ComplianceFinding>();
        foreach (var (template, entry) in entries)
        {
            foreach (var policy in Intrinsics.Items(entry["AccessPolicies"]).OfType<JsonObject>())
            {
                var scope = policy["AccessScope"] as JsonObject;
                var type = Intrinsics.AsString(scope?["Type"]);
                if (type is not ("cluster" or "namespace"))
                {
                    findings.Add(new(template.StackName, entry.LogicalId, $"An access policy has no cluster or namespace scope (Type {type ?? "absent"})."));
                }
                else if (type == "namespace" && !Intrinsics.Items(scope?["Namespaces"]).Any())
                {
                    findings.Add(new(template.StackName, entry.LogicalId, "A namespace-scoped access policy lists no namespace."));
                }
            }

            if (template.Referenced(entry["PrincipalArn"]) is { Type: "AWS::IAM::Role" } role && ServiceTrust(role, template) is { } trust)
            {
                var users = template.Resources.Where(r => r.LogicalId != entry.LogicalId
                    && s_roleReferences.Any(p => Intrinsics.ReferencedLogicalId(r[p]) == role.LogicalId)).ToList();
                if (trust.OthersTrusted)
                {
                    findings.Add(new(template.StackName, entry.LogicalId,
                        $"Role {role.LogicalId} has cluster access and is assumed by {trust.Service}, but its trust also admits other principals."));
                }
                if (users.Count > 1)
                {
                    findings.Add(new(template.StackName, entry.LogicalId,
                        $"Role {role.LogicalId} has cluster access and serves {users.Count} resources " +
                        $"({string.Join(", ", users.Select(u => u.LogicalId))}); give each its own role."));
                }
            }
        }
        return Outcome($"Checked {entries.Count} access entr{(entries.Count == 1 ? "y" : "ies")}.", findings);
    }

    /// <summary>The service a role's trust admits, and whether anything else is admitted too; null for no service principal.</summary>
    private static (string Service, bool OthersTrusted)? ServiceTrust(TemplateResource role, TemplateModel template)
    {
        var statements = PolicyDocuments.Statements(PolicyDocuments.Read(role["AssumeRolePolicyDocument"], template))
            .Where(s => Intrinsics.AsString(s["Effect"]) == "Allow").ToList();
        var services = statements.SelectMany(s => PolicyDocuments.Strings((s["Principal"] as JsonObject)?["Service"], template))
            .Distinct(StringComparer.Ordinal).ToList();
        if (services.Count == 0)
        {
            return null;
        }

        var others = services.Count > 1 || statements.Any(s => s["Principal"] is not JsonObject principal
            || principal.Any(p => p.Key != "Service"));
        return (string.Join(", ", services), others);
    }
}
