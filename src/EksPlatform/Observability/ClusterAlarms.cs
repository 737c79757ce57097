using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Settings;

namespace EksPlatform.Observability;

/// <summary>Inputs of <see cref="ClusterAlarms"/>.</summary>
/// <param name="Settings">Thresholds, evaluation periods, whether Container Insights runs.</param>
/// <param name="Cluster">The cluster: its reference is the metrics' <c>ClusterName</c>, its name (from settings) names the alarms.</param>
/// <param name="Topic">Where ALARM and OK notifications go.</param>
/// <param name="Addon">The Container Insights add-on, when it exists: its alarms are created after it.</param>
/// <param name="AutoMode">EKS Auto Mode runs the nodes (docs/auto-mode.md §4).</param>
internal sealed record ClusterAlarmsProps(ObservabilitySettings Settings, IEksCluster Cluster, ITopic Topic, CfnResource? Addon, bool AutoMode = false);

/// <summary>
/// The platform's alarms: API-server 5XX rate and pending pods from the free <c>AWS/EKS</c> control-plane metrics, and,
/// with Container Insights, failed nodes and node CPU and memory. Each fires when its metric is at or above the
/// threshold for all of its evaluation periods, and notifies the topic on ALARM and again on OK, so whoever was paged
/// also learns that it is over without opening the console.
/// </summary>
internal sealed class ClusterAlarms : Construct
{
    public ClusterAlarms(Construct scope, string id, ClusterAlarmsProps props) : base(scope, id)
    {
        var alarms = props.Settings.Alarms;
        var cluster = props.Cluster.ClusterName;
        var fiveMinutes = Duration.Minutes(5);
        // The platform's topic, and the operator's own topic (an on-call integration) when settings name one.
        IAlarmAction[] actions = props.Settings.AlarmTopicArn is { } external
            ? [new SnsAction(props.Topic), new SnsAction(Topic.FromTopicArn(this, "OnCallTopic", external))]
            : [new SnsAction(props.Topic)];
        var created = new List<Alarm>();

        void Add(string constructId, string name, string description, IMetric metric, AlarmThreshold threshold, TreatMissingData missing,
            bool needsContainerInsights)
        {
            var alarm = new Alarm(this, constructId, new AlarmProps
            {
                AlarmName = DerivedNames.AlarmPrefix(props.Cluster.Name) + name,
                AlarmDescription = description,
                Metric = metric,
                Threshold = threshold.Threshold,
                EvaluationPeriods = threshold.EvaluationPeriods,
                DatapointsToAlarm = threshold.EvaluationPeriods,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                TreatMissingData = missing,
            });
            alarm.AddAlarmAction(actions);
            alarm.AddOkAction(actions);
            if (needsContainerInsights && props.Addon is not null)
            {
                // Its metric appears only once the agent runs; created earlier, the alarm would judge an empty series.
                alarm.Node.AddDependency(props.Addon);
            }

            created.Add(alarm);
        }

        // A rate, not a count, so the threshold means the same on a quiet and a busy cluster.
        Add("ApiServer5xx", "apiserver-5xx-rate",
            $"Kubernetes API server: at least {alarms.ApiServer5xxPercent.Threshold} % of requests answered 5XX " +
            $"for {alarms.ApiServer5xxPercent.EvaluationPeriods} x 5 min",
            new MathExpression(new MathExpressionProps
            {
                Expression = "100 * errors / requests",
                UsingMetrics = new Dictionary<string, IMetric>
                {
                    ["errors"] = MetricCatalog.ApiServerRequests5xx.For(cluster, fiveMinutes),
                    ["requests"] = MetricCatalog.ApiServerRequests.For(cluster, fiveMinutes),
                },
                Label = "API server 5XX (% of requests)",
                Period = fiveMinutes,
            }),
            alarms.ApiServer5xxPercent,
            // A period without a 5XX point (no errors) or without requests has no rate; counted as not breaching it
            // reads as 0 %. A silent control plane is not this alarm's to report.
            TreatMissingData.NOT_BREACHING,
            needsContainerInsights: false);

        Add("PendingPods", "pending-pods",
            $"Scheduler: at least {alarms.PendingPods.Threshold} pod(s) pending for {alarms.PendingPods.EvaluationPeriods} x 1 min " +
            "(capacity, quotas or constraints)",
            MetricCatalog.SchedulerPendingPods.For(cluster, Duration.Minutes(1)),
            alarms.PendingPods,
            // A period without a point is a period without pending pods to report.
            TreatMissingData.NOT_BREACHING,
            needsContainerInsights: false);

        if (props.Settings.ContainerInsights)
        {
            Add("FailedNodes", "failed-nodes",
                $"Container Insights: at least {alarms.FailedNodes.Threshold} failed node(s) for {alarms.FailedNodes.EvaluationPeriods} x 5 min",
                MetricCatalog.FailedNodeCount.For(cluster, fiveMinutes, "Maximum"),
                alarms.FailedNodes,
                // The count comes from the CloudWatch agent: no data means no agent reports, so nobody watches the
                // nodes. Being blind is itself worth a page, and this is the alarm that says so.
                TreatMissingData.BREACHING,
                needsContainerInsights: true);

            // Under Auto Mode the node utilisation alarms are not created: Auto Mode consolidates under-used nodes and adds
            // nodes for pending pods (docs/auto-mode.md §4), so a high average is what it aims for, not a shortage; a
            // shortage shows as pending pods, whose alarm stays. Failed nodes still page.
            if (!props.AutoMode)
            {
                Add("NodeCpu", "node-cpu",
                    $"Container Insights: average node CPU at least {alarms.NodeCpuPercent.Threshold} % for {alarms.NodeCpuPercent.EvaluationPeriods} x 5 min",
                    MetricCatalog.NodeCpuUtilization.For(cluster, fiveMinutes, "Average"),
                    alarms.NodeCpuPercent,
                    // Missing data shows as INSUFFICIENT_DATA without a page: the failed-nodes alarm already pages on a
                    // silent agent, one page per cause.
                    TreatMissingData.MISSING,
                    needsContainerInsights: true);

                Add("NodeMemory", "node-memory",
                    $"Container Insights: average node memory at least {alarms.NodeMemoryPercent.Threshold} % " +
                    $"for {alarms.NodeMemoryPercent.EvaluationPeriods} x 5 min",
                    MetricCatalog.NodeMemoryUtilization.For(cluster, fiveMinutes, "Average"),
                    alarms.NodeMemoryPercent,
                    // As for CPU: the failed-nodes alarm owns the silent-agent case.
                    TreatMissingData.MISSING,
                    needsContainerInsights: true);
            }
        }

        All = created;
    }

    /// <summary>Every alarm, in a stable order.</summary>
    public IReadOnlyList<Alarm> All { get; }
}
