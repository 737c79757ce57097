using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Cluster;

/// <summary>Inputs of <see cref="CoreAddons"/>.</summary>
/// <param name="Cluster">The cluster the add-ons run on.</param>
/// <param name="Settings">Pinned add-on versions, if any (only <see cref="ClusterSettings.AddonVersions"/> is read), keyed by the
/// names of <see cref="CoreAddons.BeforeNodes"/> and <see cref="CoreAddons.AfterNodes"/>.</param>
/// <param name="VpcCniRole">IRSA role of the VPC CNI's <c>aws-node</c> service account (it carries
/// <c>AmazonEKS_CNI_Policy</c>, so the node role does not); null leaves the add-on on the node role.</param>
/// <param name="EbsCsiDriverRole">IRSA role of the EBS CSI driver's controller; null: no <c>aws-ebs-csi-driver</c> add-on.</param>
/// <param name="EbsCsiDriverVersion">A pinned <c>aws-ebs-csi-driver</c> version; null: EKS's default.</param>
/// <param name="VpcCniPodIdentity">Whether <paramref name="VpcCniRole"/> is an EKS Pod Identity role, which the add-on gets
/// through its own association (<c>PodIdentityAssociations</c>) instead of <c>ServiceAccountRoleArn</c>.</param>
/// <param name="EbsCsiDriverPodIdentity">The same for <paramref name="EbsCsiDriverRole"/>.</param>
/// <param name="AutoMode">EKS Auto Mode runs vpc-cni, kube-proxy, CoreDNS, the pod identity agent and block storage itself: no add-on
/// is created (docs/auto-mode.md §4).</param>
public sealed record CoreAddonsProps(IEksCluster Cluster, ClusterSettings Settings, IRole? VpcCniRole = null, IRole? EbsCsiDriverRole = null,
    string? EbsCsiDriverVersion = null, bool VpcCniPodIdentity = false, bool EbsCsiDriverPodIdentity = false, bool AutoMode = false);

/// <summary>
/// The EKS managed add-ons of the cluster and their order around the nodes (the CloudWatch Observability add-on is
/// part of <see cref="Observability.PlatformObservability"/>, which orders it the same way). Versions are EKS's
/// default for the cluster's Kubernetes version unless settings pin one (nothing here can list versions offline, so
/// none is invented). Ordering (docs/eks-deploy-facts.md §8):
/// the DaemonSet add-ons before any node group, so every node starts with its CNI, kube-proxy and pod identity agent
/// and becomes Ready without depending on which CNI release tolerates a missing kube-proxy; CoreDNS, a Deployment,
/// after the node groups exist (its pods need nodes to schedule on, and EKS reports it degraded until they do), and so
/// does the EBS CSI driver, whose controller is a Deployment too. The stack wires that order.
/// </summary>
public sealed class CoreAddons : Construct
{
    /// <summary>Add-ons installed before the node groups.</summary>
    public static readonly IReadOnlyList<string> BeforeNodes = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"];

    /// <summary>Add-ons installed after the node groups.</summary>
    public static readonly IReadOnlyList<string> AfterNodes = ["coredns"];

    /// <summary>The EBS CSI driver add-on's name.</summary>
    public const string EbsCsiDriver = "aws-ebs-csi-driver";

    /// <summary>The EKS Pod Identity agent add-on's name.</summary>
    public const string PodIdentityAgent = "eks-pod-identity-agent";

    /// <summary>Creates the add-ons.</summary>
    public CoreAddons(Construct scope, string id, CoreAddonsProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        CheckVersions(props);
        if (props.AutoMode)
        {
            CheckAutoMode(props);
            Addons = new Dictionary<string, CfnAddon>();
            return;
        }

        var addons = BeforeNodes.Concat(AfterNodes).ToDictionary(name => name, name => Create(props, name, props.Settings.AddonVersions.GetValueOrDefault(name),
            name == "vpc-cni" ? props.VpcCniRole : null, name == "vpc-cni" && props.VpcCniPodIdentity ? ControllerCatalog.VpcCni.ServiceAccount : null));
        if (props.EbsCsiDriverRole is not null)
        {
            // No ConfigurationValues. The add-on's own default StorageClass option (defaultStorageClass.enabled) sets no
            // parameters, so it cannot ask for encryption or our key, and a `storageClasses` value could not be
            // verified in the add-on's configuration schema (only in the Helm chart's values). The encrypted gp3
            // default StorageClass is therefore a manifest the `controllers` command renders instead.
            addons[EbsCsiDriver] = Create(props, EbsCsiDriver, props.EbsCsiDriverVersion, props.EbsCsiDriverRole,
                props.EbsCsiDriverPodIdentity ? ControllerCatalog.EbsCsiDriver.ServiceAccount : null);
        }

        // An add-on whose role comes through EKS Pod Identity waits for the agent that hands the credentials to its pods.
        foreach (var addon in addons.Values.Where(a => a.PodIdentityAssociations is not null))
        {
            addon.AddDependency(addons[PodIdentityAgent]);
        }

        Addons = addons;
    }

    /// <summary>Every core add-on, by name.</summary>
    public IReadOnlyDictionary<string, CfnAddon> Addons { get; }

    /// <summary>The add-ons node groups must wait for.</summary>
    public IEnumerable<CfnAddon> NeededByNodes => BeforeNodes.Where(Addons.ContainsKey).Select(name => Addons[name]);

    /// <summary>The add-ons that must wait for node groups (their pods are Deployments).</summary>
    public IEnumerable<CfnAddon> NeedingNodes => AfterNodes.Append(EbsCsiDriver).Where(Addons.ContainsKey).Select(name => Addons[name]);

    /// <summary>Under Auto Mode nothing here is created, so a pin or an add-on role would be ignored without a word.</summary>
    private static void CheckAutoMode(CoreAddonsProps props)
    {
        if (props.Settings.AddonVersions.Count > 0)
        {
            throw new ArgumentException("EKS Auto Mode runs the core add-ons itself (docs/auto-mode.md §4); remove the pins",
                $"{nameof(props.Settings)}.{nameof(ClusterSettings.AddonVersions)}");
        }

        if (props.VpcCniRole is not null || props.EbsCsiDriverRole is not null)
        {
            throw new ArgumentException("EKS Auto Mode runs the VPC CNI and block storage itself; give no add-on role",
                props.VpcCniRole is not null ? nameof(props.VpcCniRole) : nameof(props.EbsCsiDriverRole));
        }
    }

    /// <summary>
    /// A pin under a name that is not a core add-on would be ignored without a word, and a version of another form fails
    /// only at deploy; the settings schema refuses both in a file, this does for props made in code.
    /// </summary>
    private static void CheckVersions(CoreAddonsProps props)
    {
        var prop = $"{nameof(props.Settings)}.{nameof(ClusterSettings.AddonVersions)}";
        foreach (var (name, version) in props.Settings.AddonVersions)
        {
            if (!BeforeNodes.Contains(name) && !AfterNodes.Contains(name))
            {
                throw new ArgumentException($"'{name}' is not a core add-on; pin one of {string.Join(", ", BeforeNodes.Concat(AfterNodes))} " +
                    $"(the {EbsCsiDriver} version is {nameof(props.EbsCsiDriverVersion)})", prop);
            }

            if (!EksAddonVersion.IsValid(version))
            {
                throw new ArgumentException($"{name}: '{version}' is not {EksAddonVersion.Rule}", prop);
            }
        }

        if (props.EbsCsiDriverVersion is { } ebs)
        {
            if (props.EbsCsiDriverRole is null)
            {
                throw new ArgumentException(
                    $"a version is given but no {EbsCsiDriver} add-on is created (it needs {nameof(props.EbsCsiDriverRole)}); " +
                    "give the role or remove the version",
                    nameof(props.EbsCsiDriverVersion));
            }

            if (!EksAddonVersion.IsValid(ebs))
            {
                throw new ArgumentException($"'{ebs}' is not {EksAddonVersion.Rule}", nameof(props.EbsCsiDriverVersion));
            }
        }
    }

    /// <summary>
    /// An add-on. With <paramref name="podIdentityAccount"/> its role comes through the add-on's own Pod Identity association,
    /// which the add-on creates and owns (EKS user guide add-ons-iam; docs/karpenter.md §9); otherwise through IRSA.
    /// </summary>
    private CfnAddon Create(CoreAddonsProps props, string name, string? version, IRole? role, ServiceAccountRef? podIdentityAccount = null) =>
        new(this, AddonId(name), new CfnAddonProps
        {
            ClusterName = props.Cluster.ClusterName,
            AddonName = name,
            AddonVersion = version,
            // OVERWRITE: the managed add-on owns its Kubernetes objects; edits made with kubectl are reset.
            ResolveConflicts = "OVERWRITE",
            ServiceAccountRoleArn = podIdentityAccount is null ? role?.RoleArn : null,
            PodIdentityAssociations = podIdentityAccount is null || role is null ? null : new object[]
            {
                new CfnAddon.PodIdentityAssociationProperty { ServiceAccount = podIdentityAccount.Name, RoleArn = role.RoleArn },
            },
        });

    /// <summary><c>vpc-cni</c> → <c>VpcCni</c>: stable construct IDs, never built from versions.</summary>
    internal static string AddonId(string name) => ConstructIds.Pascal(name);
}
