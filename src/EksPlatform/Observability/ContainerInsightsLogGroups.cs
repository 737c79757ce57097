using EksPlatform.Settings;

namespace EksPlatform.Observability;

/// <summary>
/// The log groups the amazon-cloudwatch-observability add-on writes to. The agent and Fluent Bit create them on first
/// write when they are missing, with no retention and no customer key, so the platform creates them first (the add-on
/// waits for them) with the configured retention and the logs key. Names: the CloudWatch agent's performance group
/// (CloudWatch user guide, Container-Insights-setup-metrics) and Fluent Bit's three groups
/// (aws-observability/helm-charts charts/amazon-cloudwatch-observability/values.yaml, containerLogs.fluentBit.config).
/// </summary>
internal static class ContainerInsightsLogGroups
{
    /// <summary>The groups of a cluster under the given settings (none when Container Insights is off).</summary>
    public static IReadOnlyList<string> Names(string clusterName, ObservabilitySettings settings) =>
        !settings.ContainerInsights ? []
        : settings.ContainerLogs ? [Performance(clusterName), .. FluentBitKinds.Select(kind => Group(clusterName, kind))]
        : [Performance(clusterName)];

    /// <summary>Fluent Bit's groups, by the suffix after the cluster name.</summary>
    public static readonly IReadOnlyList<string> FluentBitKinds = ["application", "dataplane", "host"];

    /// <summary>Where the agent writes Container Insights performance events (embedded metric format).</summary>
    public static string Performance(string clusterName) => Group(clusterName, "performance");

    private static string Group(string clusterName, string kind) => $"/aws/containerinsights/{clusterName}/{kind}";
}
