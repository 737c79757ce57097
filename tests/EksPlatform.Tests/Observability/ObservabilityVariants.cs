using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Observability;

/// <summary>
/// The two settings variants the observability tests need besides prod and dev, each synthesized once (jsii synth is
/// slow): every alarm setting changed plus an email address, and Container Insights off.
/// </summary>
internal static class ObservabilityVariants
{
    public const string Email = "oncall@example.org";

    public const string CustomYaml = $$"""
        environment: custom
        cluster:
          name: obs-custom
        observability:
          alarmEmail: {{Email}}
          logRetentionDays: 90
          alarms:
            apiServer5xxPercent: { threshold: 2.5, evaluationPeriods: 4 }
            pendingPods: { threshold: 12, evaluationPeriods: 15 }
            failedNodes: { threshold: 2, evaluationPeriods: 3 }
            nodeCpuPercent: { threshold: 90, evaluationPeriods: 6 }
            nodeMemoryPercent: { threshold: 85, evaluationPeriods: 5 }
        """;

    public const string OffYaml = """
        environment: ci-off
        cluster:
          name: obs-off
        observability:
          containerInsights: false
          alarmTopicArn: arn:aws:sns:us-east-1:111122223333:oncall-pager
        """;

    private static readonly Lazy<Synthesized> s_custom = new(() => new Synthesized(TestSettings.Yaml(CustomYaml)));
    private static readonly Lazy<Synthesized> s_off = new(() => new Synthesized(TestSettings.Yaml(OffYaml)));

    public static Synthesized Custom => s_custom.Value;

    public static Synthesized ContainerInsightsOff => s_off.Value;
}
