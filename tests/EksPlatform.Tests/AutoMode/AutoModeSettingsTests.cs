using EksPlatform.Controllers;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.AutoMode;

/// <summary><c>compute.mode: autoMode</c>: its defaults, and every combination Auto Mode rules out, refused at its field path.</summary>
public sealed class AutoModeSettingsTests
{
    private const string Auto = TestSettings.Minimal + "\ncompute:\n  mode: autoMode\n";

    [Fact]
    public void Managed_node_groups_stay_the_default()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal);

        Assert.Equal(ComputeMode.ManagedNodeGroups, settings.Compute.Mode);
        Assert.NotEmpty(settings.NodeGroups);
        Assert.Contains(ControllerCatalog.ClusterAutoscaler, ControllerCatalog.Enabled(settings.Controllers));
    }

    [Fact]
    public void Auto_mode_has_no_node_groups_and_only_the_controllers_it_does_not_replace()
    {
        var settings = TestSettings.Yaml(Auto);

        Assert.True(settings.Compute.IsAutoMode);
        Assert.Equal(new[] { "system" }, settings.Compute.NodePools.ToArray());
        Assert.Equal(100, settings.Compute.MaxVcpu);
        Assert.Empty(settings.NodeGroups);
        Assert.Equal([ControllerCatalog.ExternalSecrets], ControllerCatalog.Enabled(settings.Controllers));
    }

    [Theory]
    [InlineData("[]", new string[0])]
    [InlineData("[general-purpose]", new[] { "general-purpose" })]
    [InlineData("[general-purpose, system]", new[] { "general-purpose", "system" })]
    public void Built_in_node_pools_are_chosen_in_the_settings(string pools, string[] expected)
    {
        var settings = TestSettings.Yaml(Auto + $"  autoMode:\n    nodePools: {pools}\n");

        Assert.Equal(expected, settings.Compute.NodePools);
        Assert.Equal(expected.Length > 0, settings.Compute.HasBuiltInNodePools);
    }

    public static TheoryData<string, string, string> Cases => new()
    {
        // yaml, expected path, expected fragment of the message
        { TestSettings.Minimal + "\ncompute:\n  mode: fargate\n", "compute.mode", "allowed values: managedNodeGroups | autoMode" },
        { Auto + "  autoMode:\n    nodePools: [General-Purpose]\n", "compute.autoMode.nodePools[0]", "allowed values: general-purpose | system" },
        { Auto + "  autoMode:\n    nodePools: [system, system]\n", "compute.autoMode.nodePools", "unique" },
        { Auto + "  autoMode:\n    maxVcpu: 1\n", "compute.autoMode.maxVcpu", "out of range" },
        { TestSettings.Minimal + "\ncompute:\n  autoMode:\n    nodePools: [system]\n", "compute.autoMode", "given while compute.mode is managedNodeGroups" },
        { Auto + "nodeGroups:\n  - name: apps\n    instanceTypes: [m7i.large]\n", "nodeGroups", "not created under compute.mode: autoMode" },
        { Auto.Replace("  name: test-cluster\n", "  name: test-cluster\n  zonalShift: true\n", StringComparison.Ordinal),
            "cluster.zonalShift", "does not support zonal shift" },
        { Auto.Replace("  name: test-cluster\n", "  name: test-cluster\n  addons:\n    coredns: v1.11.4-eksbuild.2\n", StringComparison.Ordinal),
            "cluster.addons.coredns", "Auto Mode runs coredns itself" },
        { Auto + "controllers:\n  clusterAutoscaler: { enabled: true }\n", "controllers.clusterAutoscaler.enabled", "Auto Mode replaces cluster-autoscaler" },
        { Auto + "controllers:\n  awsLoadBalancerController: { enabled: true }\n", "controllers.awsLoadBalancerController.enabled",
            "Auto Mode replaces aws-load-balancer-controller" },
        { Auto + "controllers:\n  ebsCsiDriver: { enabled: true }\n", "controllers.ebsCsiDriver.enabled", "Auto Mode replaces aws-ebs-csi-driver" },
        { Auto + "controllers:\n  ebsCsiDriver: { addonVersion: v1.37.0-eksbuild.1 }\n", "controllers.ebsCsiDriver.addonVersion",
            "Auto Mode runs block storage itself" },
        { Auto + "autoscaling:\n  mode: karpenter\n", "autoscaling.mode", "applies only to compute.mode: managedNodeGroups" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_auto_mode_setting_is_reported_with_its_path(string yaml, string path, string fragment)
    {
        var problems = TestSettings.Problems(yaml);

        Assert.Contains(problems, p => p.Path == path && p.Message.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public void Switching_off_a_replaced_controller_is_accepted()
    {
        var settings = TestSettings.Yaml(Auto + "controllers:\n  clusterAutoscaler: { enabled: false }\n");

        Assert.True(settings.Compute.IsAutoMode);
    }

    public static TheoryData<string, string> BadRecords => new()
    {
        { "unknown pool", "autoMode.nodePools[0]" },
        { "repeated pool", "autoMode.nodePools" },
        { "one vCPU", "autoMode.maxVcpu" },
        { "undefined mode", "mode" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void The_record_names_its_own_problems(string bad, string field)
    {
        var compute = bad switch
        {
            "unknown pool" => new ComputeSettings { Mode = ComputeMode.AutoMode, NodePools = ["gpu"] },
            "repeated pool" => new ComputeSettings { Mode = ComputeMode.AutoMode, NodePools = ["system", "system"] },
            "one vCPU" => new ComputeSettings { Mode = ComputeMode.AutoMode, MaxVcpu = 1 },
            "undefined mode" => new ComputeSettings { Mode = (ComputeMode)7 },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        Assert.Equal(field, compute.Problems().First().Field);
    }

    /// <summary>The settings say which node hardening AWS owns under Auto Mode (and that its nodes are AWS-managed Bottlerocket).</summary>
    [Fact]
    public void The_hardening_table_names_who_provides_each_setting_and_cites_the_research()
    {
        var table = ComputeSettings.Hardening;

        Assert.Contains(table, h => h.Setting == "operating system" && h.Owner == HardeningOwner.Aws
            && h.AutoMode.Contains("Bottlerocket", StringComparison.Ordinal));
        Assert.Contains(table, h => h.Setting == "IMDS" && h.Owner == HardeningOwner.Aws);
        Assert.Contains(table, h => h.Setting == "node volumes" && h.Owner == HardeningOwner.Platform);
        Assert.Contains(table, h => h.Setting == "kernel lockdown" && h.AutoMode.StartsWith("UNVERIFIED", StringComparison.Ordinal));
        Assert.All(table, h => Assert.StartsWith("docs/auto-mode.md §", h.Source, StringComparison.Ordinal));
        var readme = File.ReadAllText(Repo.Path("README.md"));
        Assert.All(table, h => Assert.Contains($"| {h.Setting} |", readme, StringComparison.Ordinal));
    }
}
