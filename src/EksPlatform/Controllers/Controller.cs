using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Cluster;
using EksPlatform.Identity;
using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>A Kubernetes service account: what an IRSA role trusts and what the Helm values create.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The service account name.</param>
public sealed record ServiceAccountRef(string Namespace, string Name)
{
    /// <summary>The token subject EKS issues for the account, the value of the trust policy's <c>:sub</c> condition.</summary>
    public string Subject => $"system:serviceaccount:{Namespace}:{Name}";
}

/// <summary>A pinned Helm chart.</summary>
/// <param name="RepositoryName">Local name for <c>helm repo add</c>.</param>
/// <param name="RepositoryUrl">The chart repository.</param>
/// <param name="Name">The chart name in the repository.</param>
/// <param name="Version">The pinned chart version.</param>
/// <param name="ReleaseName">The Helm release name.</param>
public sealed record HelmChart(string RepositoryName, string RepositoryUrl, string Name, string Version, string ReleaseName)
{
    /// <summary><c>repo/chart</c>, as <c>helm upgrade --install</c> takes it.</summary>
    public string Reference => $"{RepositoryName}/{Name}";
}

/// <summary>A Kubernetes object a controller needs once its chart is installed (for example a default node pool).</summary>
/// <param name="Name">Short name, unique within the controller; the file is <c>{controller}.{Name}.yaml</c>.</param>
/// <param name="Description">One line for the file's header comment.</param>
/// <param name="Document">The object, serialized as YAML.</param>
public sealed record KubernetesManifest(string Name, string Description, object Document);

/// <summary>What a controller's role is built from.</summary>
/// <param name="Stack">The stack (ARNs are formatted in its partition, region and account).</param>
/// <param name="Cluster">The cluster.</param>
/// <param name="Vpc">The cluster's VPC.</param>
/// <param name="EbsKey">The key of EBS volumes.</param>
/// <param name="Settings">The controllers' settings.</param>
public sealed record ControllerContext(Stack Stack, IEksCluster Cluster, IVpc Vpc, IKey EbsKey, ControllerSettings Settings);

/// <summary>What a chart's Helm values are rendered from, after deploy.</summary>
/// <param name="Settings">The platform settings.</param>
/// <param name="RoleArn">The controller's role ARN (or a placeholder before deploy).</param>
/// <param name="Output">A stack output by key, with what it is for the placeholder when it is not known yet.</param>
public sealed record ChartValuesContext(PlatformSettings Settings, string RoleArn, Func<string, string, string> Output);

/// <summary>
/// One controller, in one place: its service account, its IAM role's permissions and their cdk-nag suppressions, and,
/// when Helm installs it, its pinned chart, values and install note. The catalog (<see cref="ControllerCatalog"/>)
/// lists the controllers; the roles, stack outputs, Helm values and install script are all built from it.
/// </summary>
public abstract class Controller
{
    /// <summary>The IRSA annotation on a service account (EKS pod identity webhook).</summary>
    public const string RoleArnAnnotation = "eks.amazonaws.com/role-arn";

    /// <summary>Its usual name (file names, descriptions), e.g. <c>cluster-autoscaler</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The construct id of its role (part of the role's logical id: never change it for a shipped controller).</summary>
    public abstract string ConstructId { get; }

    /// <summary>The service account its pods run as; the IRSA trust policy names exactly this one.</summary>
    public abstract ServiceAccountRef ServiceAccount { get; }

    /// <summary>The stack output key of its role ARN (the contract with the <c>controllers</c> renderer).</summary>
    public string RoleOutputKey => $"{ConstructId}RoleArn";

    /// <summary>The Helm chart, or null for an EKS managed add-on.</summary>
    public virtual HelmChart? Chart => null;

    /// <summary>AWS managed policies of its role, by name.</summary>
    public virtual IReadOnlyList<string> ManagedPolicyNames => [];

    /// <summary>
    /// Its block under <c>controllers</c> in the settings (e.g. <c>clusterAutoscaler</c>), whose <c>enabled</c> turns it
    /// off; null for a controller that is always on.
    /// </summary>
    public virtual string? SettingsKey => null;

    /// <summary>Whether the settings turn it on (by default: its block's <c>enabled</c>, on when absent).</summary>
    public virtual bool IsEnabled(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return SettingsKey is null || settings.IsOn(SettingsKey);
    }

    /// <summary>The description of its role (shown in IAM).</summary>
    public abstract string RoleDescription(ControllerContext context);

    /// <summary>Its role's own permissions (a customer managed policy of the role); empty for none.</summary>
    public virtual IReadOnlyList<PolicyStatement> Statements(ControllerContext context) => [];

    /// <summary>cdk-nag suppressions of its role, each naming the exact finding and why it is accepted.</summary>
    public virtual void Suppress(IrsaRole role, ControllerContext context)
    {
    }

    /// <summary>Its Helm values; only called when <see cref="Chart"/> is set.</summary>
    public virtual IReadOnlyDictionary<string, object> ChartValues(ChartValuesContext context) =>
        throw new InvalidOperationException($"{Name} is an EKS managed add-on of the stack, not a Helm chart");

    /// <summary>Objects applied with <c>kubectl apply</c> after its chart (which installs their CRDs); none by default.</summary>
    public virtual IReadOnlyList<KubernetesManifest> Manifests(ChartValuesContext context) => [];

    /// <summary>What the install script runs before its <c>helm upgrade --install</c>: a comment, and any commands the
    /// chart needs first (each safe to run again).</summary>
    public virtual string InstallNote(PlatformSettings settings) => $"# {Name}\n";

    /// <summary>The service account block of Helm values: created, named as the trust policy expects, annotated with the role.</summary>
    protected Dictionary<string, object> ServiceAccountValues(string roleArn) => new()
    {
        ["create"] = true,
        ["name"] = ServiceAccount.Name,
        ["annotations"] = new Dictionary<string, object> { [RoleArnAnnotation] = roleArn },
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
