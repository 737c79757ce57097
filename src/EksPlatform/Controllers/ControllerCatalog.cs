using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>The controllers and managed add-ons that get an IRSA role.</summary>
public enum ControllerId
{
    /// <summary>Kubernetes cluster-autoscaler (Helm).</summary>
    ClusterAutoscaler,

    /// <summary>AWS Load Balancer Controller (Helm).</summary>
    AwsLoadBalancerController,

    /// <summary>External Secrets Operator (Helm).</summary>
    ExternalSecrets,

    /// <summary>The <c>aws-ebs-csi-driver</c> EKS managed add-on.</summary>
    EbsCsiDriver,

    /// <summary>The <c>vpc-cni</c> EKS managed add-on (always on: the node role does not carry the CNI policy).</summary>
    VpcCni,
}

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

/// <summary>One controller: its service account, the stack output that carries its role ARN, and its chart.</summary>
/// <param name="Id">Which controller.</param>
/// <param name="Name">Its usual name (file names, descriptions).</param>
/// <param name="ServiceAccount">The service account its pods run as; the IRSA trust policy names exactly this one.</param>
/// <param name="RoleOutputKey">The stack output key of its role ARN (the contract with the <c>addons</c> renderer).</param>
/// <param name="Chart">The Helm chart, or null for an EKS managed add-on.</param>
public sealed record ControllerSpec(ControllerId Id, string Name, ServiceAccountRef ServiceAccount, string RoleOutputKey, HelmChart? Chart);

/// <summary>
/// The one catalog of controllers, used both by the IRSA roles (trust policy <c>:sub</c>) and by the Helm values
/// renderer (service account name and namespace), so the two cannot drift apart. Chart versions and defaults:
/// docs/versions.md §2; add-on service accounts: docs/iam-policies.md §5-§7.
/// </summary>
public static class ControllerCatalog
{
    /// <summary>cluster-autoscaler, chart 9.59.0 (app 1.35.0). The chart names its service account after the release
    /// (<c>&lt;release&gt;-aws-cluster-autoscaler</c>), so the values set <c>rbac.serviceAccount.name</c> explicitly.</summary>
    public static ControllerSpec ClusterAutoscaler { get; } = new(
        ControllerId.ClusterAutoscaler,
        "cluster-autoscaler",
        new ServiceAccountRef("kube-system", "cluster-autoscaler"),
        "ClusterAutoscalerRoleArn",
        new HelmChart("autoscaler", "https://kubernetes.github.io/autoscaler", "cluster-autoscaler", "9.59.0", "cluster-autoscaler"));

    /// <summary>AWS Load Balancer Controller, chart 3.5.0 (app v3.5.0), in kube-system as its install guide does.</summary>
    public static ControllerSpec AwsLoadBalancerController { get; } = new(
        ControllerId.AwsLoadBalancerController,
        "aws-load-balancer-controller",
        new ServiceAccountRef("kube-system", "aws-load-balancer-controller"),
        "AwsLoadBalancerControllerRoleArn",
        new HelmChart("eks", "https://aws.github.io/eks-charts", "aws-load-balancer-controller", "3.5.0", "aws-load-balancer-controller"));

    /// <summary>External Secrets Operator, chart 2.9.0 (app v2.9.0), in its own namespace as its getting-started guide does.</summary>
    public static ControllerSpec ExternalSecrets { get; } = new(
        ControllerId.ExternalSecrets,
        "external-secrets",
        new ServiceAccountRef("external-secrets", "external-secrets"),
        "ExternalSecretsRoleArn",
        new HelmChart("external-secrets", "https://charts.external-secrets.io", "external-secrets", "2.9.0", "external-secrets"));

    /// <summary>The EBS CSI driver managed add-on; EKS creates its controller's service account with this name.</summary>
    public static ControllerSpec EbsCsiDriver { get; } = new(
        ControllerId.EbsCsiDriver,
        "aws-ebs-csi-driver",
        new ServiceAccountRef("kube-system", "ebs-csi-controller-sa"),
        "EbsCsiDriverRoleArn",
        null);

    /// <summary>The VPC CNI managed add-on; its daemon set runs as <c>aws-node</c>.</summary>
    public static ControllerSpec VpcCni { get; } = new(
        ControllerId.VpcCni,
        "vpc-cni",
        new ServiceAccountRef("kube-system", "aws-node"),
        "VpcCniRoleArn",
        null);

    /// <summary>
    /// Every controller, in install order: the load balancer controller before the other charts, because its
    /// webhook intercepts the Services they create.
    /// </summary>
    public static IReadOnlyList<ControllerSpec> All { get; } = [VpcCni, EbsCsiDriver, AwsLoadBalancerController, ClusterAutoscaler, ExternalSecrets];

    /// <summary>The controllers the settings turn on (the VPC CNI is always on).</summary>
    public static IReadOnlyList<ControllerSpec> Enabled(ControllerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return All.Where(c => c.Id switch
        {
            ControllerId.ClusterAutoscaler => settings.ClusterAutoscaler,
            ControllerId.AwsLoadBalancerController => settings.AwsLoadBalancerController,
            ControllerId.ExternalSecrets => settings.ExternalSecrets.Enabled,
            ControllerId.EbsCsiDriver => settings.EbsCsiDriver.Enabled,
            ControllerId.VpcCni => true,
            _ => throw Unhandled(c.Id, $"{nameof(ControllerCatalog)}.{nameof(Enabled)}"),
        }).ToArray();
    }

    /// <summary>
    /// The error of a per-controller switch that meets an id it has no case for. Every switch over
    /// <see cref="ControllerId"/> names each value and throws this otherwise, so a new controller fails loudly (and in
    /// the tests that run every controller) instead of falling into another controller's branch.
    /// </summary>
    /// <param name="id">The id without a case.</param>
    /// <param name="where">The switch, for the message.</param>
    public static ArgumentOutOfRangeException Unhandled(ControllerId id, string where) =>
        new(nameof(id), id, $"controller {id} has no case in {where}: add one there");
}
