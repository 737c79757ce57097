using System.Text.Json.Nodes;

namespace EksPlatform.Settings;

/// <summary>The observability rules: Container Insights on or off, the add-on version, alarm thresholds.</summary>
internal sealed partial class SettingsBuilder
{
    private const string ObservabilityPath = "observability";

    /// <summary>
    /// The first add-on version that supports EKS Pod Identity, which the platform uses for the agent's role
    /// (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html, Option 1).
    /// </summary>
    internal static readonly System.Version MinimumObservabilityAddon = new(3, 1, 0);

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
        var topic = AlarmTopicArn(region);
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
                    Error($"{ObservabilityPath}.{field}", "given while observability.containerInsights is false (no add-on, no node metrics); turn Container Insights on or remove the field");
                }
            }
        }

        var version = Str($"{ObservabilityPath}.addonVersion");
        if (version is not null && AddonVersionNumber(version) is { } number && number < MinimumObservabilityAddon)
        {
            Error($"{ObservabilityPath}.addonVersion",
                $"{version} predates EKS Pod Identity support in amazon-cloudwatch-observability (v{MinimumObservabilityAddon} and later), which the agent's role relies on");
        }

        return new ObservabilitySettings
        {
            ContainerInsights = containerInsights,
            ContainerLogs = containerInsights && (Bool($"{ObservabilityPath}.containerLogs") ?? true),
            AddonVersion = containerInsights ? version : null,
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
    }

    /// <summary>
    /// CloudWatch alarm actions are SNS topics of the alarm's own region and partition (docs/limits-and-policies.md §5);
    /// any other ARN would fail only at deploy.
    /// </summary>
    private string? AlarmTopicArn(AwsRegion? region)
    {
        const string path = $"{ObservabilityPath}.alarmTopicArn";
        var arn = Str(path);
        if (arn is null || region is null)
        {
            return arn;
        }

        if (Arns.Topic(arn) is not { } topic)
        {
            Error(path, $"'{arn}' is not an SNS topic ARN such as arn:{region.Partition}:sns:{region.Name}:111122223333:oncall");
        }
        else if (topic.Partition != region.Partition || topic.Region != region.Name)
        {
            Error(path, $"'{arn}' is a topic in {topic.Region} ({topic.Partition}); alarms in {region.Name} can notify only topics of {region.Name}");
        }

        return arn;
    }

    private AlarmThreshold Alarm(string key)
    {
        var path = $"{ObservabilityPath}.alarms.{key}";
        var (threshold, periods, _) = AlarmDefaults[key];
        return new AlarmThreshold(Number($"{path}.threshold") ?? threshold, Int($"{path}.evaluationPeriods") ?? periods);
    }

    /// <summary><c>v4.1.0-eksbuild.1</c> → 4.1.0 (the schema has already checked the shape).</summary>
    private static System.Version? AddonVersionNumber(string text) =>
        System.Version.TryParse(text.TrimStart('v').Split('-')[0], out var parsed) ? new System.Version(parsed.Major, parsed.Minor, Math.Max(0, parsed.Build)) : null;
}
