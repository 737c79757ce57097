namespace EksPlatform.Settings;

/// <summary>Container Insights, the dashboard's data sources, and the alarms with their notification topic.</summary>
public sealed record ObservabilitySettings
{
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
