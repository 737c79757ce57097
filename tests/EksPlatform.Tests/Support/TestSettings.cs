using EksPlatform.Settings;

namespace EksPlatform.Tests.Support;

/// <summary>Settings for tests: the real config files, or small YAML documents.</summary>
internal static class TestSettings
{
    /// <summary>The day support windows are judged on in tests, so results do not change with the calendar.</summary>
    public static readonly DateOnly Today = new(2026, 11, 26);

    /// <summary>Only the required fields: a production profile that still needs an alarm recipient.</summary>
    public const string Bare = """
        environment: test
        cluster:
          name: test-cluster
        """;

    /// <summary>The smallest valid production profile: production needs an alarm recipient.</summary>
    public const string Minimal = """
        environment: test
        cluster:
          name: test-cluster
        observability:
          alarmEmail: oncall@example.com
        """;

    public static PlatformSettings Env(string name) => SettingsLoader.LoadFile(Repo.Path("config", $"{name}.yaml"), Today).Settings;

    public static PlatformSettings Yaml(string yaml) => SettingsLoader.LoadYaml(yaml, "test", Today).Settings;

    public static IReadOnlyList<SettingsIssue> Problems(string yaml)
    {
        var error = Assert.Throws<InvalidSettingsException>(() => SettingsLoader.LoadYaml(yaml, "test", Today));
        return error.Issues;
    }
}
