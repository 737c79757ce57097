using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>
/// The controllers the platform ships. Adding one means writing its <see cref="Controller"/> class, listing it here and
/// giving it a switch in the settings schema; the roles, stack outputs, Helm values and install script follow
/// (docs/architecture.md §4). Chart versions: docs/versions.md §2; service accounts: docs/iam-policies.md.
/// </summary>
public static class ControllerCatalog
{
    /// <summary>The VPC CNI add-on's role.</summary>
    public static VpcCni VpcCni { get; } = new();

    /// <summary>The EBS CSI driver add-on's role.</summary>
    public static EbsCsiDriver EbsCsiDriver { get; } = new();

    /// <summary>AWS Load Balancer Controller.</summary>
    public static AwsLoadBalancerController AwsLoadBalancerController { get; } = new();

    /// <summary>cluster-autoscaler.</summary>
    public static ClusterAutoscaler ClusterAutoscaler { get; } = new();

    /// <summary>External Secrets Operator.</summary>
    public static ExternalSecrets ExternalSecrets { get; } = new();

    /// <summary>Karpenter, on instead of cluster-autoscaler when <c>autoscaling.mode</c> is <c>karpenter</c>.</summary>
    public static KarpenterController Karpenter { get; } = new();

    /// <summary>
    /// Every controller, in install order: the load balancer controller before the other charts, because its
    /// webhook intercepts the Services they create; Karpenter in the autoscaler's place.
    /// </summary>
    public static IReadOnlyList<Controller> All { get; } =
        [VpcCni, EbsCsiDriver, AwsLoadBalancerController, ClusterAutoscaler, Karpenter, ExternalSecrets];

    /// <summary>The controllers of <paramref name="controllers"/> (default: <see cref="All"/>) the settings turn on.</summary>
    public static IReadOnlyList<Controller> Enabled(ControllerSettings settings, IEnumerable<Controller>? controllers = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return (controllers ?? All).Where(c => c.IsEnabled(settings)).ToArray();
    }
}
