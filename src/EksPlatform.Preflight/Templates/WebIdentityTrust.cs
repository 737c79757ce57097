using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Templates;

/// <summary>
/// What an IAM role's trust policy allows through sts:AssumeRoleWithWebIdentity (IRSA): the exact
/// StringEquals values on keys ending in :sub and :aud. Wildcard operators (StringLike) are
/// collected apart, because they are not the exact condition IRSA needs.
/// </summary>
/// <param name="Role">The AWS::IAM::Role.</param>
/// <param name="Readable">False when the trust policy could not be parsed.</param>
/// <param name="Subjects">StringEquals values on *:sub.</param>
/// <param name="Audiences">StringEquals values on *:aud.</param>
/// <param name="LooseSubjects">Values on *:sub under any other operator (StringLike...).</param>
internal sealed record WebIdentityTrust(TemplateResource Role, bool Readable, IReadOnlyList<string> Subjects, IReadOnlyList<string> Audiences,
    IReadOnlyList<string> LooseSubjects)
{
    /// <summary>The web-identity trust of every role that has one (roles without are left out).</summary>
    public static IEnumerable<WebIdentityTrust> Of(TemplateModel template)
    {
        foreach (var role in template.OfType("AWS::IAM::Role"))
        {
            var raw = role["AssumeRolePolicyDocument"];
            var document = PolicyDocuments.Read(raw, template);
            if (document is null)
            {
                // Unreadable: report it only if it plausibly is a web-identity trust.
                if (raw?.ToJsonString().Contains("AssumeRoleWithWebIdentity", StringComparison.Ordinal) == true)
                {
                    yield return new WebIdentityTrust(role, false, [], [], []);
                }
                continue;
            }
            var statements = PolicyDocuments.Statements(document)
                .Where(s => Intrinsics.AsString(s["Effect"]) == "Allow"
                    && PolicyDocuments.Strings(s["Action"], template).Contains("sts:AssumeRoleWithWebIdentity"))
                .ToList();
            if (statements.Count == 0)
            {
                continue;
            }
            List<string> subjects = [], audiences = [], loose = [];
            foreach (var condition in statements.Select(s => s["Condition"]).OfType<JsonObject>())
            {
                foreach (var (operatorName, node) in condition)
                {
                    if (node is not JsonObject keys)
                    {
                        continue;
                    }
                    foreach (var (key, value) in keys)
                    {
                        var values = PolicyDocuments.Strings(value, template);
                        if (operatorName == "StringEquals" && key.EndsWith(":sub", StringComparison.Ordinal))
                        {
                            subjects.AddRange(values);
                        }
                        else if (operatorName == "StringEquals" && key.EndsWith(":aud", StringComparison.Ordinal))
                        {
                            audiences.AddRange(values);
                        }
                        else if (key.EndsWith(":sub", StringComparison.Ordinal))
                        {
                            loose.AddRange(values);
                        }
                    }
                }
            }
            yield return new WebIdentityTrust(role, true, subjects, audiences, loose);
        }
    }
}
