using Amazon.CDK;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Encryption;
using EksPlatform.Network;
using EksPlatform.Settings;

namespace EksPlatform;

/// <summary>
/// The whole platform for one environment. It composes the constructs and declares the outputs; the constructs
/// own the resources. Account-agnostic (no credentials needed), region-specific (zones and endpoints are real).
/// </summary>
public sealed class PlatformStack : Stack
{
    /// <summary>Builds the platform from validated settings.</summary>
    public PlatformStack(Construct scope, PlatformSettings settings) : base(scope, settings.StackName, new StackProps
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
            [LogGroupNames.ControlPlane(clusterName), LogGroupNames.FlowLogs(clusterName)],
            settings.Encryption.DeletionWindowDays,
            settings.Protection.RetainOnDelete));
        Network = new PlatformNetwork(this, "Network", new PlatformNetworkProps(
            settings.Network, settings.AvailabilityZones, clusterName, Keys.Logs, settings.Protection.RetainOnDelete));
        Cluster = new PlatformCluster(this, "Cluster", new PlatformClusterProps(
            settings.Cluster, Network.Vpc, Keys.Secrets, Keys.Logs, settings.Protection.RetainOnDelete));
        Addons = new CoreAddons(this, "Addons", new CoreAddonsProps(Cluster, settings.Cluster));

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
}
