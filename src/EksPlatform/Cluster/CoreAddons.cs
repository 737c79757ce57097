using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EksPlatform.Settings;

namespace EksPlatform.Cluster;

/// <summary>Inputs of <see cref="CoreAddons"/>.</summary>
/// <param name="Cluster">The cluster the add-ons run on.</param>
/// <param name="Settings">Pinned add-on versions, if any.</param>
/// <param name="VpcCniRole">IRSA role of the VPC CNI's <c>aws-node</c> service account (it carries
/// <c>AmazonEKS_CNI_Policy</c>, so the node role does not); null leaves the add-on on the node role.</param>
public sealed record CoreAddonsProps(IEksCluster Cluster, ClusterSettings Settings, IRole? VpcCniRole = null);

/// <summary>
/// The core EKS managed add-ons. Versions are EKS's default for the cluster's Kubernetes version unless settings
/// pin one (nothing here can list versions offline, so none is invented). Ordering (docs/eks-deploy-facts.md §8):
/// the DaemonSet add-ons before any node group, so every node starts with its CNI, kube-proxy and pod identity agent
/// and becomes Ready without depending on which CNI release tolerates a missing kube-proxy; CoreDNS, a Deployment,
/// after the node groups exist (its pods need nodes to schedule on, and EKS reports it degraded until they do).
/// The stack wires that order.
/// </summary>
public sealed class CoreAddons : Construct
{
    /// <summary>Add-ons installed before the node groups.</summary>
    public static readonly IReadOnlyList<string> BeforeNodes = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"];

    /// <summary>Add-ons installed after the node groups.</summary>
    public static readonly IReadOnlyList<string> AfterNodes = ["coredns"];

    /// <summary>Creates the add-ons.</summary>
    public CoreAddons(Construct scope, string id, CoreAddonsProps props) : base(scope, id)
    {
        Addons = BeforeNodes.Concat(AfterNodes).ToDictionary(name => name, name => Create(props, name));
    }

    /// <summary>Every core add-on, by name.</summary>
    public IReadOnlyDictionary<string, CfnAddon> Addons { get; }

    /// <summary>The add-ons node groups must wait for.</summary>
    public IEnumerable<CfnAddon> NeededByNodes => BeforeNodes.Select(name => Addons[name]);

    /// <summary>The add-ons that must wait for node groups.</summary>
    public IEnumerable<CfnAddon> NeedingNodes => AfterNodes.Select(name => Addons[name]);

    private CfnAddon Create(CoreAddonsProps props, string name) => new(this, AddonId(name), new CfnAddonProps
    {
        ClusterName = props.Cluster.ClusterName,
        AddonName = name,
        AddonVersion = props.Settings.AddonVersions.GetValueOrDefault(name),
        // OVERWRITE: the managed add-on owns its Kubernetes objects; edits made with kubectl are reset.
        ResolveConflicts = "OVERWRITE",
        ServiceAccountRoleArn = name == "vpc-cni" ? props.VpcCniRole?.RoleArn : null,
    });

    /// <summary><c>vpc-cni</c> → <c>VpcCni</c>: stable construct IDs, never built from versions.</summary>
    internal static string AddonId(string name) => ConstructIds.Pascal(name);
}
