using Amazon.CDK;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Controllers;
using EksPlatform.Encryption;
using EksPlatform.Identity;
using EksPlatform.Installer;
using EksPlatform.Karpenter;
using EksPlatform.Network;
using EksPlatform.Nodes;
using EksPlatform.Observability;
using EksPlatform.Settings;

namespace EksPlatform;

/// <summary>
/// The whole platform for one environment. It composes the constructs and declares the outputs; the constructs
/// own the resources. Account-agnostic (no credentials needed), region-specific (zones and endpoints are real).
/// </summary>
public sealed class PlatformStack : Stack
{
    /// <summary>Builds the platform from validated settings.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="settings">The validated settings.</param>
    /// <param name="controllers">The controllers to consider (their settings decide which are on); null: the catalog's.</param>
    public PlatformStack(Construct scope, PlatformSettings settings, IReadOnlyList<Controller>? controllers = null)
        : base(scope, settings.StackName, new StackProps
        {
            Env = new Amazon.CDK.Environment { Region = settings.Region.Name },
            Description = $"EksPlatform {settings.Environment}: EKS cluster {settings.Cluster.Name} and its network, keys and nodes",
            TerminationProtection = settings.Protection.TerminationProtection,
        })
    {
        Amazon.CDK.Tags.Of(this).Add("Environment", settings.Environment);
        Amazon.CDK.Tags.Of(this).Add("ManagedBy", "EksPlatform");
        foreach (var (key, value) in settings.Tags)
        {
            Amazon.CDK.Tags.Of(this).Add(key, value);
        }

        var clusterName = settings.Cluster.Name;
        Keys = new PlatformKeys(this, "Keys", new PlatformKeysProps(
            clusterName,
            [
                LogGroupNames.ControlPlane(clusterName), LogGroupNames.FlowLogs(clusterName),
                .. ContainerInsightsLogGroups.Names(clusterName, settings.Observability),
                .. settings.Installer.Enabled ? [LogGroupNames.Installer(DerivedNames.InstallerProject(clusterName))] : Array.Empty<string>(),
            ],
            settings.Encryption.DeletionWindowDays,
            settings.Protection.RetainOnDelete,
            EventBridgePublishesAlarms: settings.Installer.Enabled));
        Network = new PlatformNetwork(this, "Network", new PlatformNetworkProps(
            settings.Network, settings.AvailabilityZoneIds, clusterName, Keys.Logs, settings.Protection.RetainOnDelete));
        var enabled = ControllerCatalog.Enabled(settings.Controllers, controllers);
        Cluster = new PlatformCluster(this, "Cluster", new PlatformClusterProps(
            settings.Cluster, Network.Vpc, Keys.Secrets, Keys.Logs, settings.Protection.RetainOnDelete, settings.Network.VpcCidr,
            settings.Protection.ClusterDeletionProtection,
            // The IAM OIDC provider serves IRSA only (docs/karpenter.md §9): without a controller on IRSA, only when asked for.
            OidcProvider: settings.Cluster.OidcProvider ?? enabled.Any(c => c.IdentityIn(settings.Controllers) == ControllerIdentity.Irsa),
            Compute: settings.Compute));
        Karpenter = settings.Controllers.NodeAutoscaler == NodeAutoscaler.Karpenter
            ? new PlatformKarpenter(this, "Karpenter", new PlatformKarpenterProps(Cluster, Network.Vpc, settings.Karpenter))
            : null;
        Controllers = new ControllerRoles(this, "Controllers", new ControllerRolesProps(
            Cluster, settings.Controllers, Network.Vpc, Keys.Ebs, controllers, Karpenter?.Resources));
        var vpcCni = Controllers.RoleOf(ControllerCatalog.VpcCni);
        var ebsCsiDriver = Controllers.RoleOf(ControllerCatalog.EbsCsiDriver);
        Addons = new CoreAddons(this, "Addons", new CoreAddonsProps(Cluster, settings.Cluster, vpcCni?.Role, ebsCsiDriver?.Role,
            settings.Controllers.EbsCsiDriver.AddonVersion, vpcCni?.Identity == ControllerIdentity.PodIdentity,
            ebsCsiDriver?.Identity == ControllerIdentity.PodIdentity, AutoMode: settings.Compute.IsAutoMode));
        Observability = new PlatformObservability(this, "Observability", new PlatformObservabilityProps(
            settings.Observability, Cluster, Addons, Keys.Alarms, Keys.Logs, settings.Protection.RetainOnDelete, settings.Compute.IsAutoMode));
        if (settings.Compute.IsAutoMode)
        {
            // Auto Mode launches the nodes: no node groups or launch templates (docs/auto-mode.md §4).
            AutoModeNodes = new AutoModeNodes(this, "AutoModeNodes", new AutoModeNodesProps(Cluster, settings.Compute, Keys.Ebs, Cluster.Role));
        }
        else
        {
            Nodes = new PlatformNodes(this, "Nodes", new PlatformNodesProps(
                settings.NodeGroups, Cluster, settings.Cluster.KubernetesVersion.Version, Network.Vpc, Keys.Ebs, InstanceTags(settings)));
            // Add-ons that run Deployments (CoreDNS, the EBS CSI controller, the CloudWatch agent's operator) need nodes.
            OrderAddonsAroundNodes(Nodes, [.. Addons.NeedingNodes, .. new[] { Observability.Addon }.OfType<CfnResource>()]);
            // Karpenter's nodes get the node security group beside the cluster's (docs/karpenter.md §5).
            Karpenter?.TagForDiscovery(Nodes.SecurityGroup);
        }
        if (settings.Installer.Enabled)
        {
            Installer = new ControllerInstaller(this, "Installer", new ControllerInstallerProps(
                settings, Cluster, Network.Vpc, PlatformOutputs.ControllerValues(this), Keys.Logs, Observability.AlarmTopic,
                settings.Protection.RetainOnDelete, controllers));
        }

        PlatformOutputs.Declare(this, settings);
    }

    /// <summary>The platform's KMS keys.</summary>
    public PlatformKeys Keys { get; }

    /// <summary>The VPC and endpoints.</summary>
    public PlatformNetwork Network { get; }

    /// <summary>The EKS control plane.</summary>
    public PlatformCluster Cluster { get; }

    /// <summary>The core managed add-ons.</summary>
    public CoreAddons Addons { get; }

    /// <summary>Container Insights, the dashboard, the alarms and their topic.</summary>
    public PlatformObservability Observability { get; }

    /// <summary>The controllers' roles (IRSA or EKS Pod Identity).</summary>
    public ControllerRoles Controllers { get; }

    /// <summary>Karpenter's node role, access entry, interruption queue and rules; null unless <c>autoscaling.mode</c> is karpenter.</summary>
    public PlatformKarpenter? Karpenter { get; }

    /// <summary>The node groups; null under EKS Auto Mode.</summary>
    public PlatformNodes? Nodes { get; }

    /// <summary>Under EKS Auto Mode, the platform NodeClass's role, access entry and key grants; otherwise null.</summary>
    public AutoModeNodes? AutoModeNodes { get; }

    /// <summary>The in-VPC installer of the controllers; null when <c>installer.enabled</c> is false.</summary>
    public ControllerInstaller? Installer { get; }

    /// <summary>
    /// Node groups wait for the CNI and the pod identity agent (nodes need a CNI to become Ready); add-ons whose
    /// pods need nodes wait for every node group (terraform-aws-eks does the same; docs/eks-deploy-facts.md §8).
    /// </summary>
    private void OrderAddonsAroundNodes(PlatformNodes nodes, IReadOnlyList<CfnResource> needingNodes)
    {
        foreach (var group in nodes.Groups.Values)
        {
            foreach (var addon in Addons.NeededByNodes)
            {
                group.Resource.AddDependency(addon);
            }

            foreach (var addon in needingNodes)
            {
                addon.AddDependency(group.Resource);
            }
        }
    }

    /// <summary>Tags the launch templates put on instances and volumes (stack tags do not reach them).</summary>
    private static Dictionary<string, string> InstanceTags(PlatformSettings settings) =>
        new(settings.Tags) { ["Environment"] = settings.Environment, ["ManagedBy"] = "EksPlatform" };
}
