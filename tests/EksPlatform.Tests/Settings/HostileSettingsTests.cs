using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Settings;

/// <summary>
/// Input nobody should write is still input: each case ends in a settings error with a field path and a sentence,
/// never an exception of another type, and in bounded time and memory (the reader counts values and depth).
/// </summary>
public sealed class HostileSettingsTests
{
    /// <summary>Nine levels of ten aliases each: a billion values if expanded.</summary>
    private static string AliasBomb()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        return string.Join('\n', lines) + "\n";
    }

    public static TheoryData<string, string, string> Cases => new()
    {
        // yaml, expected path, expected fragment
        { AliasBomb(), "(document)", "expand to more than" },
        { TestSettings.Minimal + "\n---\nenvironment: other\n", "(document)", "more than one YAML document" },
        { new string('[', 200) + new string(']', 200), "", "nest deeper than" },
        { "environment: a\nenvironment: b\ncluster: { name: c }\n", "environment", "appears twice" },
        { "environment: t\ncluster: { name: c }\n? [a, b]\n: c\n", "", "mapping key must be plain text" },
        { "environment: t\ncluster: *missing\n", "", "names no anchor" },
        { "environment: t\ncluster: [\n", "(line", "this is not valid YAML" },
        { "just a sentence\n", "(root)", "must be a YAML mapping" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_documents_are_settings_errors_with_a_path(string yaml, string path, string fragment)
    {
        var problems = TestSettings.Problems(yaml);

        Assert.Contains(problems, p => p.Path.StartsWith(path, StringComparison.Ordinal) && p.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain("Exception", p.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cluster", "5")]
    [InlineData("network", "true")]
    [InlineData("nodeGroups", "x")]
    [InlineData("observability", "[1, 2]")]
    [InlineData("tags", "3")]
    [InlineData("controllers", "on")]
    [InlineData("protection", "'yes'")]
    [InlineData("cost", "[]")]
    [InlineData("encryption", "1.5")]
    public void A_section_given_a_scalar_or_a_list_is_reported_at_its_path(string section, string value)
    {
        var yaml = section == "cluster" ? $"environment: t\ncluster: {value}\n" : TestSettings.Bare + $"\n{section}: {value}\n";

        var problems = TestSettings.Problems(yaml);

        Assert.Contains(problems, p => p.Path == section && p.Message.StartsWith("expected object", StringComparison.Ordinal)
            || p.Path == section && p.Message.StartsWith("expected array", StringComparison.Ordinal));
    }

    [Fact]
    public void A_very_large_file_is_refused_unread()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eksp-large-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, TestSettings.Minimal + "\n# " + new string('x', SettingsLoader.MaxBytes) + "\n");
        try
        {
            var error = Assert.Throws<InvalidSettingsException>(() => SettingsLoader.LoadFile(path, TestSettings.Today));

            var problem = Assert.Single(error.Issues);
            Assert.Equal("(file)", problem.Path);
            Assert.Contains("larger than", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Aliases_within_the_budget_still_work()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + "\nnodeGroups:\n  - name: a\n    instanceTypes: &types [m7i.large, m6i.large]\n" +
            "  - name: b\n    instanceTypes: *types\n");

        Assert.Equal(settings.NodeGroups[0].InstanceTypes.ToArray(), settings.NodeGroups[1].InstanceTypes.ToArray());
    }

    [Fact]
    public void Schema_messages_state_rules_in_words_and_every_pattern_has_one()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(SettingsLoader.SchemaText)!;
        var patterns = Descendants(schema).Where(n => n is System.Text.Json.Nodes.JsonObject o && o.ContainsKey("pattern")).ToArray();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.False(string.IsNullOrWhiteSpace((string?)p["x-rule"]), $"pattern {p["pattern"]} has no x-rule"));
        var problem = Assert.Single(TestSettings.Problems("environment: Prod!\ncluster: { name: c }\nobservability: { alarmEmail: a@b.io }\n"));
        Assert.DoesNotContain("^", problem.Message, StringComparison.Ordinal);
        Assert.Contains("lower-case letters", problem.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonNode> Descendants(System.Text.Json.Nodes.JsonNode node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => new[] { node }.Concat(o.Select(p => p.Value).OfType<System.Text.Json.Nodes.JsonNode>().SelectMany(Descendants)),
        System.Text.Json.Nodes.JsonArray a => a.OfType<System.Text.Json.Nodes.JsonNode>().SelectMany(Descendants),
        _ => [],
    };
}
