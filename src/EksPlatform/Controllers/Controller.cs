using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Cluster;
using EksPlatform.Identity;
using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>A Kubernetes service account: what an IRSA role trusts or a Pod Identity association names, and what the Helm values create.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The service account name.</param>
public sealed record ServiceAccountRef(string Namespace, string Name)
{
    /// <summary>The token subject EKS issues for the account, the value of the trust policy's <c>:sub</c> condition.</summary>
    public string Subject => $"system:serviceaccount:{Namespace}:{Name}";
}

/// <summary>A pinned Helm chart, from a classic chart repository or an OCI registry.</summary>
/// <param name="RepositoryName">Local name for <c>helm repo add</c>; empty for an OCI chart, which needs no repository.</param>
/// <param name="RepositoryUrl">The chart repository (<c>https://…</c>), or the registry path of an OCI chart (<c>oci://…</c>).</param>
/// <param name="Name">The chart name in the repository.</param>
/// <param name="Version">The pinned chart version.</param>
/// <param name="ReleaseName">The Helm release name.</param>
public sealed record HelmChart(string RepositoryName, string RepositoryUrl, string Name, string Version, string ReleaseName)
{
    /// <summary>The scheme of charts in OCI registries, which Helm pulls without <c>helm repo add</c> (Helm 3.8 and later).</summary>
    public const string OciScheme = "oci://";

    /// <summary>A chart in an OCI registry, such as <c>oci://public.ecr.aws/karpenter</c> + <c>karpenter</c>.</summary>
    public static HelmChart Oci(string registryPath, string name, string version, string releaseName)
    {
        ArgumentNullException.ThrowIfNull(registryPath);
        if (!registryPath.StartsWith(OciScheme, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{registryPath}' is not an OCI registry path ({OciScheme}…)", nameof(registryPath));
        }

        return new HelmChart("", registryPath.TrimEnd('/'), name, version, releaseName);
    }

    /// <summary>Whether the chart comes from an OCI registry (no <c>helm repo add</c>/<c>update</c>).</summary>
    public bool IsOci => RepositoryUrl.StartsWith(OciScheme, StringComparison.Ordinal);

    /// <summary><c>repo/chart</c>, or <c>oci://registry/path/chart</c>, as <c>helm upgrade --install</c> and <c>helm pull</c> take it.</summary>
    public string Reference => IsOci ? $"{RepositoryUrl}/{Name}" : $"{RepositoryName}/{Name}";
}

/// <summary>A Kubernetes object a controller needs once its chart is installed (for example a default node pool).</summary>
/// <param name="Name">Short name, unique within the controller; the file is <c>{controller}.{Name}.yaml</c>.</param>
/// <param name="Description">One line for the file's header comment.</param>
/// <param name="Document">The object, serialized as YAML.</param>
public sealed record KubernetesManifest(string Name, string Description, object Document);

/// <summary>What the Karpenter controller's role refers to: the role its nodes get, and the queue it reads.</summary>
/// <param name="NodeRole">The role Karpenter passes to the instances it launches.</param>
/// <param name="InterruptionQueueArn">The interruption queue's ARN.</param>
public sealed record KarpenterResources(IRole NodeRole, string InterruptionQueueArn);

/// <summary>What a controller's role is built from.</summary>
/// <param name="Stack">The stack (ARNs are formatted in its partition, region and account).</param>
/// <param name="Cluster">The cluster.</param>
/// <param name="Vpc">The cluster's VPC.</param>
/// <param name="EbsKey">The key of EBS volumes.</param>
/// <param name="Settings">The controllers' settings.</param>
/// <param name="Karpenter">Karpenter's node role and queue, when Karpenter is on; null otherwise.</param>
public sealed record ControllerContext(Stack Stack, IEksCluster Cluster, IVpc Vpc, IKey EbsKey, ControllerSettings Settings,
    KarpenterResources? Karpenter = null);

/// <summary>What a chart's Helm values are rendered from, after deploy.</summary>
/// <param name="Settings">The platform settings.</param>
/// <param name="RoleArn">The controller's IRSA role ARN (or a placeholder before deploy); null when it uses EKS Pod Identity,
/// whose association, not an annotation, gives the service account its role.</param>
/// <param name="Output">A stack output by key, with what it is for the placeholder when it is not known yet.</param>
public sealed record ChartValuesContext(PlatformSettings Settings, string? RoleArn, Func<string, string, string> Output);

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

    /// <summary>The service account its pods run as; the IRSA trust policy or the Pod Identity association names exactly this one.</summary>
    public abstract ServiceAccountRef ServiceAccount { get; }

    /// <summary>The stack output key of its role ARN (the contract with the <c>controllers</c> renderer).</summary>
    public string RoleOutputKey => $"{ConstructId}RoleArn";

    /// <summary>The Helm chart, or null for an EKS managed add-on.</summary>
    public virtual HelmChart? Chart => null;

    /// <summary>Whether it is an EKS managed add-on of the stack (no chart): under EKS Pod Identity the add-on owns its association.</summary>
    public bool IsManagedAddon => Chart is null;

    /// <summary>AWS managed policies of its role, by name.</summary>
    public virtual IReadOnlyList<string> ManagedPolicyNames => [];

    /// <summary>
    /// Its block under <c>controllers</c> in the settings (e.g. <c>clusterAutoscaler</c>), whose <c>enabled</c> turns it
    /// off; null for a controller that is always on.
    /// </summary>
    public virtual string? SettingsKey => null;

    /// <summary>Whether EKS Auto Mode runs what it does, so the platform does not create it under Auto Mode (docs/auto-mode.md §4).</summary>
    public virtual bool ReplacedByAutoMode => false;

    /// <summary>Whether the settings turn it on (by default: its block's <c>enabled</c>, on when absent; off under Auto Mode if
    /// <see cref="ReplacedByAutoMode"/>).</summary>
    public virtual bool IsEnabled(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return !(settings.AutoMode && ReplacedByAutoMode) && (SettingsKey is null || settings.IsOn(SettingsKey));
    }

    /// <summary>Its block under <c>controllers</c> whose <c>identity</c> chooses IRSA or EKS Pod Identity; by default <see cref="SettingsKey"/>.</summary>
    public virtual string? IdentityKey => SettingsKey;

    /// <summary>Its identity when neither its block nor <c>controllers.identity</c> names one.</summary>
    public virtual ControllerIdentity DefaultIdentity => ControllerIdentity.Irsa;

    /// <summary>How its pods get credentials under <paramref name="settings"/> (docs/karpenter.md §9).</summary>
    public ControllerIdentity IdentityIn(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.IdentityOf(IdentityKey, DefaultIdentity);
    }

    /// <summary>The description of its role (shown in IAM).</summary>
    public abstract string RoleDescription(ControllerContext context);

    /// <summary>Its role's own permissions (a customer managed policy of the role); empty for none.</summary>
    public virtual IReadOnlyList<PolicyStatement> Statements(ControllerContext context) => [];

    /// <summary>
    /// Further permissions of its role, one customer managed policy per list, when <see cref="Statements"/> alone would pass
    /// IAM's size limit of a managed policy (docs/security-facts.md §7); none by default.
    /// </summary>
    public virtual IReadOnlyList<IReadOnlyList<PolicyStatement>> AdditionalPolicies(ControllerContext context) => [];

    /// <summary>cdk-nag suppressions of its role, each naming the exact finding and why it is accepted.</summary>
    public virtual void Suppress(IControllerRole role, ControllerContext context)
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

    /// <summary>
    /// The service account block of Helm values: created, named as the trust policy or association expects, and annotated
    /// with the role for IRSA (<paramref name="roleArn"/>); without a role ARN (EKS Pod Identity) no annotation.
    /// </summary>
    protected Dictionary<string, object> ServiceAccountValues(string? roleArn) => new()
    {
        ["create"] = true,
        ["name"] = ServiceAccount.Name,
        ["annotations"] = roleArn is null ? new Dictionary<string, object>() : new Dictionary<string, object> { [RoleArnAnnotation] = roleArn },
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
