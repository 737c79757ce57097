using System.Text.Json.Nodes;

namespace EksPlatform.Settings;

/// <summary>The observability rules: Container Insights on or off, the add-on version, alarm thresholds.</summary>
internal sealed partial class SettingsBuilder
{
    private const string ObservabilityPath = "observability";

    /// <summary>The alarm defaults, by settings key: (threshold, evaluation periods, needs Container Insights).</summary>
    internal static readonly IReadOnlyDictionary<string, (double Threshold, int EvaluationPeriods, bool NeedsContainerInsights)> AlarmDefaults =
        new Dictionary<string, (double, int, bool)>(StringComparer.Ordinal)
        {
            // 1 % of API requests failing server-side for 15 minutes: well above the background of a healthy control plane.
            ["apiServer5xxPercent"] = (1, 3, false),
            // Pods pending for 10 minutes outlast a cluster-autoscaler scale-up (a few minutes): capacity or constraints are wrong.
            ["pendingPods"] = (5, 10, false),
            // Any node failed in two consecutive 5-minute periods: longer than a node replaced during a rolling update.
            ["failedNodes"] = (1, 2, true),
            ["nodeCpuPercent"] = (80, 3, true),
            ["nodeMemoryPercent"] = (80, 3, true),
        };

    /// <summary>Fields that mean nothing without the add-on (besides the alarms that need it).</summary>
    private static readonly string[] s_containerInsightsFields = ["containerLogs", "addonVersion", "logRetentionDays"];

    private ObservabilitySettings Observability(bool production, AwsRegion? region)
    {
        var email = Str($"{ObservabilityPath}.alarmEmail");
        var topic = Str($"{ObservabilityPath}.alarmTopicArn");
        if (email is null && topic is null && !invalid.Contains($"{ObservabilityPath}.alarmEmail") && !invalid.Contains($"{ObservabilityPath}.alarmTopicArn"))
        {
            const string message = "the alarms notify nobody: set observability.alarmEmail (an on-call address, which must confirm the subscription) " +
                "or observability.alarmTopicArn (an existing SNS topic in the same region, such as an on-call integration's)";
            issues.Add(production
                ? new SettingsIssue(ObservabilityPath, message + "; production requires one")
                : new SettingsIssue(ObservabilityPath, message, IssueSeverity.Warning));
        }

        var containerInsights = Bool($"{ObservabilityPath}.containerInsights") ?? true;
        if (!containerInsights)
        {
            foreach (var field in s_containerInsightsFields
                .Concat(AlarmDefaults.Where(a => a.Value.NeedsContainerInsights).Select(a => $"alarms.{a.Key}")))
            {
                if (Node($"{ObservabilityPath}.{field}") is not null)
                {
                    Error($"{ObservabilityPath}.{field}", ObservabilitySettings.NeedsContainerInsights);
                }
            }
        }

        var settings = new ObservabilitySettings
        {
            ContainerInsights = containerInsights,
            ContainerLogs = containerInsights && (Bool($"{ObservabilityPath}.containerLogs") ?? true),
            // As written, so the version rules see it (with Container Insights off it is refused above anyway).
            AddonVersion = Str($"{ObservabilityPath}.addonVersion"),
            LogRetentionDays = Int($"{ObservabilityPath}.logRetentionDays") ?? (production ? 30 : 7),
            AlarmEmail = email,
            AlarmTopicArn = topic,
            Alarms = new AlarmSettings
            {
                ApiServer5xxPercent = Alarm("apiServer5xxPercent"),
                PendingPods = Alarm("pendingPods"),
                FailedNodes = Alarm("failedNodes"),
                NodeCpuPercent = Alarm("nodeCpuPercent"),
                NodeMemoryPercent = Alarm("nodeMemoryPercent"),
            },
        };

        // The section's own rules (shared with PlatformObservability), except where the schema already refused the field
        // or the same words were just reported there. CloudWatch alarm actions are SNS topics of the alarm's own region
        // and partition (docs/limits-and-policies.md §5): without a region, the topic is not judged (the region is the error).
        foreach (var (field, message) in settings.Problems(region))
        {
            var path = $"{ObservabilityPath}.{field}";
            if (!invalid.Contains(path) && !(field == "alarmTopicArn" && region is null) && !issues.Any(i => i.Path == path && i.Message == message))
            {
                Error(path, message);
            }
        }

        return settings with { AddonVersion = containerInsights ? settings.AddonVersion : null };
    }

    private AlarmThreshold Alarm(string key)
    {
        var path = $"{ObservabilityPath}.alarms.{key}";
        var (threshold, periods, _) = AlarmDefaults[key];
        return new AlarmThreshold(Number($"{path}.threshold") ?? threshold, Int($"{path}.evaluationPeriods") ?? periods);
    }
}
