using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Templates;

/// <summary>The JSON data files under Data/, embedded in the assembly so the library needs no files beside it.</summary>
internal static class EmbeddedData
{
    public static JsonObject Load(string fileName)
    {
        var name = $"EksPlatform.Preflight.Data.{fileName}";
        using var stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing: the project must embed Data/{fileName}.");
        return JsonNode.Parse(stream) as JsonObject
            ?? throw new InvalidOperationException($"Embedded resource {name} is not a JSON object.");
    }
}
