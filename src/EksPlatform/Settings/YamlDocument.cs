using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EksPlatform.Settings;

/// <summary>
/// Reads YAML into a JSON tree so one JSON Schema checks both YAML files and editors' JSON.
/// Plain scalars become numbers, booleans or null as YAML 1.2's core schema says; quoted scalars stay strings
/// (so <c>kubernetesVersion: 1.30</c> is reported as "expected a string", never silently read as 1.3).
/// </summary>
internal static class YamlDocument
{
    public static JsonNode? Parse(string text, List<SettingsIssue> issues)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? new JsonObject() : ToJson(stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            issues.Add(new SettingsIssue($"(line {e.Start.Line}, column {e.Start.Column})", $"not valid YAML: {(e.InnerException ?? e).Message}"));
            return null;
        }
        catch (ArgumentException e)
        {
            issues.Add(new SettingsIssue("(document)", $"not valid YAML: {e.Message}"));
            return null;
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? "", ToJson(pair.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }
}
