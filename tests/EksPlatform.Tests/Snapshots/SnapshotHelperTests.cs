using System.Text.Json.Nodes;
using EksPlatform.Tests.Support;
using Xunit.Sdk;

namespace EksPlatform.Tests.Snapshots;

/// <summary>The snapshot helper itself: a failing comparison shows a unified diff, and CI never rewrites a snapshot.</summary>
public sealed class SnapshotHelperTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eksp-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, string, string> Diffs => new()
    {
        { "a\nb\nc\n", "a\nB\nc\n", "@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n " },
        { "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n", "@@ -8,4 +8,5 @@\n 8\n 9\n 10\n+11\n " },
        { "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "x\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ny\n",
            "@@ -1,4 +1,4 @@\n-1\n+x\n 2\n 3\n 4\n@@ -9,5 +9,5 @@\n 9\n 10\n 11\n-12\n+y\n " },
    };

    [Theory]
    [MemberData(nameof(Diffs))]
    public void Unified_diff_has_hunks_with_three_lines_of_context(string expected, string actual, string diff)
    {
        Assert.Equal(diff, Snapshot.UnifiedDiff(expected, actual));
    }

    [Fact]
    public void A_differing_template_fails_with_the_diff()
    {
        File.WriteAllText(Path.Combine(_directory, "t.template.json"), "{\n  \"A\": 1\n}\n");

        var failure = Assert.Throws<FailException>(() =>
            Snapshot.Match("t", JsonNode.Parse("{\"A\": 2}")!, _directory, _ => null));

        Assert.Contains("-  \"A\": 1\n+  \"A\": 2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_is_refused_when_CI_is_set_and_the_snapshot_is_left_as_it_was()
    {
        var path = Path.Combine(_directory, "t.template.json");
        File.WriteAllText(path, "reviewed\n");
        var environment = new Dictionary<string, string?> { ["UPDATE_SNAPSHOTS"] = "1", ["CI"] = "true" };

        var failure = Assert.ThrowsAny<XunitException>(() =>
            Snapshot.Match("t", JsonNode.Parse("{\"A\": 2}")!, _directory, name => environment.GetValueOrDefault(name)));

        Assert.Contains("refused when CI is set", failure.Message, StringComparison.Ordinal);
        Assert.Equal("reviewed\n", File.ReadAllText(path));
    }

    [Fact]
    public void Update_outside_CI_rewrites_the_snapshot()
    {
        var path = Path.Combine(_directory, "t.template.json");
        File.WriteAllText(path, "old\n");

        Snapshot.Match("t", JsonNode.Parse("{\"A\": 2}")!, _directory, name => name == "UPDATE_SNAPSHOTS" ? "1" : null);

        Assert.Equal("{\n  \"A\": 2\n}\n", File.ReadAllText(path));
    }
}
