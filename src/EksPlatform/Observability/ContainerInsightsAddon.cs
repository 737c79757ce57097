using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Compliance;
using EksPlatform.Settings;

namespace EksPlatform.Observability;

/// <summary>Inputs of <see cref="ContainerInsightsAddon"/>.</summary>
/// <param name="Cluster">The cluster: its reference for the add-on (which so waits for it), its name for the log groups.</param>
/// <param name="PodIdentityAgent">The eks-pod-identity-agent add-on, which hands the agent its credentials; null under EKS Auto Mode,
/// which runs the agent itself (docs/auto-mode.md §4).</param>
/// <param name="Settings">The observability settings.</param>
/// <param name="LogsKey">Encrypts the Container Insights log groups.</param>
/// <param name="RetainOnDelete">Keep the log groups when the stack is deleted.</param>
internal sealed record ContainerInsightsAddonProps(
    IEksCluster Cluster, CfnAddon? PodIdentityAgent, ObservabilitySettings Settings, IKey LogsKey, bool RetainOnDelete);

/// <summary>
/// The <c>amazon-cloudwatch-observability</c> EKS managed add-on (CloudWatch agent and Fluent Bit: Container Insights)
/// with its IAM role delivered through EKS Pod Identity, and the log groups it writes to, created first.
/// </summary>
internal sealed class ContainerInsightsAddon : Construct
{
    /// <summary>The add-on name EKS knows.</summary>
    public const string AddonName = "amazon-cloudwatch-observability";

    /// <summary>The agent's service account (namespace amazon-cloudwatch), the one the Pod Identity association names.</summary>
    public const string ServiceAccount = "cloudwatch-agent";

    /// <summary>The AWS managed policies of the agent's role (EKS user guide, add-ons list; docs/iam-policies.md §7).</summary>
    public static readonly IReadOnlyList<string> ManagedPolicyNames = ["CloudWatchAgentServerPolicy", "AWSXrayWriteOnlyAccess"];

    /// <summary>The taint of the system node group, which the agent's DaemonSet must tolerate to watch those nodes too.</summary>
    public const string SystemNodeTaint = "CriticalAddonsOnly=true:NoSchedule";

    public ContainerInsightsAddon(Construct scope, string id, ContainerInsightsAddonProps props) : base(scope, id)
    {
        var settings = props.Settings;
        LogGroups = ContainerInsightsLogGroups.Names(props.Cluster.Name, settings)
            .Select(name => EncryptedLogGroup.Create(this, LogGroupId(name), name, props.LogsKey, settings.LogRetentionDays, props.RetainOnDelete))
            .ToArray();

        // EKS Pod Identity: the role trusts the EKS Auth service, which tags the session with the cluster, namespace
        // and service account (docs/security-facts.md §2). Pod Identity rather than IRSA keeps this role independent of the
        // OIDC provider; the add-on supports it from v3.1.0 (docs/iam-policies.md §7).
        Role = new Role(this, "AgentRole", new RoleProps
        {
            Description = $"CloudWatch agent of {props.Cluster.Name} (amazon-cloudwatch-observability, EKS Pod Identity)",
            AssumedBy = new SessionTagsPrincipal(new ServicePrincipal("pods.eks.amazonaws.com")),
            // The two AWS managed policies the EKS user guide lists for this add-on (docs/iam-policies.md §7): the agent's
            // metrics and logs, and the X-Ray traces of Application Signals, which the add-on turns on by default.
            ManagedPolicies = [.. ManagedPolicyNames.Select(ManagedPolicy.FromAwsManagedPolicyName)],
        });
        NagSuppressions.AddManagedPolicies(Role,
            "CloudWatchAgentServerPolicy and AWSXrayWriteOnlyAccess are the AWS managed policies the EKS user guide lists " +
            "for the amazon-cloudwatch-observability add-on (metrics and logs; Application Signals traces, on by default); " +
            "AWS updates them with the agent's needs",
            [.. ManagedPolicyNames]);

        Resource = new CfnAddon(this, "Resource", new CfnAddonProps
        {
            ClusterName = props.Cluster.ClusterName,
            AddonName = AddonName,
            AddonVersion = settings.AddonVersion,
            // OVERWRITE: the managed add-on owns its Kubernetes objects; edits made with kubectl are reset.
            ResolveConflicts = "OVERWRITE",
            PodIdentityAssociations = new object[]
            {
                new CfnAddon.PodIdentityAssociationProperty { ServiceAccount = ServiceAccount, RoleArn = Role.RoleArn },
            },
            ConfigurationValues = ConfigurationValues(settings),
        });
        // The agent gets credentials only through the pod identity agent; the groups must exist before the agent or
        // Fluent Bit create them (without retention or key), which would also make their creation here fail.
        if (props.PodIdentityAgent is not null)
        {
            Resource.AddDependency(props.PodIdentityAgent);
        }
        foreach (var group in LogGroups)
        {
            Resource.Node.AddDependency(group);
        }
    }

    /// <summary>The add-on.</summary>
    public CfnAddon Resource { get; }

    /// <summary>The agent's role.</summary>
    public IRole Role { get; }

    /// <summary>The log groups the add-on writes to.</summary>
    public IReadOnlyList<ILogGroup> LogGroups { get; }

    /// <summary>
    /// The add-on's advanced configuration: only keys whose acceptance the CloudWatch user guide documents
    /// (install-CloudWatch-Observability-EKS-addon, "Additional configuration"; docs/eks-deploy-facts.md §9), and only
    /// where they change a default. That leaves <c>containerLogs.enabled: false</c> when container logs are off; the
    /// documented default toleration (<c>operator: Exists</c>, which already keeps the DaemonSets on the system nodes
    /// tainted <see cref="SystemNodeTaint"/>) is not restated. Null when nothing differs from the defaults.
    /// </summary>
    internal static string? ConfigurationValues(ObservabilitySettings settings) => settings.ContainerLogs
        ? null
        : new JsonObject { ["containerLogs"] = new JsonObject { ["enabled"] = false } }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary><c>/aws/containerinsights/c/performance</c> → <c>PerformanceLogs</c>: stable, independent of the cluster name.</summary>
    private static string LogGroupId(string name)
    {
        var kind = name[(name.LastIndexOf('/') + 1)..];
        return char.ToUpperInvariant(kind[0]) + kind[1..] + "Logs";
    }
}
