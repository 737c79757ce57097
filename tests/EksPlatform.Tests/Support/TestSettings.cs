using EksPlatform.Settings;

namespace EksPlatform.Tests.Support;

/// <summary>Settings for tests: the real config files, or small YAML documents.</summary>
internal static class TestSettings
{
    /// <summary>The day support windows are judged on in tests, so results do not change with the calendar.</summary>
    public static readonly DateOnly Today = new(2026, 11, 26);

    public const string Minimal = """
        environment: test
        cluster:
          name: test-cluster
        """;

    public static PlatformSettings Env(string name) => SettingsLoader.LoadFile(Repo.Path("config", $"{name}.yaml"), Today).Settings;

    public static PlatformSettings Yaml(string yaml) => SettingsLoader.LoadYaml(yaml, "test", Today).Settings;

    public static IReadOnlyList<SettingsIssue> Problems(string yaml)
    {
        var error = Assert.Throws<InvalidSettingsException>(() => SettingsLoader.LoadYaml(yaml, "test", Today));
        return error.Issues;
    }
}
