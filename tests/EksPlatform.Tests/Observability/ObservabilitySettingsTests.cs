using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Observability;

public sealed class ObservabilitySettingsTests
{
    [Theory]
    [InlineData("production", 30)]
    [InlineData("development", 7)]
    public void Minimal_settings_turn_container_insights_on_with_default_alarms(string tier, int retention)
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + $"\ntier: {tier}\n").Observability;

        Assert.True(settings.ContainerInsights);
        Assert.True(settings.ContainerLogs);
        Assert.Null(settings.AddonVersion);
        Assert.Equal("oncall@example.com", settings.AlarmEmail);
        Assert.Equal(retention, settings.LogRetentionDays);
        Assert.Equal(new AlarmThreshold(1, 3), settings.Alarms.ApiServer5xxPercent);
        Assert.Equal(new AlarmThreshold(5, 10), settings.Alarms.PendingPods);
        Assert.Equal(new AlarmThreshold(1, 2), settings.Alarms.FailedNodes);
        Assert.Equal(new AlarmThreshold(80, 3), settings.Alarms.NodeCpuPercent);
        Assert.Equal(new AlarmThreshold(80, 3), settings.Alarms.NodeMemoryPercent);
    }

    [Fact]
    public void Given_values_are_used_and_unset_alarm_fields_keep_their_defaults()
    {
        var settings = TestSettings.Yaml(TestSettings.Bare + """

            observability:
              containerLogs: false
              addonVersion: v3.1.0-eksbuild.1
              alarmEmail: sre+eks@example.com
              alarms:
                nodeCpuPercent: { threshold: 65.5 }
                nodeMemoryPercent: { threshold: 70, evaluationPeriods: 4 }
                pendingPods: { evaluationPeriods: 20 }
            """).Observability;

        Assert.False(settings.ContainerLogs);
        Assert.Equal("v3.1.0-eksbuild.1", settings.AddonVersion);
        Assert.Equal("sre+eks@example.com", settings.AlarmEmail);
        Assert.Equal(new AlarmThreshold(65.5, 3), settings.Alarms.NodeCpuPercent);
        Assert.Equal(new AlarmThreshold(70, 4), settings.Alarms.NodeMemoryPercent);
        Assert.Equal(new AlarmThreshold(5, 20), settings.Alarms.PendingPods);
    }

    [Fact]
    public void Container_insights_off_also_turns_container_logs_off()
    {
        var settings = TestSettings.Yaml(TestSettings.Bare + "\nobservability:\n  containerInsights: false\n  alarmEmail: a@b.io\n").Observability;

        Assert.False(settings.ContainerInsights);
        Assert.False(settings.ContainerLogs);
        Assert.Equal("a@b.io", settings.AlarmEmail);
    }

    [Fact]
    public void Every_problem_of_the_section_is_reported_in_one_pass()
    {
        var paths = TestSettings.Problems(TestSettings.Bare + """

            observability:
              containerInsights: false
              addonVersion: v2.0.0-eksbuild.1
              alarmEmail: nobody
              alarms:
                nodeMemoryPercent: { threshold: 101 }
                pendingPods: { evaluationPeriods: 0 }
            """).Select(p => p.Path).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "observability.addonVersion", "observability.alarmEmail", "observability.alarms.nodeMemoryPercent",
            "observability.alarms.nodeMemoryPercent.threshold", "observability.alarms.pendingPods.evaluationPeriods",
        }, paths);
    }
}
