using System.Collections.Immutable;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;

namespace EksPlatform.Observability;

/// <summary>
/// One CloudWatch metric that exists: its namespace, name, the dimension set the platform reads it under (always the
/// cluster-level set, so one line covers the whole cluster), the statistics that make sense for it (the first is the
/// one AWS documents), and where that is written down.
/// </summary>
/// <param name="Namespace">CloudWatch namespace.</param>
/// <param name="Name">Metric name, exactly as published.</param>
/// <param name="Dimensions">Dimension names of the set used (values are filled in per cluster).</param>
/// <param name="Statistics">Allowed statistics; the first is the default.</param>
/// <param name="Source">Where the metric and its dimension set are documented.</param>
internal sealed record CatalogMetric(string Namespace, string Name, ImmutableArray<string> Dimensions, ImmutableArray<string> Statistics, string Source)
{
    /// <summary>The metric of one cluster.</summary>
    /// <param name="clusterName">The <c>ClusterName</c> dimension value.</param>
    /// <param name="period">Aggregation period.</param>
    /// <param name="statistic">One of <see cref="Statistics"/>; default the first.</param>
    /// <param name="label">Legend text.</param>
    public Metric For(string clusterName, Duration period, string? statistic = null, string? label = null)
    {
        statistic ??= Statistics[0];
        if (!Statistics.Contains(statistic))
        {
            throw new ArgumentException($"{Name}: statistic {statistic} is not one of {string.Join(", ", Statistics)}", nameof(statistic));
        }

        return new Metric(new MetricProps
        {
            Namespace = Namespace,
            MetricName = Name,
            DimensionsMap = Dimensions.ToDictionary(d => d, d => d == "ClusterName" ? clusterName
                : throw new InvalidOperationException($"{Name}: no value for dimension {d}")),
            Statistic = statistic,
            Period = period,
            Label = label,
        });
    }
}

/// <summary>
/// The one table of CloudWatch metrics the platform's dashboard and alarms may use. Every entry exists in AWS's own
/// lists (docs/observability.md §1-§2 and the upstream pages cited per entry); a test fails on any dashboard widget or alarm
/// metric that is not in this table. Notably absent: <c>cluster_failed_request_count</c>, which AWS does not publish
/// (docs/observability.md §1); API-server errors are <c>apiserver_request_total_5XX</c>/<c>_4XX</c>/<c>_429</c>.
/// </summary>
internal static class MetricCatalog
{
    /// <summary>Control-plane metrics EKS publishes for free (clusters 1.28 and later, 1-minute resolution).</summary>
    public const string EksNamespace = "AWS/EKS";

    /// <summary>Metrics the CloudWatch agent of the amazon-cloudwatch-observability add-on publishes.</summary>
    public const string ContainerInsightsNamespace = "ContainerInsights";

    private const string EksSource =
        "docs/observability.md §1 ← EKS user guide observability/cloudwatch.adoc (docs.aws.amazon.com/eks/latest/userguide/cloudwatch.html); " +
        "dimension ClusterName as in aws-cdk-lib 2.276 eks-canned-metrics";

    private const string ContainerInsightsSource =
        "docs/observability.md §2 ← CloudWatch user guide Container-Insights-metrics-EKS.md " +
        "(docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/container-insights-eks-classic-metrics.html)";

    private const string EnhancedSource =
        "cluster-level set {ClusterName} of Container Insights with enhanced observability (the add-on's default): aws/amazon-cloudwatch-agent-test " +
        "test/metric_value_benchmark/eks_resources/util.go GetExpectedDimsToMetrics; " +
        "docs/observability.md §2: the classic list has only {PodName, Namespace, ClusterName}";

    private const string Sum = "Sum";
    private const string Average = "Average";
    private const string Maximum = "Maximum";
    private const string Minimum = "Minimum";

    // AWS/EKS, dimension ClusterName. Statistics as the EKS user guide gives them.
    public static readonly CatalogMetric ApiServerRequests = Eks("apiserver_request_total", Sum);
    public static readonly CatalogMetric ApiServerRequests4xx = Eks("apiserver_request_total_4XX", Sum);
    public static readonly CatalogMetric ApiServerRequests5xx = Eks("apiserver_request_total_5XX", Sum);
    public static readonly CatalogMetric ApiServerRequests429 = Eks("apiserver_request_total_429", Sum);
    public static readonly CatalogMetric ApiServerGetLatencyP99 = Eks("apiserver_request_duration_seconds_GET_P99", Average, Maximum);
    public static readonly CatalogMetric ApiServerListLatencyP99 = Eks("apiserver_request_duration_seconds_LIST_P99", Average, Maximum);
    public static readonly CatalogMetric ApiServerPostLatencyP99 = Eks("apiserver_request_duration_seconds_POST_P99", Average, Maximum);
    public static readonly CatalogMetric ApiServerPutLatencyP99 = Eks("apiserver_request_duration_seconds_PUT_P99", Average, Maximum);
    public static readonly CatalogMetric ApiServerPatchLatencyP99 = Eks("apiserver_request_duration_seconds_PATCH_P99", Average, Maximum);
    public static readonly CatalogMetric ApiServerDeleteLatencyP99 = Eks("apiserver_request_duration_seconds_DELETE_P99", Average, Maximum);
    public static readonly CatalogMetric SchedulerPendingPods = Eks("scheduler_pending_pods", Sum);
    public static readonly CatalogMetric SchedulerUnschedulablePods = Eks("scheduler_pending_pods_UNSCHEDULABLE", Sum);
    public static readonly CatalogMetric AdmissionWebhookRejections = Eks("apiserver_admission_webhook_rejection_count", Sum);
    public static readonly CatalogMetric StorageSize = Eks("apiserver_storage_size_bytes", Maximum);

    // ContainerInsights, dimension set {ClusterName}.
    public static readonly CatalogMetric NodeCount = ContainerInsights("cluster_node_count", ContainerInsightsSource, Minimum, Maximum, Average);
    public static readonly CatalogMetric FailedNodeCount = ContainerInsights("cluster_failed_node_count", ContainerInsightsSource, Maximum, Average);
    public static readonly CatalogMetric NodeCpuUtilization = ContainerInsights("node_cpu_utilization", ContainerInsightsSource, Average, Maximum);
    public static readonly CatalogMetric NodeMemoryUtilization = ContainerInsights("node_memory_utilization", ContainerInsightsSource, Average, Maximum);
    public static readonly CatalogMetric PodCpuUtilization = ContainerInsights("pod_cpu_utilization", ContainerInsightsSource, Average, Maximum);
    public static readonly CatalogMetric PodMemoryUtilization = ContainerInsights("pod_memory_utilization", ContainerInsightsSource, Average, Maximum);
    public static readonly CatalogMetric ContainerRestarts = ContainerInsights("pod_number_of_container_restarts", EnhancedSource, Maximum, Sum);

    /// <summary>Every metric the platform may use.</summary>
    public static readonly ImmutableArray<CatalogMetric> All =
    [
        ApiServerRequests, ApiServerRequests4xx, ApiServerRequests5xx, ApiServerRequests429,
        ApiServerGetLatencyP99, ApiServerListLatencyP99, ApiServerPostLatencyP99, ApiServerPutLatencyP99, ApiServerPatchLatencyP99, ApiServerDeleteLatencyP99,
        SchedulerPendingPods, SchedulerUnschedulablePods, AdmissionWebhookRejections, StorageSize,
        NodeCount, FailedNodeCount, NodeCpuUtilization, NodeMemoryUtilization, PodCpuUtilization, PodMemoryUtilization, ContainerRestarts,
    ];

    /// <summary>The entry for a metric as it appears in a template, or <c>null</c> when the table does not hold it.</summary>
    public static CatalogMetric? Find(string metricNamespace, string name, IEnumerable<string> dimensions)
    {
        var wanted = dimensions.Order(StringComparer.Ordinal).ToArray();
        return All.SingleOrDefault(m => m.Namespace == metricNamespace && m.Name == name
            && m.Dimensions.Order(StringComparer.Ordinal).SequenceEqual(wanted));
    }

    private static CatalogMetric Eks(string name, params string[] statistics) =>
        new(EksNamespace, name, ["ClusterName"], [.. statistics], EksSource);

    private static CatalogMetric ContainerInsights(string name, string source, params string[] statistics) =>
        new(ContainerInsightsNamespace, name, ["ClusterName"], [.. statistics], source);
}
