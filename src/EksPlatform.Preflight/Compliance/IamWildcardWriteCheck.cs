using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// Least privilege: no Allow of every action (<c>*</c>, <c>service:*</c>, or NotAction), and no
/// write action, nor read of secret data (<see cref="SecretDataReads"/>), on every resource
/// (<c>*</c> or NotResource) without a condition. Official policies
/// we must take as published (e.g. the Load Balancer Controller's) are accepted only statement by
/// statement, through the allowlist in the options, and reported as allowlisted. A policy document
/// the check cannot read (no Statement in it once intrinsics are worked out) fails: what cannot be
/// checked is not passed.
/// </summary>
internal sealed class IamWildcardWriteCheck : ComplianceCheck
{
    // Read-only by AWS's access-level naming. BatchGet* is included because ECR image pulls
    // (ecr:BatchGetImage) are reads.
    private static readonly string[] s_readPrefixes = ["Describe", "Get", "List", "BatchGet"];

    private static readonly string[] s_policyTypes = ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"];
    private static readonly string[] s_inlinePolicyTypes = ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"];

    public override string Id => "EKSP-009";

    public override string Title => "No IAM Allow of wildcard actions, nor of writes or secret-data reads on Resource * without a Condition";

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege, written without
    // the scheme: the HTML report is self-contained and holds no links.
    public override string Basis =>
        "IAM user guide, security best practices: apply least-privilege permissions " +
        "(docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege)";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var documents = context.Templates.SelectMany(Documents).ToList();
        if (documents.Count == 0)
        {
            return NotApplicable("No IAM policies or inline role policies in the templates.");
        }
        var allowlist = context.Options.IamAllowlist ?? [];
        var findings = new List<ComplianceFinding>();
        var allowlisted = new List<ComplianceFinding>();
        var statementCount = 0;
        foreach (var (template, resource, policyName, document) in documents)
        {
            if (document?["Statement"] is not (JsonArray or JsonObject))
            {
                findings.Add(new(template.StackName, resource.LogicalId,
                    $"{policyName}policy document cannot be read (no Statement once intrinsics are resolved), so it cannot be checked."));
                continue;
            }
            var index = 0;
            foreach (var statement in PolicyDocuments.Statements(document))
            {
                index++;
                statementCount++;
                if (Problem(statement, template) is not { } problem)
                {
                    continue;
                }
                var where = $"{policyName}statement {Intrinsics.AsString(statement["Sid"]) ?? $"#{index}"}";
                var entry = allowlist.FirstOrDefault(a => IamStatementShape.Same(statement, template, a.Statement));
                if (entry is not null)
                {
                    allowlisted.Add(new(template.StackName, resource.LogicalId, $"{where} {problem} — allowlisted: {entry.Label}."));
                }
                else
                {
                    findings.Add(new(template.StackName, resource.LogicalId, $"{where} {problem}."));
                }
            }
        }
        return Outcome($"Checked {statementCount} statement(s) in {documents.Count} policy document(s); {allowlisted.Count} allowlisted.",
            findings, allowlisted);
    }

    private static IEnumerable<(TemplateModel, TemplateResource, string, JsonObject?)> Documents(TemplateModel template)
    {
        foreach (var resource in template.Resources)
        {
            if (s_policyTypes.Contains(resource.Type))
            {
                yield return (template, resource, "", PolicyDocuments.Read(resource["PolicyDocument"], template));
            }
            else if (s_inlinePolicyTypes.Contains(resource.Type))
            {
                foreach (var policy in Intrinsics.Items(resource["Policies"]).OfType<JsonObject>())
                {
                    var name = template.Resolve(policy["PolicyName"]) ?? "?";
                    yield return (template, resource, $"inline policy {name}, ", PolicyDocuments.Read(policy["PolicyDocument"], template));
                }
            }
        }
    }

    /// <summary>What is wrong with an Allow statement, or null.</summary>
    internal static string? Problem(JsonObject statement, TemplateModel template)
    {
        if (Intrinsics.AsString(statement["Effect"]) != "Allow")
        {
            return null;
        }
        if (statement["NotAction"] is not null)
        {
            return "allows NotAction (every action but the listed ones)";
        }
        var actions = PolicyDocuments.Strings(statement["Action"], template);
        var wildcards = actions.Where(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal)).ToList();
        if (wildcards.Count > 0)
        {
            return $"allows wildcard action {string.Join(", ", wildcards)}";
        }
        var onEverything = statement["NotResource"] is not null || PolicyDocuments.Strings(statement["Resource"], template).Contains("*");
        if (!onEverything || statement["Condition"] is not null)
        {
            return null;
        }
        // dynamodb:Query and :Scan read without a read-like prefix; a pattern such as s3:*Object is both.
        var writes = actions.Where(a => !IsRead(a) && !SecretDataReads.Actions.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
        var secretReads = actions.Select(SecretRead).OfType<string>().ToList();
        List<string> problems = [];
        if (writes.Count > 0)
        {
            problems.Add($"allows {string.Join(", ", writes)} on Resource * without a Condition");
        }
        if (secretReads.Count > 0)
        {
            problems.Add($"allows {string.Join(", ", secretReads)} on Resource * without a Condition, which reads secret data on every resource");
        }
        return problems.Count > 0 ? string.Join("; ", problems) : null;
    }

    /// <summary>The action, with the secret-data reads it covers when it is a pattern; null when it covers none.</summary>
    private static string? SecretRead(string action)
    {
        var granted = SecretDataReads.GrantedBy(action);
        if (granted.Count == 0)
        {
            return null;
        }
        return granted is [var only] && string.Equals(only, action, StringComparison.OrdinalIgnoreCase)
            ? action
            : $"{action} ({string.Join(", ", granted)})";
    }

    private static bool IsRead(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var name = colon >= 0 ? action[(colon + 1)..] : action;
        return s_readPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }
}
