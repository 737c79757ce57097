using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Settings;

namespace EksPlatform.Observability;

/// <summary>Inputs of <see cref="ClusterDashboard"/>.</summary>
/// <param name="Cluster">The cluster: its reference is the metrics' <c>ClusterName</c>, its name (from settings) names the dashboard.</param>
/// <param name="ContainerInsights">Whether node and pod metrics exist (the add-on runs).</param>
/// <param name="Alarms">The platform's alarms, shown in a status widget.</param>
/// <param name="AutoMode">EKS Auto Mode runs the nodes (docs/auto-mode.md §4).</param>
internal sealed record ClusterDashboardProps(IEksCluster Cluster, bool ContainerInsights, IReadOnlyList<IAlarm> Alarms, bool AutoMode = false);

/// <summary>
/// One native CloudWatch dashboard per cluster: alarm states, control-plane health from the free <c>AWS/EKS</c>
/// metrics, and, with Container Insights, node and pod health. Every metric comes from <see cref="MetricCatalog"/>.
/// </summary>
internal sealed class ClusterDashboard : Construct
{
    private const int FullWidth = 24;

    public ClusterDashboard(Construct scope, string id, ClusterDashboardProps props) : base(scope, id)
    {
        var c = props.Cluster.ClusterName;
        var minute = Duration.Minutes(1);
        Metric M(CatalogMetric metric, string label, string? statistic = null) => metric.For(c, minute, statistic, label);

        var rows = new List<IWidget[]>
        {
            new IWidget[]
            {
                new TextWidget(new TextWidgetProps
                {
                    Markdown = $"# {props.Cluster.Name}\nControl plane: `AWS/EKS` metrics (free, 1-minute). " +
                        (props.ContainerInsights
                            ? "Nodes and pods: Container Insights (`ContainerInsights`)."
                            : "Container Insights is off: no node or pod metrics.") +
                        (props.AutoMode ? "\nNodes: EKS Auto Mode (AWS-managed; node names are instance IDs)." : ""),
                    Width = 8,
                    Height = 4,
                }),
                new AlarmStatusWidget(new AlarmStatusWidgetProps
                {
                    Title = "Alarms",
                    Alarms = [.. props.Alarms],
                    Width = 16,
                    Height = 4,
                }),
            },
            Header("Control plane"),
            new IWidget[]
            {
                Graph("API server requests (per minute)",
                    [M(MetricCatalog.ApiServerRequests, "all")],
                    [
                        M(MetricCatalog.ApiServerRequests4xx, "4XX"), M(MetricCatalog.ApiServerRequests5xx, "5XX"),
                        M(MetricCatalog.ApiServerRequests429, "429 throttled"),
                    ], 8),
                Graph("API server request latency P99 (seconds)",
                    [
                        M(MetricCatalog.ApiServerGetLatencyP99, "GET"), M(MetricCatalog.ApiServerListLatencyP99, "LIST"),
                        M(MetricCatalog.ApiServerPostLatencyP99, "POST"), M(MetricCatalog.ApiServerPutLatencyP99, "PUT"),
                        M(MetricCatalog.ApiServerPatchLatencyP99, "PATCH"), M(MetricCatalog.ApiServerDeleteLatencyP99, "DELETE"),
                    ], [], 8),
                Graph("Scheduler pending pods",
                    [M(MetricCatalog.SchedulerPendingPods, "pending"), M(MetricCatalog.SchedulerUnschedulablePods, "unschedulable")], [], 8),
            },
            new IWidget[]
            {
                Graph("Admission webhook rejections (per minute)", [M(MetricCatalog.AdmissionWebhookRejections, "rejections")], [], 12),
                Graph("etcd storage size (bytes)", [M(MetricCatalog.StorageSize, "storage size")], [], 12),
            },
        };

        if (props.ContainerInsights)
        {
            rows.Add(Header("Nodes and pods (Container Insights)"));
            rows.Add(
            [
                Graph("Nodes",
                    [M(MetricCatalog.NodeCount, "nodes", "Minimum")],
                    [M(MetricCatalog.FailedNodeCount, "failed nodes", "Maximum")], 6),
                Graph("Node CPU and memory utilisation (%)",
                    [
                        M(MetricCatalog.NodeCpuUtilization, "CPU average"), M(MetricCatalog.NodeCpuUtilization, "CPU busiest node", "Maximum"),
                        M(MetricCatalog.NodeMemoryUtilization, "memory average"), M(MetricCatalog.NodeMemoryUtilization, "memory busiest node", "Maximum"),
                    ], [], 6, percent: true),
                Graph("Pod CPU and memory utilisation (%)",
                    [M(MetricCatalog.PodCpuUtilization, "CPU average"), M(MetricCatalog.PodMemoryUtilization, "memory average")], [], 6, percent: true),
                Graph("Container restarts (pod with most)", [M(MetricCatalog.ContainerRestarts, "restarts")], [], 6),
            ]);
        }

        Dashboard = new Dashboard(this, "Resource", new DashboardProps
        {
            DashboardName = DerivedNames.Dashboard(props.Cluster.Name),
            DefaultInterval = Duration.Hours(3),
            Widgets = [.. rows],
        });
    }

    /// <summary>The dashboard.</summary>
    public Dashboard Dashboard { get; }

    private static IWidget[] Header(string title) =>
        [new TextWidget(new TextWidgetProps { Markdown = $"## {title}", Width = FullWidth, Height = 1 })];

    private static GraphWidget Graph(string title, IMetric[] left, IMetric[] right, int width, bool percent = false) => new(new GraphWidgetProps
    {
        Title = title,
        Left = left,
        Right = right,
        Width = width,
        Height = 6,
        LeftYAxis = new YAxisProps { Min = 0, Max = percent ? 100 : null, ShowUnits = false },
    });
}
