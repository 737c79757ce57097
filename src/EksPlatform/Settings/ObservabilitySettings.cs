namespace EksPlatform.Settings;

/// <summary>Container Insights, the dashboard's data sources, and the alarms with their notification topic.</summary>
public sealed partial record ObservabilitySettings
{
    /// <summary>
    /// The first add-on version that supports EKS Pod Identity, which the platform uses for the agent's role
    /// (docs/iam-policies.md §7).
    /// </summary>
    public static readonly Version MinimumAddonVersion = new(3, 1, 0);

    /// <summary>The settings schema's rule for <see cref="AlarmEmail"/>; a test keeps the two in step.</summary>
    public const string AlarmEmailPattern = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    /// <summary>The message for a field that means nothing without the add-on.</summary>
    internal const string NeedsContainerInsights =
        "given while observability.containerInsights is false (no add-on, no node metrics); turn Container Insights on or remove the field";

    /// <summary>
    /// Install the <c>amazon-cloudwatch-observability</c> add-on (CloudWatch agent, Container Insights). Off: no add-on,
    /// no agent role, no Container Insights log groups, and no node/pod widgets or alarms (their metrics would not exist).
    /// </summary>
    public required bool ContainerInsights { get; init; }

    /// <summary>Let the add-on's Fluent Bit ship container, data-plane and host logs to CloudWatch Logs.</summary>
    public required bool ContainerLogs { get; init; }

    /// <summary>Pinned add-on version (at least v3.1.0, the first with EKS Pod Identity); <c>null</c> = EKS's default.</summary>
    public string? AddonVersion { get; init; }

    /// <summary>Retention of the Container Insights log groups the platform creates for the add-on.</summary>
    public required int LogRetentionDays { get; init; }

    /// <summary>Address subscribed to the alarm topic (by email, confirmed by its owner); <c>null</c> = no subscription.</summary>
    public string? AlarmEmail { get; init; }

    /// <summary>An existing SNS topic (an on-call integration) every alarm also notifies; <c>null</c> = none.</summary>
    public string? AlarmTopicArn { get; init; }

    /// <summary>Threshold and evaluation periods of each alarm.</summary>
    public required AlarmSettings Alarms { get; init; }

    /// <summary>
    /// The section's own invariants, shared by the settings loader (which reports them at <c>observability.*</c>) and
    /// <see cref="Observability.PlatformObservability"/> (which throws on the first with the prop's name).
    /// </summary>
    /// <param name="region">The stack's region, when known: an alarm can notify only a topic of its own region and
    /// partition (docs/limits-and-policies.md §5). Null: only the topic ARN's form is judged.</param>
    public IEnumerable<(string Field, string Message)> Problems(AwsRegion? region)
    {
        if (AlarmEmail is { } email && (email.Length > 254 || !Email().IsMatch(email)))
        {
            yield return ("alarmEmail", $"'{email}' is not an email address such as oncall@example.com");
        }

        if (AlarmTopicArn is { } arn)
        {
            if (Arns.Topic(arn) is not { } topic)
            {
                yield return ("alarmTopicArn",
                    $"'{arn}' is not an SNS topic ARN such as arn:{region?.Partition ?? "aws"}:sns:{region?.Name ?? "us-east-1"}:111122223333:oncall");
            }
            else if (region is not null && (topic.Partition != region.Partition || topic.Region != region.Name))
            {
                yield return ("alarmTopicArn",
                    $"'{arn}' is a topic in {topic.Region} ({topic.Partition}); alarms in {region.Name} can notify only topics of {region.Name}");
            }
        }

        if (!ContainerInsights && ContainerLogs)
        {
            yield return ("containerLogs", NeedsContainerInsights);
        }

        if (AddonVersion is { } version)
        {
            if (!ContainerInsights)
            {
                yield return ("addonVersion", NeedsContainerInsights);
            }

            if (!EksAddonVersion.IsValid(version))
            {
                yield return ("addonVersion", $"'{version}' is not {EksAddonVersion.Rule}");
            }
            else if (VersionNumber(version) < MinimumAddonVersion)
            {
                yield return ("addonVersion",
                    $"{version} predates EKS Pod Identity support in amazon-cloudwatch-observability (v{MinimumAddonVersion} and later), " +
                    "which the agent's role relies on");
            }
        }

        if (!LogRetention.IsValid(LogRetentionDays))
        {
            yield return ("logRetentionDays", $"{LogRetentionDays} is not a retention CloudWatch Logs offers ({LogRetention.ValidDaysText})");
        }

        // The settings schema's ranges: percentages 0.1 to 100, counts 1 to 10000 and whole, 1 to 60 periods.
        foreach (var (key, alarm, percent) in new[]
        {
            ("apiServer5xxPercent", Alarms.ApiServer5xxPercent, true), ("pendingPods", Alarms.PendingPods, false),
            ("failedNodes", Alarms.FailedNodes, false), ("nodeCpuPercent", Alarms.NodeCpuPercent, true),
            ("nodeMemoryPercent", Alarms.NodeMemoryPercent, true),
        })
        {
            var threshold = alarm.Threshold;
            var valid = percent ? threshold is >= 0.1 and <= 100 : threshold is >= 1 and <= 10000 && threshold == Math.Floor(threshold);
            if (!valid)
            {
                yield return ($"alarms.{key}.threshold",
                    percent ? $"{alarm.Threshold} is outside 0.1 to 100 (percent)" : $"{alarm.Threshold} is not a whole count from 1 to 10000");
            }

            if (alarm.EvaluationPeriods is < 1 or > 60)
            {
                yield return ($"alarms.{key}.evaluationPeriods", $"{alarm.EvaluationPeriods} is outside 1 to 60");
            }
        }
    }

    /// <summary><c>v4.1.0-eksbuild.1</c> → 4.1.0 (of a version that has <see cref="EksAddonVersion"/>'s form).</summary>
    internal static Version VersionNumber(string version)
    {
        var parsed = Version.Parse(version.TrimStart('v').Split('-')[0]);
        return new Version(parsed.Major, parsed.Minor, Math.Max(0, parsed.Build));
    }

    [System.Text.RegularExpressions.GeneratedRegex(AlarmEmailPattern)]
    private static partial System.Text.RegularExpressions.Regex Email();
}

/// <summary>The platform's alarms. Each fires at or above its threshold for all of its evaluation periods.</summary>
public sealed record AlarmSettings
{
    /// <summary>API-server requests answered 5XX, in percent of all requests (5-minute periods).</summary>
    public required AlarmThreshold ApiServer5xxPercent { get; init; }

    /// <summary>Pods the scheduler holds pending (1-minute periods).</summary>
    public required AlarmThreshold PendingPods { get; init; }

    /// <summary>Nodes Container Insights reports as failed (5-minute periods; needs Container Insights).</summary>
    public required AlarmThreshold FailedNodes { get; init; }

    /// <summary>Average CPU utilisation of the nodes, percent (5-minute periods; needs Container Insights).</summary>
    public required AlarmThreshold NodeCpuPercent { get; init; }

    /// <summary>Average memory utilisation of the nodes, percent (5-minute periods; needs Container Insights).</summary>
    public required AlarmThreshold NodeMemoryPercent { get; init; }
}

/// <summary>When an alarm fires.</summary>
/// <param name="Threshold">The value at or above which a period breaches.</param>
/// <param name="EvaluationPeriods">Consecutive breaching periods before the alarm fires.</param>
public sealed record AlarmThreshold(double Threshold, int EvaluationPeriods);
