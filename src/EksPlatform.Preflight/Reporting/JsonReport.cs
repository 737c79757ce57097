using System.Text.Json;
using System.Text.Json.Serialization;

namespace EksPlatform.Preflight.Reporting;

/// <summary>JSON form of the report: camelCase, enums as strings, indented, so it diffs well and other tools can read it.</summary>
internal static class JsonReport
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(PreflightReport report) => JsonSerializer.Serialize(report, Options);

    public static PreflightReport Read(string json) =>
        JsonSerializer.Deserialize<PreflightReport>(json, Options) ?? throw new JsonException("The JSON text is null, not a report.");
}
