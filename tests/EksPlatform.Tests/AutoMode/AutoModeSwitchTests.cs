using System.Text.Json.Nodes;
using EksPlatform.Preflight;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.AutoMode;

/// <summary>
/// Switching the shipped prod profile to Auto Mode, judged by the create-only catalog (docs/auto-mode.md §1, §9): the cluster
/// is updated in place, and the node groups, launch templates, add-ons and replaced controllers' roles are removed.
/// </summary>
public sealed class AutoModeSwitchTests
{
    /// <summary>prod.yaml as a user switches it: compute.mode autoMode, no node groups, no switches of replaced controllers.</summary>
    internal static string ProdOnAutoMode(string prod)
    {
        var text = prod[..prod.IndexOf("nodeGroups:", StringComparison.Ordinal)];
        string[] switches =
            ["  clusterAutoscaler: { enabled: true }\n", "  awsLoadBalancerController: { enabled: true }\n", "  ebsCsiDriver: { enabled: true }\n"];
        foreach (var line in switches)
        {
            text = text.Replace(line, "", StringComparison.Ordinal);
        }

        return text + "compute:\n  mode: autoMode\n";
    }

    /// <summary>README "EKS Auto Mode: switching an existing cluster".</summary>
    [Fact]
    public void Switching_prod_to_auto_mode_updates_the_cluster_in_place_and_removes_the_node_groups()
    {
        var prodYaml = File.ReadAllText(Repo.Path("config", "prod.yaml"));
        var before = Synth(SettingsLoader.LoadYaml(prodYaml, "prod", TestSettings.Today).Settings);
        var after = Synth(SettingsLoader.LoadYaml(ProdOnAutoMode(prodYaml), "prod", TestSettings.Today).Settings);
        try
        {
            var report = PreflightAnalyzer.Analyze(CloudAssembly.Load(after), PreflightOptions.Default with { Baseline = CloudAssembly.Load(before) });

            // The cluster: what changes is not create-only, what is create-only does not change.
            Assert.DoesNotContain(report.Replacements, r => r.ResourceType == "AWS::EKS::Cluster");
            var created = CreateOnlyCatalog.CreateOnlyProperties("AWS::EKS::Cluster");
            Assert.DoesNotContain(created, p => p.StartsWith("ComputeConfig", StringComparison.Ordinal)
                || p.StartsWith("StorageConfig", StringComparison.Ordinal)
                || p == "KubernetesNetworkConfig" || p.StartsWith("KubernetesNetworkConfig/ElasticLoadBalancing", StringComparison.Ordinal));
            Assert.Contains("KubernetesNetworkConfig/ServiceIpv4Cidr", created);
            Assert.Contains("RoleArn", created);
            Assert.Contains("BootstrapSelfManagedAddons", created);
            Assert.False(report.HasStatefulReplacement, string.Join("\n", report.Replacements.Where(r => r.Stateful).Select(r => r.Message)));

            // What goes: both node groups, their launch templates, the four add-ons Auto Mode runs, the replaced controllers' roles.
            var removed = report.Replacements.Where(r => r.Kind == ReplacementKind.Removed).ToList();
            Assert.Equal(2, removed.Count(r => r.ResourceType == "AWS::EKS::Nodegroup"));
            Assert.Equal(2, removed.Count(r => r.ResourceType == "AWS::EC2::LaunchTemplate"));
            Assert.Equal(5, removed.Count(r => r.ResourceType == "AWS::EKS::Addon"));
            foreach (var role in new[] { "ControllersClusterAutoscaler", "ControllersAwsLoadBalancerController", "ControllersEbsCsiDriver" })
            {
                Assert.Contains(removed, r => r.ResourceType == "AWS::IAM::Role" && r.LogicalId.StartsWith(role, StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(before, recursive: true);
            Directory.Delete(after, recursive: true);
        }
    }

    [Fact]
    public void The_cluster_role_keeps_its_logical_id_when_switching()
    {
        var prodYaml = File.ReadAllText(Repo.Path("config", "prod.yaml"));
        var prod = new Synthesized(SettingsLoader.LoadYaml(prodYaml, "prod", TestSettings.Today).Settings);
        var auto = new Synthesized(SettingsLoader.LoadYaml(ProdOnAutoMode(prodYaml), "prod", TestSettings.Today).Settings);

        var clusterId = prod.Resources("AWS::EKS::Cluster").Single().Id;
        Assert.Equal(clusterId, auto.Resources("AWS::EKS::Cluster").Single().Id);
        Assert.Equal(Synthesized.RefId(prod.Properties(clusterId)["RoleArn"]), Synthesized.RefId(auto.Properties(clusterId)["RoleArn"]));
        Assert.True(JsonNode.DeepEquals(prod.Properties(clusterId)["KubernetesNetworkConfig"]!["ServiceIpv4Cidr"],
            auto.Properties(clusterId)["KubernetesNetworkConfig"]!["ServiceIpv4Cidr"]));
    }

    private static string Synth(PlatformSettings settings)
    {
        var outdir = Directory.CreateTempSubdirectory("eksp-switch-").FullName;
        PlatformApp.Synthesize(settings, outdir);
        return outdir;
    }
}
