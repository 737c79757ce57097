using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Templates;

/// <summary>One entry of a template's Resources section.</summary>
/// <param name="LogicalId">The key in Resources.</param>
/// <param name="Type">The CloudFormation type.</param>
/// <param name="Properties">Its Properties (an empty object when absent, so callers need no null checks).</param>
/// <param name="Definition">The whole entry (DeletionPolicy, DependsOn...).</param>
internal sealed record TemplateResource(string LogicalId, string Type, JsonObject Properties, JsonObject Definition)
{
    public JsonNode? this[string property] => Properties[property];

    /// <summary>Value of a tag from a CloudFormation tag list ([{Key, Value}]) or a tag map (EKS node groups).</summary>
    public string? Tag(string key) => Properties["Tags"] switch
    {
        JsonArray list => list.OfType<JsonObject>()
            .Where(t => Intrinsics.AsString(t["Key"]) == key)
            .Select(t => Intrinsics.AsString(t["Value"]))
            .FirstOrDefault(),
        JsonObject map => Intrinsics.AsString(map[key]),
        _ => null,
    };
}
