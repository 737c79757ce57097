using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksPlatform.Preflight.Templates;

/// <summary>
/// Reading values that may be literals or CloudFormation intrinsic functions. Nothing here calls
/// AWS: a value only known at deploy time becomes a <c>{{placeholder}}</c>, which is enough to
/// compare names, match suffixes and parse trust policies built with Fn::Sub.
/// </summary>
internal static partial class Intrinsics
{
    /// <summary>A literal string, else null.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>True for JSON true or the string "true" (CloudFormation accepts both).</summary>
    public static bool IsTrue(JsonNode? node) => node is JsonValue value && (
        (value.TryGetValue<bool>(out var flag) && flag) ||
        (value.TryGetValue<string>(out var text) && string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>True for JSON false or the string "false".</summary>
    public static bool IsFalse(JsonNode? node) => node is JsonValue value && (
        (value.TryGetValue<bool>(out var flag) && !flag) ||
        (value.TryGetValue<string>(out var text) && string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A number or numeric string, else null.</summary>
    public static decimal? AsDecimal(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }
        if (value.TryGetValue<decimal>(out var number))
        {
            return number;
        }
        // Values built in code hold an int or double rather than a JSON element; strings may hold numbers too.
        var text = value.TryGetValue<string>(out var s) ? s : value.GetValueKind() == JsonValueKind.Number ? value.ToJsonString() : null;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    /// <summary>The elements of a JSON array (nulls skipped); nothing for anything else.</summary>
    public static IEnumerable<JsonNode> Items(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonNode>() : [];

    /// <summary>
    /// The logical id a value points at through <c>Ref</c> or <c>Fn::GetAtt</c> (both forms), else null.
    /// Pseudo parameters (<c>AWS::Region</c>...) are not resources and give null.
    /// </summary>
    public static string? ReferencedLogicalId(JsonNode? node)
    {
        if (node is not JsonObject obj || obj.Count != 1)
        {
            return null;
        }
        if (AsString(obj["Ref"]) is { } target)
        {
            return target.StartsWith("AWS::", StringComparison.Ordinal) ? null : target;
        }
        return obj["Fn::GetAtt"] switch
        {
            JsonArray { Count: >= 1 } parts => AsString(parts[0]),
            JsonValue dotted when AsString(dotted) is { } text => text.Split('.')[0],
            _ => null,
        };
    }

    /// <summary>Every logical id referenced anywhere inside a value (Ref, Fn::GetAtt, ${X} in Fn::Sub).</summary>
    public static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (ReferencedLogicalId(obj) is { } direct)
                {
                    yield return direct;
                    yield break;
                }
                if (obj.Count == 1 && obj["Fn::Sub"] is { } sub)
                {
                    var (text, variables) = SubParts(sub);
                    foreach (Match match in SubPlaceholder().Matches(text ?? ""))
                    {
                        var name = match.Groups["name"].Value;
                        if (match.Groups["bang"].Success || name.StartsWith("AWS::", StringComparison.Ordinal) || variables?.ContainsKey(name) == true)
                        {
                            continue;
                        }
                        yield return name.Split('.')[0];
                    }
                    foreach (var reference in variables?.SelectMany(v => References(v.Value)) ?? [])
                    {
                        yield return reference;
                    }
                    yield break;
                }
                foreach (var reference in obj.SelectMany(p => References(p.Value)))
                {
                    yield return reference;
                }
                break;
            case JsonArray array:
                foreach (var reference in array.SelectMany(References))
                {
                    yield return reference;
                }
                break;
        }
    }

    /// <summary>The template text and the variable map of an Fn::Sub (string form or [text, vars] form).</summary>
    public static (string? Text, JsonObject? Variables) SubParts(JsonNode sub) => sub switch
    {
        JsonArray { Count: >= 1 } pair => (AsString(pair[0]), pair.Count > 1 ? pair[1] as JsonObject : null),
        _ => (AsString(sub), null),
    };

    /// <summary>
    /// Substitutes the ${...} placeholders of an Fn::Sub text. <paramref name="resolve"/> turns a
    /// variable (a value from the map, or a Ref to a name) into text; ${!Literal} stays literal.
    /// With <paramref name="jsonEscape"/> the inserted text is escaped for a JSON string, because the
    /// trust policies we read are JSON documents written as Fn::Sub text.
    /// </summary>
    public static string Substitute(string text, JsonObject? variables, Func<JsonNode, string> resolve, bool jsonEscape) =>
        SubPlaceholder().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            if (match.Groups["bang"].Success)
            {
                return "${" + name + "}";
            }
            JsonNode variable = variables?[name] is { } mapped
                ? mapped
                : name.Contains('.', StringComparison.Ordinal)
                    ? new JsonObject { ["Fn::GetAtt"] = new JsonArray(name.Split('.', 2).Select(p => (JsonNode?)p).ToArray()) }
                    : new JsonObject { ["Ref"] = name };
            var value = resolve(variable);
            return jsonEscape ? EscapeForJsonString(value) : value;
        });

    /// <summary>Placeholder text for a value only known at deploy time.</summary>
    public static string Placeholder(string what) => "{{" + what + "}}";

    private static string EscapeForJsonString(string value)
    {
        var encoded = JsonSerializer.Serialize(value);
        return encoded[1..^1];
    }

    [GeneratedRegex(@"\$\{(?<bang>!)?(?<name>[^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex SubPlaceholder();
}
