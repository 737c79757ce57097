using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>Reading who a policy statement admits and which actions it allows (key policies, trust policies).</summary>
internal static class PolicyStatements
{
    public static bool IsAllow(JsonObject statement) => Intrinsics.AsString(statement["Effect"]) == "Allow";

    /// <summary>True for <c>"Principal": "*"</c> or <c>{"AWS": "*"}</c>: anyone the conditions let through.</summary>
    public static bool AdmitsAnyone(JsonObject statement, TemplateModel template) => statement["Principal"] switch
    {
        JsonValue value => Intrinsics.AsString(value) == "*",
        JsonObject principal => PolicyDocuments.Strings(principal["AWS"], template).Contains("*"),
        _ => false,
    };

    /// <summary>The values of one principal kind (<c>AWS</c>, <c>Service</c>, <c>Federated</c>) as written (intrinsics kept).</summary>
    public static IEnumerable<JsonNode> PrincipalNodes(JsonObject statement, string kind) =>
        statement["Principal"] is JsonObject principal
            ? principal[kind] switch
            {
                JsonArray list => list.OfType<JsonNode>(),
                JsonNode single => [single],
                _ => [],
            }
            : [];

    /// <summary>The values of one principal kind, resolved to text (deploy-time values become {{placeholders}}).</summary>
    public static IReadOnlyList<string> Principals(JsonObject statement, string kind, TemplateModel template) =>
        PrincipalNodes(statement, kind).Select(template.Resolve).OfType<string>().ToList();

    /// <summary>
    /// True when the statement allows <paramref name="action"/>: an Action pattern matches it, or a NotAction list does not.
    /// </summary>
    public static bool Allows(JsonObject statement, string action, TemplateModel template)
    {
        if (statement["NotAction"] is { } notAction)
        {
            return !PolicyDocuments.Strings(notAction, template).Any(p => IamActionPattern.Matches(p, action));
        }
        return PolicyDocuments.Strings(statement["Action"], template).Any(p => IamActionPattern.Matches(p, action));
    }
}
