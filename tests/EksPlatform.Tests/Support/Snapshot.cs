using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DiffPlex;

namespace EksPlatform.Tests.Support;

/// <summary>
/// Whole-template snapshots, written by hand because Verify does not restore here. Templates are normalised
/// (keys sorted, content hashes masked) and compared as text; a difference fails with a unified diff.
/// Regenerate on purpose only: <c>UPDATE_SNAPSHOTS=1 dotnet test</c> (refused when <c>CI</c> is set), then review the
/// diff in git.
/// </summary>
internal static partial class Snapshot
{
    public static void Match(string name, JsonNode template) =>
        Match(name, template, Repo.Path("tests", "EksPlatform.Tests", "Snapshots"), System.Environment.GetEnvironmentVariable);

    /// <summary>Compares (or, on purpose, rewrites) the snapshot <paramref name="name"/> in <paramref name="directory"/>.</summary>
    internal static void Match(string name, JsonNode template, string directory, Func<string, string?> environment)
    {
        var actual = Normalise(template)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        actual = Hash().Replace(actual, "\"<hash>\"");
        var path = Path.Combine(directory, $"{name}.template.json");
        if (environment("UPDATE_SNAPSHOTS") == "1")
        {
            // Snapshots are reviewed diffs: CI compares, it never rewrites what a reviewer approved.
            Assert.True(string.IsNullOrEmpty(environment("CI")),
                "UPDATE_SNAPSHOTS is refused when CI is set: regenerate snapshots locally and commit the reviewed diff");
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No snapshot {path}; create it on purpose with UPDATE_SNAPSHOTS=1 dotnet test");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"Template {name} differs from its snapshot (--- snapshot, +++ now):\n{UnifiedDiff(expected, actual)}\n" +
                "If the change is intended, regenerate with UPDATE_SNAPSHOTS=1 dotnet test and review the diff.");
        }
    }

    /// <summary>
    /// A unified diff (hunks with three lines of context, as <c>diff -u</c> prints them) of two texts, from DiffPlex's
    /// line diff. At most <paramref name="maxLines"/> lines, so a wholesale change stays readable in a test log.
    /// </summary>
    internal static string UnifiedDiff(string expected, string actual, int maxLines = 200)
    {
        const int context = 3;
        var diff = Differ.Instance.CreateLineDiffs(expected, actual, ignoreWhitespace: false);
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var output = new List<string>();
        var blocks = diff.DiffBlocks;
        for (var i = 0; i < blocks.Count;)
        {
            // Blocks whose context would touch are printed as one hunk.
            var last = i;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * context)
            {
                last++;
            }

            var startA = Math.Max(0, blocks[i].DeleteStartA - context);
            var startB = Math.Max(0, blocks[i].InsertStartB - context);
            var endA = Math.Min(a.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + context);
            var endB = Math.Min(b.Count, blocks[last].InsertStartB + blocks[last].InsertCountB + context);
            output.Add($"@@ -{startA + 1},{endA - startA} +{startB + 1},{endB - startB} @@");
            var lineA = startA;
            for (var k = i; k <= last; k++)
            {
                var block = blocks[k];
                output.AddRange(Enumerable.Range(lineA, block.DeleteStartA - lineA).Select(n => " " + a[n]));
                output.AddRange(Enumerable.Range(block.DeleteStartA, block.DeleteCountA).Select(n => "-" + a[n]));
                output.AddRange(Enumerable.Range(block.InsertStartB, block.InsertCountB).Select(n => "+" + b[n]));
                lineA = block.DeleteStartA + block.DeleteCountA;
            }

            output.AddRange(Enumerable.Range(lineA, endA - lineA).Select(n => " " + a[n]));
            i = last + 1;
        }

        return output.Count <= maxLines
            ? string.Join("\n", output)
            : string.Join("\n", output.Take(maxLines)) + $"\n... ({output.Count - maxLines} more diff lines)";
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
