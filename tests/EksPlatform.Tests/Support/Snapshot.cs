using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksPlatform.Tests.Support;

/// <summary>
/// Whole-template snapshots, written by hand because Verify does not restore here. Templates are normalised
/// (keys sorted, content hashes masked) and compared as text; a difference fails with the first differing line.
/// Regenerate on purpose only: <c>UPDATE_SNAPSHOTS=1 dotnet test</c>, then review the diff in git.
/// </summary>
internal static partial class Snapshot
{
    public static void Match(string name, JsonNode template)
    {
        var actual = Normalise(template)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        actual = Hash().Replace(actual, "\"<hash>\"");
        var path = Repo.Path("tests", "EksPlatform.Tests", "Snapshots", $"{name}.template.json");
        if (System.Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}; create it on purpose with UPDATE_SNAPSHOTS=1 dotnet test");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
            Assert.Fail($"Template {name} differs from its snapshot at line {line + 1}:\n  snapshot: {e.ElementAtOrDefault(line)}\n  now:      {a.ElementAtOrDefault(line)}\n" +
                "If the change is intended, regenerate with UPDATE_SNAPSHOTS=1 dotnet test and review the diff.");
        }
    }

    private static JsonNode? Normalise(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Normalise(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Normalise).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    [GeneratedRegex("\"[0-9a-f]{64}\"")]
    private static partial Regex Hash();
}
