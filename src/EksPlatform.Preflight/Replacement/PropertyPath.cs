using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Replacement;

/// <summary>
/// Values at a catalog path like <c>ResourcesVpcConfig/SubnetIds</c>. The catalog's paths do not
/// mark arrays, so an array on the way is walked element by element and the values collected.
/// </summary>
internal static class PropertyPath
{
    public static JsonNode? Select(JsonObject properties, string path)
    {
        JsonNode? current = properties;
        foreach (var segment in path.Split('/'))
        {
            current = Step(current, segment);
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    private static JsonNode? Step(JsonNode? node, string segment) => node switch
    {
        JsonObject obj => obj[segment],
        JsonArray array => new JsonArray(array.Select(e => Step(e, segment)?.DeepClone()).ToArray()),
        _ => null,
    };
}
