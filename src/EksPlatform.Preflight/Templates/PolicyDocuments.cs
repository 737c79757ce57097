using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Templates;

/// <summary>
/// IAM policy documents as found in templates: a JSON object, or JSON text built at deploy time
/// with Fn::Sub (our IRSA trust policies, whose condition keys contain the OIDC issuer and so
/// cannot be object keys in CloudFormation) or Fn::Join.
/// </summary>
internal static class PolicyDocuments
{
    /// <summary>The document as an object, placeholders substituted; null if it cannot be read.</summary>
    public static JsonObject? Read(JsonNode? document, TemplateModel template)
    {
        switch (document)
        {
            case JsonObject obj when obj.Count == 1 && obj["Fn::Sub"] is { } sub:
                return Parse(template.ResolveSub(sub, jsonEscape: true));
            case JsonObject obj when obj.Count == 1 && obj["Fn::Join"] is not null:
                return Parse(template.Resolve(obj));
            case JsonObject obj:
                return obj;
            case JsonValue value when Intrinsics.AsString(value) is { } text:
                return Parse(text);
            default:
                return null;
        }
    }

    /// <summary>The statements of a document (Statement may be one object or a list).</summary>
    public static IEnumerable<JsonObject> Statements(JsonObject? document) => document?["Statement"] switch
    {
        JsonArray list => list.OfType<JsonObject>(),
        JsonObject single => [single],
        _ => [],
    };

    /// <summary>A string-or-list field (Action, Resource) as strings; intrinsics become placeholders.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node, TemplateModel template) => node switch
    {
        null => [],
        JsonArray list => list.Select(template.Resolve).OfType<string>().ToList(),
        _ => template.Resolve(node) is { } single ? [single] : [],
    };

    private static JsonObject? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
