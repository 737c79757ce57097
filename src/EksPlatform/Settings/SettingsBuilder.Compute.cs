using System.Collections.Immutable;
using System.Text.Json.Nodes;
using EksPlatform.Controllers;

namespace EksPlatform.Settings;

/// <summary>The compute rules: managed node groups or EKS Auto Mode, and what Auto Mode excludes (docs/auto-mode.md).</summary>
internal sealed partial class SettingsBuilder
{
    /// <summary>The core add-ons Auto Mode runs itself, so a pinned version of one is refused under it (docs/auto-mode.md §4).</summary>
    internal static readonly ImmutableArray<string> AddonsAutoModeRuns = ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent"];

    /// <summary>Reads <c>compute</c>. Runs before the node groups, whose defaults it must not mistake for groups the file gives.</summary>
    private ComputeSettings Compute()
    {
        var mode = Str("compute.mode") == "autoMode" ? ComputeMode.AutoMode : ComputeMode.ManagedNodeGroups;
        var pools = Strings("compute.autoMode.nodePools");
        var compute = new ComputeSettings
        {
            Mode = mode,
            NodePools = pools.IsDefault ? ComputeSettings.DefaultNodePools : pools,
            MaxVcpu = Int("compute.autoMode.maxVcpu") ?? 100,
        };
        foreach (var (field, message) in compute.Problems())
        {
            if (!invalid.Contains($"compute.{field}"))
            {
                Error($"compute.{field}", message);
            }
        }

        if (!compute.IsAutoMode)
        {
            if (Node("compute.autoMode") is not null)
            {
                Error("compute.autoMode", "given while compute.mode is managedNodeGroups; set compute.mode: autoMode or remove the block");
            }

            return compute;
        }

        const string why = "under compute.mode: autoMode";
        if (root["nodeGroups"] is not null)
        {
            Error("nodeGroups", $"managed node groups are not created {why}: Auto Mode launches the nodes (docs/auto-mode.md §4, §9); " +
                "remove nodeGroups, or keep compute.mode: managedNodeGroups");
        }

        // The autoscaler choice (cluster-autoscaler or Karpenter) applies to managed node groups only; Auto Mode scales its own
        // nodes and Karpenter must not be installed beside it (docs/auto-mode.md §4, §9).
        if (Str("autoscaling.mode") is "karpenter" or "clusterAutoscaler")
        {
            Error("autoscaling.mode", $"the autoscaler choice applies only to compute.mode: managedNodeGroups; Auto Mode scales its own nodes " +
                "and Karpenter must not be installed beside it (docs/auto-mode.md §4, §9); remove autoscaling.mode");
        }

        if (Bool("cluster.zonalShift") == true)
        {
            Error("cluster.zonalShift", $"EKS Auto Mode does not support zonal shift (docs/auto-mode.md §1); remove it {why}");
        }

        foreach (var addon in AddonsAutoModeRuns.Where(a => Node($"cluster.addons.{a}") is not null))
        {
            Error($"cluster.addons.{addon}", $"Auto Mode runs {addon} itself, so no add-on is installed to pin (docs/auto-mode.md §4); remove the pin");
        }

        foreach (var controller in ControllerCatalog.All.Where(c => c.ReplacedByAutoMode && c.SettingsKey is not null))
        {
            if (Bool($"controllers.{controller.SettingsKey}.enabled") == true)
            {
                Error($"controllers.{controller.SettingsKey}.enabled",
                    $"Auto Mode replaces {controller.Name} (docs/auto-mode.md §4), so the platform does not create it {why}; remove the switch");
            }
        }

        if (Node("controllers.ebsCsiDriver.addonVersion") is not null)
        {
            Error("controllers.ebsCsiDriver.addonVersion", $"Auto Mode runs block storage itself; no aws-ebs-csi-driver add-on is created {why}");
        }

        return compute;
    }
}
