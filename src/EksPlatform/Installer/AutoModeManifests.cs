using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Installer;

/// <summary>
/// The platform's own Auto Mode objects, which belong to no chart: a <c>NodeClass</c> whose node volumes use the platform EBS
/// key, and a <c>NodePool</c> that launches from it (docs/auto-mode.md §5). Auto Mode installs their CRDs itself, so they are
/// applied before any chart. Values that exist only after deploy (the NodeClass role's name, the private subnets, the cluster
/// security group, the key) come from stack outputs, like the controllers' role ARNs.
/// </summary>
public static class AutoModeManifests
{
    /// <summary>File name of the NodeClass manifest.</summary>
    public const string NodeClassFileName = "auto-mode.nodeclass.yaml";

    /// <summary>File name of the NodePool manifest.</summary>
    public const string NodePoolFileName = "auto-mode.nodepool.yaml";

    /// <summary>Name of the platform NodeClass (never <c>default</c>, which is Auto Mode's own: docs/auto-mode.md §5).</summary>
    public const string NodeClassName = "platform-encrypted";

    /// <summary>Name of the platform NodePool.</summary>
    public const string NodePoolName = "platform";

    /// <summary>The StorageClass provisioner of Auto Mode block storage (docs/auto-mode.md §4, §6).</summary>
    public const string StorageProvisioner = "ebs.csi.eks.amazonaws.com";

    /// <summary>How long a node of the platform NodePool lives: 14 days, Auto Mode's default, under its 21-day cap (docs/auto-mode.md §4).</summary>
    public const string ExpireAfter = "336h";

    /// <summary>Both files, in the order they are applied (the NodePool names the NodeClass).</summary>
    public static IReadOnlyList<string> FileNames { get; } = [NodeClassFileName, NodePoolFileName];

    /// <summary>The stack output key of the <paramref name="index"/>-th private subnet (0-based), which the NodeClass selects.</summary>
    public static string SubnetOutputKey(int index) => $"PrivateSubnet{index + 1}Id";

    /// <summary>The NodeClass: the platform's node role, the private subnets, the cluster security group, node volumes with the EBS key.</summary>
    /// <param name="settings">The settings; their compute mode is Auto Mode.</param>
    /// <param name="output">A stack output by key, or a placeholder.</param>
    /// <param name="ebsKeyArn">The platform EBS key ARN (or its placeholder).</param>
    public static Dictionary<string, object> NodeClass(PlatformSettings settings, Func<string, string, string> output, string ebsKeyArn)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        return new()
        {
            ["apiVersion"] = "eks.amazonaws.com/v1",
            ["kind"] = "NodeClass",
            ["metadata"] = new Dictionary<string, object> { ["name"] = NodeClassName },
            ["spec"] = new Dictionary<string, object>
            {
                // The role's name, not its ARN (docs/auto-mode.md §5); its EC2 access entry is declared in the stack (§3).
                ["role"] = output(StackOutputKeys.AutoModeNodeRoleName, "NODE ROLE NAME"),
                ["subnetSelectorTerms"] = Enumerable.Range(0, settings.AvailabilityZoneIds.Length)
                    .Select(i => new Dictionary<string, object> { ["id"] = output(SubnetOutputKey(i), "PRIVATE SUBNET ID") }).ToArray(),
                // The cluster security group (eks-cluster-sg-*): the only group Auto Mode's managed policy may change for load
                // balancer traffic without extra permissions (docs/auto-mode.md §2).
                ["securityGroupSelectorTerms"] = new[]
                {
                    new Dictionary<string, object> { ["id"] = output(StackOutputKeys.ClusterSecurityGroupId, "CLUSTER SECURITY GROUP ID") },
                },
                // Node root and data volumes encrypted with the platform's key; the key policy grants the cluster role (§5).
                ["ephemeralStorage"] = new Dictionary<string, object>
                {
                    ["size"] = "80Gi",
                    ["iops"] = 3000,
                    ["throughput"] = 125,
                    ["kmsKeyID"] = ebsKeyArn,
                },
            },
        };
    }

    /// <summary>
    /// The NodePool: on-demand C, M and R instances of generation 5 or newer (as Auto Mode's own pools, docs/auto-mode.md §1),
    /// amd64, from the platform NodeClass, limited to <see cref="ComputeSettings.MaxVcpu"/>, nodes replaced after 14 days.
    /// Requirement labels: §5.
    /// </summary>
    public static Dictionary<string, object> NodePool(ComputeSettings compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        static Dictionary<string, object> Requirement(string key, string op, params string[] values) =>
            new() { ["key"] = key, ["operator"] = op, ["values"] = values };
        return new()
        {
            ["apiVersion"] = "karpenter.sh/v1",
            ["kind"] = "NodePool",
            ["metadata"] = new Dictionary<string, object> { ["name"] = NodePoolName },
            ["spec"] = new Dictionary<string, object>
            {
                ["template"] = new Dictionary<string, object>
                {
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["nodeClassRef"] = new Dictionary<string, object>
                        {
                            ["group"] = "eks.amazonaws.com",
                            ["kind"] = "NodeClass",
                            ["name"] = NodeClassName,
                        },
                        ["requirements"] = new[]
                        {
                            Requirement("karpenter.sh/capacity-type", "In", "on-demand"),
                            Requirement("eks.amazonaws.com/instance-category", "In", "c", "m", "r"),
                            Requirement("eks.amazonaws.com/instance-generation", "Gt", "4"),
                            Requirement("kubernetes.io/arch", "In", "amd64"),
                        },
                        ["expireAfter"] = ExpireAfter,
                    },
                },
                ["limits"] = new Dictionary<string, object> { ["cpu"] = compute.MaxVcpu.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["disruption"] = new Dictionary<string, object>
                {
                    ["consolidationPolicy"] = "WhenEmptyOrUnderutilized",
                    ["consolidateAfter"] = "1m",
                    ["budgets"] = new[] { new Dictionary<string, object> { ["nodes"] = "10%" } },
                },
            },
        };
    }
}
