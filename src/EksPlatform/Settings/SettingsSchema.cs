using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace EksPlatform.Settings;

/// <summary>
/// The published JSON Schema (config/eks-platform.schema.json, embedded here) checks structure: unknown fields,
/// types, enums, patterns, ranges. Its messages are rewritten to name the field path and the allowed values,
/// read from the schema itself so that the schema stays the one source of those facts.
/// </summary>
internal static class SettingsSchema
{
    private static readonly Lazy<(JsonSchema Schema, JsonNode Document)> s_schema = new(() =>
    {
        using var stream = typeof(SettingsSchema).Assembly.GetManifestResourceStream("EksPlatform.eks-platform.schema.json")
            ?? throw new InvalidOperationException("the settings schema is not embedded");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return (JsonSchema.FromText(text), JsonNode.Parse(text)!);
    });

    /// <summary>Checks <paramref name="document"/>; returns the field paths of invalid values, which the builder then skips.</summary>
    public static HashSet<string> Check(JsonNode? document, List<SettingsIssue> issues)
    {
        var (schema, schemaDocument) = s_schema.Value;
        using var json = JsonDocument.Parse(document?.ToJsonString() ?? "null");
        var results = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var invalid = new HashSet<string>(StringComparer.Ordinal);
        if (results.IsValid)
        {
            return invalid;
        }

        foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            var path = ToFieldPath(detail.InstanceLocation);
            detail.InstanceLocation.TryEvaluate(document, out var value);
            var subschema = SubschemaAt(schemaDocument, detail.SchemaLocation);
            foreach (var (keyword, message) in detail.Errors!)
            {
                var text = Describe(keyword, message, subschema, detail.InstanceLocation, value);
                if (text is not null && !issues.Any(i => i.Path == path && i.Message == text))
                {
                    issues.Add(new SettingsIssue(path, text));
                    invalid.Add(path);
                }
            }
        }

        return invalid;
    }

    /// <summary>Turns <c>/cluster/admins/1</c> into <c>cluster.admins[1]</c>.</summary>
    public static string ToFieldPath(JsonPointer pointer)
    {
        var text = "";
        for (var i = 0; i < pointer.SegmentCount; i++)
        {
            var segment = pointer[i].ToString();
            text += int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{segment}]"
                : text.Length == 0 ? segment : "." + segment;
        }

        return text.Length == 0 ? "(root)" : text;
    }

    private static string? Describe(string keyword, string message, JsonNode? schema, JsonPointer location, JsonNode? value)
    {
        var got = value is null ? "null" : value.ToJsonString();
        var leaf = location.SegmentCount == 0 ? "" : location[location.SegmentCount - 1].ToString();
        return keyword switch
        {
            // additionalProperties: false evaluates each extra property against the "false" schema.
            "" or "false" => $"unknown field '{leaf}'{AllowedFields(location)}",
            "enum" => $"{got} is not allowed; allowed values: {string.Join(" | ", schema?["enum"]?.AsArray().Select(v => v?.ToJsonString().Trim('"')) ?? [])}",
            "type" => $"expected {schema?["type"]?.ToJsonString().Trim('"')}, got {got}" +
                $"{(leaf == "kubernetesVersion" ? " (quote the version, e.g. \"1.35\")" : "")}",
            // The rule in words (x-rule beside each pattern in the schema), never the regular expression itself.
            "pattern" => $"{got} is not allowed here: expected {schema?["x-rule"]?.GetValue<string>() ?? "a different form"}",
            "required" => message.Replace("Required properties", "missing required field(s)", StringComparison.Ordinal),
            "minimum" or "maximum" => $"{got} is out of range (allowed {schema?["minimum"]} to {schema?["maximum"]})",
            "minItems" or "maxItems" =>
                $"has {value?.AsArray().Count} items; allowed {schema?["minItems"]?.ToString() ?? "0"} to {schema?["maxItems"]?.ToString() ?? "any number"}",
            "maxLength" => $"is longer than {schema?["maxLength"]} characters",
            "uniqueItems" => "items must be unique",
            // Summaries of the errors reported on the nested locations.
            "additionalProperties" or "properties" or "items" or "$ref" or "allOf" => null,
            _ => message,
        };
    }

    /// <summary>The property names the schema allows beside an unknown field, following $ref by pointer.</summary>
    private static string AllowedFields(JsonPointer location)
    {
        var document = s_schema.Value.Document;
        JsonNode? node = document;
        for (var i = 0; i < location.SegmentCount - 1 && node is not null; i++)
        {
            node = Deref(document, node["properties"]?[location[i].ToString()] ?? node["items"] ?? node["additionalProperties"]);
        }

        var names = Deref(document, node)?["properties"]?.AsObject().Select(p => p.Key).ToArray();
        return names is { Length: > 0 } ? $"; allowed fields: {string.Join(", ", names)}" : "";
    }

    private static readonly HashSet<string> s_subschemaKeywords =
    [
        "properties", "items", "additionalProperties", "enum", "type", "pattern", "minimum", "maximum", "minItems", "maxItems", "uniqueItems",
        "maxLength", "minLength", "required", "$ref",
    ];

    /// <summary>
    /// The subschema that produced an error. JsonSchema.Net reports locations below <c>items</c> and
    /// <c>additionalProperties</c> with the instance's property name inserted after that keyword
    /// (<c>…/taints/items/taints/properties/effect</c>); such a segment is not a schema path segment, so drop it.
    /// </summary>
    private static JsonNode? SubschemaAt(JsonNode document, Uri location)
    {
        var segments = Uri.UnescapeDataString(location.Fragment.TrimStart('#')).Split('/');
        var kept = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var afterApplicator = i > 0 && segments[i - 1] is "items" or "additionalProperties" && kept.Count > 0 && kept[^1] == segments[i - 1];
            if (!(afterApplicator && !s_subschemaKeywords.Contains(segments[i])))
            {
                kept.Add(segments[i]);
            }
        }

        return Resolve(document, string.Join('/', kept));
    }

    private static JsonNode? Deref(JsonNode document, JsonNode? node) =>
        node?["$ref"] is JsonValue reference ? Resolve(document, reference.GetValue<string>().TrimStart('#')) : node;

    private static JsonNode? Resolve(JsonNode document, string pointer) =>
        JsonPointer.TryParse(pointer, out var parsed) && parsed.TryEvaluate(document, out var node) ? node : null;
}
