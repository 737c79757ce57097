using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Settings;

namespace EksPlatform.Observability;

/// <summary>Inputs of <see cref="PlatformObservability"/>.</summary>
/// <param name="Settings">The observability settings.</param>
/// <param name="Cluster">The cluster to watch; its name (from settings) names the dashboard, alarms and log groups.</param>
/// <param name="CoreAddons">The core add-ons; the Container Insights add-on waits for the pod identity agent.</param>
/// <param name="AlarmsKey">Encrypts the alarm topic; its key policy admits CloudWatch.</param>
/// <param name="LogsKey">Encrypts the Container Insights log groups.</param>
/// <param name="RetainOnDelete">Keep the log groups when the stack is deleted.</param>
/// <param name="AutoMode">EKS Auto Mode runs the nodes (and the pod identity agent): no node utilisation alarms (docs/auto-mode.md §4, §7).</param>
public sealed record PlatformObservabilityProps(
    ObservabilitySettings Settings, IEksCluster Cluster, CoreAddons CoreAddons, IKey AlarmsKey, IKey LogsKey, bool RetainOnDelete, bool AutoMode = false);

/// <summary>
/// Container Insights (the <c>amazon-cloudwatch-observability</c> add-on with a Pod Identity role), the alarms with
/// their KMS-encrypted SNS topic, and a CloudWatch dashboard of metrics that exist (<see cref="MetricCatalog"/>).
/// All native CloudFormation.
/// </summary>
public sealed class PlatformObservability : Construct
{
    /// <summary>Creates the observability resources.</summary>
    public PlatformObservability(Construct scope, string id, PlatformObservabilityProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;
        // The same rules the settings loader reports for observability.*, judged against the stack's region when it is known.
        var stackRegion = Amazon.CDK.Stack.Of(this).Region;
        var region = !Amazon.CDK.Token.IsUnresolved(stackRegion) && AwsRegions.All.TryGetValue(stackRegion, out var known) ? known : null;
        PropsCheck.ThrowIfAny(settings.Problems(region), nameof(props.Settings), $"observability of {props.Cluster.Name}", typeof(ObservabilitySettings));
        ContainerInsightsAddon? agent = settings.ContainerInsights
            ? new ContainerInsightsAddon(this, "ContainerInsights", new ContainerInsightsAddonProps(
                props.Cluster, props.CoreAddons.Addons.GetValueOrDefault("eks-pod-identity-agent"), settings, props.LogsKey, props.RetainOnDelete))
            : null;
        Addon = agent?.Resource;
        AgentRole = agent?.Role;

        AlarmTopic = new AlarmNotifications(this, "AlarmTopic", new AlarmNotificationsProps(props.Cluster.Name, props.AlarmsKey, settings.AlarmEmail)).Topic;
        Alarms = new ClusterAlarms(this, "Alarms", new ClusterAlarmsProps(settings, props.Cluster, AlarmTopic, Addon, props.AutoMode)).All;
        Dashboard = new ClusterDashboard(this, "Dashboard",
            new ClusterDashboardProps(props.Cluster, settings.ContainerInsights, Alarms, props.AutoMode)).Dashboard;
    }

    /// <summary>
    /// The <c>amazon-cloudwatch-observability</c> add-on, or <c>null</c> when Container Insights is off. Its DaemonSets
    /// and operator need nodes: make it depend on the node groups.
    /// </summary>
    public CfnAddon? Addon { get; }

    /// <summary>The CloudWatch agent's role (EKS Pod Identity), or <c>null</c> when Container Insights is off.</summary>
    public IRole? AgentRole { get; }

    /// <summary>The encrypted SNS topic every alarm notifies.</summary>
    public ITopic AlarmTopic { get; }

    /// <summary>The alarms.</summary>
    public IReadOnlyList<IAlarm> Alarms { get; }

    /// <summary>The cluster's dashboard.</summary>
    public Dashboard Dashboard { get; }
}
