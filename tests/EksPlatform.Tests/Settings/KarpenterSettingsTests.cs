using System.Text.Json.Nodes;
using EksPlatform.Controllers;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Settings;

/// <summary>
/// <c>autoscaling</c>, <c>autoscaling.karpenter</c>, the controllers' <c>identity</c> and <c>cluster.oidcProvider</c>: defaults,
/// and each bad value refused with its field path (docs/karpenter.md §1, §6, §7, §9).
/// </summary>
public sealed class KarpenterSettingsTests
{
    private const string Base = "environment: test\ncluster:\n  name: test-cluster\nobservability: { alarmEmail: oncall@example.com }\n";
    private const string Karpenter = "autoscaling:\n  mode: karpenter\n";

    private static string NodePool(string fields) => Karpenter + "  karpenter:\n    nodePool:\n" + fields;

    public static TheoryData<string, string, string> Cases => new()
    {
        // yaml after the base, expected path, expected fragment of the message
        { "autoscaling:\n  mode: keda\n", "autoscaling.mode", "is not allowed; allowed values" },
        { "autoscaling:\n  karpenter:\n    nodePool:\n      cpuLimit: 10\n", "autoscaling.karpenter", "given while autoscaling.mode is clusterAutoscaler" },
        { Karpenter + "controllers:\n  clusterAutoscaler: { enabled: true }\n", "controllers.clusterAutoscaler.enabled", "replaces cluster-autoscaler" },
        { NodePool("      capacityTypes: [reserved]\n"), "autoscaling.karpenter.nodePool.capacityTypes[0]", "is not allowed; allowed values" },
        { NodePool("      capacityTypes: []\n"), "autoscaling.karpenter.nodePool.capacityTypes", "" },
        { NodePool("      architectures: [x86_64]\n"), "autoscaling.karpenter.nodePool.architectures[0]", "is not allowed; allowed values" },
        { NodePool("      instanceCategories: [C]\n"), "autoscaling.karpenter.nodePool.instanceCategories[0]", "1 to 8 lower-case letters" },
        { NodePool("      instanceFamilies: [m7i.large]\n"), "autoscaling.karpenter.nodePool.instanceFamilies[0]", "an instance family such as m7i" },
        { NodePool("      consolidateAfter: 1 minute\n"), "autoscaling.karpenter.nodePool.consolidateAfter", "a duration such as 30s" },
        { NodePool("      expireAfter: 30d\n"), "autoscaling.karpenter.nodePool.expireAfter", "a duration such as 30s" },
        { NodePool("      consolidationPolicy: Always\n"), "autoscaling.karpenter.nodePool.consolidationPolicy", "is not allowed; allowed values" },
        { NodePool("      cpuLimit: 0\n"), "autoscaling.karpenter.nodePool.cpuLimit", "" },
        { NodePool("      budgets:\n        - nodes: 150%\n"), "autoscaling.karpenter.nodePool.budgets[0].nodes", "a node count such as 2" },
        { NodePool("      budgets:\n        - nodes: \"0\"\n          schedule: \"@daily\"\n"),
            "autoscaling.karpenter.nodePool.budgets[0].duration", "schedule and duration go together" },
        { NodePool("      budgets:\n        - nodes: \"0\"\n          schedule: daily\n          duration: 8h\n"),
            "autoscaling.karpenter.nodePool.budgets[0].schedule", "not a cron schedule" },
        { NodePool("      budgets:\n        - nodes: \"1\"\n          reasons: [Expired]\n"),
            "autoscaling.karpenter.nodePool.budgets[0].reasons[0]", "is not allowed; allowed values" },
        { Karpenter + "  karpenter:\n    nodeClass:\n      bottlerocketVersion: v1.57.0\n",
            "autoscaling.karpenter.nodeClass.bottlerocketVersion", "a release such as 1.57.0" },
        { Karpenter + "  karpenter:\n    nodeClass:\n      osVolumeGiB: 2\n", "autoscaling.karpenter.nodeClass.osVolumeGiB", "" },
        { Karpenter + "  karpenter:\n    nodeClass:\n      bottlerocketSettings:\n        kernel.lockdown: none\n",
            "autoscaling.karpenter.nodeClass.bottlerocketSettings.kernel.lockdown", "node hardening" },
        { Karpenter + "tags:\n  karpenter.sh/nodepool: x\n", "tags.karpenter.sh/nodepool", "its EC2NodeClass refuses it" },
        { "controllers:\n  identity: oidc\n", "controllers.identity", "is not allowed; allowed values" },
        { "controllers:\n  externalSecrets: { identity: iam }\n", "controllers.externalSecrets.identity", "is not allowed; allowed values" },
        { "cluster:\n  name: test-cluster\n  oidcProvider: false\n", "cluster.oidcProvider", "uses IRSA, which needs the provider" },
        { "controllers:\n  vpcCni: { identity: podIdentity }\ncluster:\n  name: test-cluster\n  addons:\n    vpc-cni: v1.15.4-eksbuild.1\n",
            "cluster.addons.vpc-cni", "predates EKS Pod Identity support in vpc-cni" },
        { "controllers:\n  ebsCsiDriver: { identity: podIdentity, addonVersion: v1.25.0-eksbuild.1 }\n",
            "controllers.ebsCsiDriver.addonVersion", "predates EKS Pod Identity support in aws-ebs-csi-driver" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_setting_is_reported_with_its_path(string yaml, string path, string fragment)
    {
        var problems = TestSettings.Problems(Merge(yaml));

        Assert.Contains(problems, p => p.Path == path && p.Message.Contains(fragment, StringComparison.Ordinal) && p.Severity == IssueSeverity.Error);
    }

    [Fact]
    public void Karpenter_mode_defaults_to_the_system_group_only_and_a_production_node_pool_on_demand()
    {
        var settings = TestSettings.Yaml(Base + Karpenter);

        Assert.Equal(NodeAutoscaler.Karpenter, settings.Controllers.NodeAutoscaler);
        var system = Assert.Single(settings.NodeGroups);
        Assert.True(system.System);
        var pool = settings.Karpenter.NodePool;
        Assert.Equal(["on-demand"], pool.CapacityTypes.ToArray());
        Assert.Equal(["c", "m", "r"], pool.InstanceCategories.ToArray());
        Assert.Equal(["amd64", "arm64"], pool.Architectures.ToArray());
        Assert.Equal("10%", Assert.Single(pool.Budgets).Nodes);
        Assert.Equal("bottlerocket@latest", settings.Karpenter.NodeClass.AmiAlias);
    }

    [Fact]
    public void A_development_node_pool_takes_spot_first()
    {
        var settings = TestSettings.Yaml(Base + "tier: development\n" + Karpenter);

        Assert.Equal(["spot", "on-demand"], settings.Karpenter.NodePool.CapacityTypes.ToArray());
    }

    [Fact]
    public void An_unpinned_bottlerocket_release_is_a_warning_in_production_only()
    {
        var production = SettingsLoader.LoadYaml(Base + Karpenter, "test", TestSettings.Today);
        var development = SettingsLoader.LoadYaml(Base + "tier: development\n" + Karpenter, "test", TestSettings.Today);

        Assert.Contains(production.Warnings, w => w.Path == "autoscaling.karpenter.nodeClass.bottlerocketVersion");
        Assert.DoesNotContain(development.Warnings, w => w.Path == "autoscaling.karpenter.nodeClass.bottlerocketVersion");
    }

    [Fact]
    public void Karpenter_leaves_room_for_one_user_tag_fewer()
    {
        string Tags(int count) => "tags:\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"  t{i}: v\n"));

        Assert.NotNull(TestSettings.Yaml(Base + Tags(43) + Karpenter));
        Assert.Contains(TestSettings.Problems(Base + Tags(44) + Karpenter),
            p => p.Path == "tags" && p.Message.Contains("at most 43", StringComparison.Ordinal));
        Assert.NotNull(TestSettings.Yaml(Base + Tags(44)));
    }

    [Theory]
    [InlineData("", ControllerIdentity.Irsa, ControllerIdentity.PodIdentity)]
    [InlineData("controllers: { identity: podIdentity }\n", ControllerIdentity.PodIdentity, ControllerIdentity.PodIdentity)]
    [InlineData("controllers: { identity: irsa }\n", ControllerIdentity.Irsa, ControllerIdentity.Irsa)]
    [InlineData("controllers: { identity: podIdentity, externalSecrets: { identity: irsa } }\n", ControllerIdentity.Irsa, ControllerIdentity.PodIdentity)]
    public void A_controllers_own_identity_wins_then_the_platform_default_then_its_own_default(
        string yaml, ControllerIdentity externalSecrets, ControllerIdentity karpenter)
    {
        var settings = TestSettings.Yaml(Base + yaml).Controllers;

        Assert.Equal(externalSecrets, ControllerCatalog.ExternalSecrets.IdentityIn(settings));
        Assert.Equal(karpenter, ControllerCatalog.Karpenter.IdentityIn(settings));
    }

    [Fact]
    public void The_karpenter_example_profile_loads_with_only_the_bottlerocket_warning()
    {
        var loaded = SettingsLoader.LoadFile(Repo.Path("config", "karpenter.yaml"), TestSettings.Today);

        Assert.Equal(NodeAutoscaler.Karpenter, loaded.Settings.Controllers.NodeAutoscaler);
        Assert.All(ControllerCatalog.Enabled(loaded.Settings.Controllers),
            c => Assert.Equal(ControllerIdentity.PodIdentity, c.IdentityIn(loaded.Settings.Controllers)));
        Assert.Equal(["autoscaling.karpenter.nodeClass.bottlerocketVersion"], loaded.Warnings.Select(w => w.Path));
    }

    /// <summary>The base profile with <paramref name="yaml"/>'s top-level blocks replacing the base's.</summary>
    private static string Merge(string yaml) => yaml.StartsWith("cluster:", StringComparison.Ordinal) || yaml.Contains("\ncluster:", StringComparison.Ordinal)
        ? "environment: test\nobservability: { alarmEmail: oncall@example.com }\n" + yaml
        : Base + yaml;

    [Fact]
    public void The_schema_describes_every_new_field()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Repo.Path("config", "eks-platform.schema.json")))!;
        var autoscaling = schema["$defs"]!["autoscaling"]!;

        Assert.NotNull((string?)autoscaling["description"]);
        Assert.NotNull((string?)autoscaling["properties"]!["mode"]!["description"]);
        foreach (var part in new[] { "nodePool", "nodeClass" })
        {
            var fields = autoscaling["properties"]!["karpenter"]!["properties"]![part]!["properties"]!.AsObject();
            Assert.All(fields.Where(f => f.Key != "budgets" || part != "nodePool"),
                f => Assert.False(string.IsNullOrWhiteSpace((string?)f.Value!["description"]), $"{part}.{f.Key} has no description"));
        }

        Assert.NotNull((string?)schema["$defs"]!["cluster"]!["properties"]!["oidcProvider"]!["description"]);
        Assert.NotNull((string?)schema["$defs"]!["controllers"]!["properties"]!["identity"]!["description"]);
    }
}
