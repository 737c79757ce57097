using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// A statement in canonical form, so that a template statement (intrinsics, any order, string or
/// list) can be compared with an allowlisted one (plain JSON): Sid dropped, Action/Resource lists
/// sorted, every intrinsic resolved to text.
/// </summary>
internal static class IamStatementShape
{
    private static readonly HashSet<string> s_listKeys = new(StringComparer.Ordinal) { "Action", "NotAction", "Resource", "NotResource" };

    public static JsonObject Canonical(JsonObject statement, TemplateModel? template)
    {
        var canonical = new JsonObject();
        foreach (var (key, value) in statement.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key == "Sid")
            {
                continue;
            }
            canonical[key] = s_listKeys.Contains(key)
                ? new JsonArray(Strings(value, template).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(s => (JsonNode?)s).ToArray())
                : Resolve(value, template);
        }
        return canonical;
    }

    public static bool Same(JsonObject templateStatement, TemplateModel template, JsonObject allowlisted) =>
        JsonNode.DeepEquals(Canonical(templateStatement, template), Canonical(allowlisted, null));

    private static IEnumerable<string> Strings(JsonNode? value, TemplateModel? template) =>
        template is null
            ? value is JsonArray list ? list.Select(Intrinsics.AsString).OfType<string>() : Intrinsics.AsString(value) is { } s ? [s] : []
            : PolicyDocuments.Strings(value, template);

    private static JsonNode? Resolve(JsonNode? value, TemplateModel? template) => value switch
    {
        JsonObject obj when template is not null && obj.Count == 1
            && (obj.ContainsKey("Ref") || obj.First().Key.StartsWith("Fn::", StringComparison.Ordinal)) =>
            template.Resolve(obj),
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, template)))),
        JsonArray array => new JsonArray(array.Select(e => Resolve(e, template)).ToArray()),
        _ => value?.DeepClone(),
    };
}
