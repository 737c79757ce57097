using EksPlatform.Controllers;
using EksPlatform.Installer;
using EksPlatform.Nodes;
using EksPlatform.Settings;
using EksPlatform.Tests.Controllers;
using EksPlatform.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EksPlatform.Tests.Karpenter;

/// <summary>
/// What <c>controllers</c> renders for Karpenter, parsed back with YamlDotNet: the chart values, the <c>EC2NodeClass</c> and
/// the <c>NodePool</c> of the example profile (config/karpenter.yaml) and the stack outputs they read (docs/karpenter.md §6-§8).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class KarpenterRenderTests(PlatformFixture platform)
{
    private const string NodeRoleName = "EksPlatform-karpenter-KarpenterNodeRole25FDF7B4-Ab12Cd34Ef56";
    private const string QueueName = "EksPlatform-karpenter-KarpenterInterruptionQueueCFDADA20-Gh78Ij90";
    private const string EbsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string ClusterSecurityGroup = "sg-0123456789abcdef0";
    private const string Endpoint = "https://0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com";

    private PlatformSettings Settings => platform.Karpenter.Settings;

    private static Dictionary<string, string> Outputs(PlatformSettings settings) => new()
    {
        [StackOutputKeys.ClusterName] = settings.Cluster.Name,
        [StackOutputKeys.VpcId] = "vpc-0abc",
        [StackOutputKeys.EbsKeyArn] = EbsKey,
        [StackOutputKeys.ClusterEndpoint] = Endpoint,
        [StackOutputKeys.ClusterSecurityGroupId] = ClusterSecurityGroup,
        [StackOutputKeys.KarpenterInterruptionQueueName] = QueueName,
        [StackOutputKeys.KarpenterNodeRoleName] = NodeRoleName,
    };

    private ChartBundle Bundle() => ChartValuesRenderer.Render(Settings, Outputs(Settings));

    [Fact]
    public void The_values_name_the_cluster_its_endpoint_the_queue_and_the_region_and_pod_identity_needs_no_annotation()
    {
        var values = Yaml(Bundle(), ChartValuesRenderer.ValuesFileName(ControllerCatalog.Karpenter));

        var settings = values.Map("settings");
        Assert.Equal("eks-platform-karpenter", settings.Scalar("clusterName"));
        Assert.Equal(Endpoint, settings.Scalar("clusterEndpoint"));
        Assert.Equal(QueueName, settings.Scalar("interruptionQueue"));
        Assert.Equal("false", settings.Scalar("enableZonalShift"));
        var account = values.Map("serviceAccount");
        Assert.Equal("karpenter", account.Scalar("name"));
        Assert.Equal("true", account.Scalar("create"));
        Assert.Empty(account.Map("annotations").Children);
        var env = ((YamlSequenceNode)values.Map("controller").Children[new YamlScalarNode("env")]).Children.Cast<YamlMappingNode>()
            .ToDictionary(e => e.Scalar("name")!, e => e.Scalar("value"));
        Assert.Equal("us-east-1", env["AWS_REGION"]);
    }

    [Fact]
    public void Under_irsa_the_service_account_carries_the_role_annotation()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + "\nautoscaling: { mode: karpenter }\ncontrollers: { karpenter: { identity: irsa } }\n");
        var outputs = Outputs(settings);
        outputs[ControllerCatalog.Karpenter.RoleOutputKey] = "arn:aws:iam::123456789012:role/karpenter";

        var values = Yaml(ChartValuesRenderer.Render(settings, outputs), ChartValuesRenderer.ValuesFileName(ControllerCatalog.Karpenter));

        Assert.Equal("arn:aws:iam::123456789012:role/karpenter",
            values.Map("serviceAccount").Map("annotations").Scalar(Controller.RoleArnAnnotation));
    }

    [Fact]
    public void The_node_class_is_bottlerocket_with_the_node_role_discovery_tags_the_ebs_key_and_imdsv2_at_hop_limit_1()
    {
        var nodeClass = Manifest(Bundle(), "ec2nodeclass");

        Assert.Equal("karpenter.k8s.aws/v1", nodeClass.Scalar("apiVersion"));
        Assert.Equal("EC2NodeClass", nodeClass.Scalar("kind"));
        var spec = nodeClass.Map("spec");
        Assert.Equal(NodeRoleName, spec.Scalar("role"));
        Assert.Equal("bottlerocket@latest", Single(spec, "amiSelectorTerms").Scalar("alias"));
        Assert.Equal("eks-platform-karpenter", Single(spec, "subnetSelectorTerms").Map("tags").Scalar(KarpenterController.DiscoveryTagKey));
        var groups = Items(spec, "securityGroupSelectorTerms");
        Assert.Equal("eks-platform-karpenter", groups[0].Map("tags").Scalar(KarpenterController.DiscoveryTagKey));
        Assert.Equal(ClusterSecurityGroup, groups[1].Scalar("id"));
        var metadata = spec.Map("metadataOptions");
        Assert.Equal("required", metadata.Scalar("httpTokens"));
        Assert.Equal("1", metadata.Scalar("httpPutResponseHopLimit"));
        Assert.Equal("enabled", metadata.Scalar("httpEndpoint"));
        var volumes = Items(spec, "blockDeviceMappings");
        Assert.Equal(["/dev/xvda", "/dev/xvdb"], volumes.Select(v => v.Scalar("deviceName")));
        Assert.Equal(["4Gi", "80Gi"], volumes.Select(v => v.Map("ebs").Scalar("volumeSize")));
        Assert.All(volumes.Select(v => v.Map("ebs")), ebs =>
        {
            Assert.Equal("gp3", ebs.Scalar("volumeType"));
            Assert.Equal("true", ebs.Scalar("encrypted"));
            Assert.Equal(EbsKey, ebs.Scalar("kmsKeyID"));
        });
        Assert.Equal("karpenter", spec.Map("tags").Scalar("Environment"));
        Assert.Equal("EksPlatform", spec.Map("tags").Scalar("ManagedBy"));
    }

    [Fact]
    public void The_node_class_user_data_is_the_managed_groups_hardening()
    {
        var userData = Manifest(Bundle(), "ec2nodeclass").Map("spec").Scalar("userData")!;
        var system = Assert.Single(Settings.NodeGroups);

        var managed = BottlerocketUserData.Render(system, bootstrap: null);

        // The managed group's user data holds exactly the hardening (no extra settings, no bootstrap in managed mode).
        Assert.Equal(managed, userData);
        Assert.Contains("[settings.host-containers.admin]\nenabled = false", userData, StringComparison.Ordinal);
        Assert.Contains("[settings.kernel]\nlockdown = \"integrity\"", userData, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pinned_bottlerocket_release_is_the_alias_version()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal +
            "\nautoscaling: { mode: karpenter, karpenter: { nodeClass: { bottlerocketVersion: 1.57.0 } } }\n");

        var nodeClass = Manifest(ChartValuesRenderer.Render(settings, Outputs(settings)), "ec2nodeclass");

        Assert.Equal("bottlerocket@v1.57.0", Single(nodeClass.Map("spec"), "amiSelectorTerms").Scalar("alias"));
    }

    [Fact]
    public void The_node_pool_takes_requirements_limits_and_disruption_from_settings()
    {
        var pool = Manifest(Bundle(), "nodepool");

        Assert.Equal("karpenter.sh/v1", pool.Scalar("apiVersion"));
        Assert.Equal("NodePool", pool.Scalar("kind"));
        var spec = pool.Map("spec");
        var template = spec.Map("template").Map("spec");
        Assert.Equal("EC2NodeClass", template.Map("nodeClassRef").Scalar("kind"));
        Assert.Equal(KarpenterController.NodePoolName, template.Map("nodeClassRef").Scalar("name"));
        Assert.Equal("720h", template.Scalar("expireAfter"));
        var requirements = Items(template, "requirements").ToDictionary(
            r => r.Scalar("key")!, r => ((YamlSequenceNode)r.Children[new YamlScalarNode("values")]).Children.Select(v => ((YamlScalarNode)v).Value));
        Assert.Equal(["c", "m", "r"], requirements["karpenter.k8s.aws/instance-category"]);
        Assert.Equal(["amd64", "arm64"], requirements["kubernetes.io/arch"]);
        Assert.Equal(["linux"], requirements["kubernetes.io/os"]);
        Assert.Equal(["on-demand"], requirements["karpenter.sh/capacity-type"]);
        Assert.False(requirements.ContainsKey("karpenter.k8s.aws/instance-family"));
        Assert.Equal("200", spec.Map("limits").Scalar("cpu"));
        Assert.Equal("800Gi", spec.Map("limits").Scalar("memory"));
        var disruption = spec.Map("disruption");
        Assert.Equal("WhenEmptyOrUnderutilized", disruption.Scalar("consolidationPolicy"));
        Assert.Equal("5m", disruption.Scalar("consolidateAfter"));
        var budgets = Items(disruption, "budgets");
        Assert.Equal(["10%", "0"], budgets.Select(b => b.Scalar("nodes")));
        Assert.Equal("0 8 * * mon-fri", budgets[1].Scalar("schedule"));
        Assert.Equal("10h", budgets[1].Scalar("duration"));
        Assert.Equal("Underutilized", ((YamlScalarNode)((YamlSequenceNode)budgets[1].Children[new YamlScalarNode("reasons")]).Children[0]).Value);
    }

    [Fact]
    public void Instance_families_and_spot_appear_when_settings_ask_for_them()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + "\nautoscaling:\n  mode: karpenter\n  karpenter:\n    nodePool:\n" +
            "      instanceFamilies: [m7i, m7g]\n      capacityTypes: [spot, on-demand]\n");

        var pool = Manifest(ChartValuesRenderer.Render(settings, Outputs(settings)), "nodepool");

        var requirements = Items(pool.Map("spec").Map("template").Map("spec"), "requirements").ToDictionary(
            r => r.Scalar("key")!, r => ((YamlSequenceNode)r.Children[new YamlScalarNode("values")]).Children.Select(v => ((YamlScalarNode)v).Value));
        Assert.Equal(["m7i", "m7g"], requirements["karpenter.k8s.aws/instance-family"]);
        Assert.Equal(["spot", "on-demand"], requirements["karpenter.sh/capacity-type"]);
    }

    [Fact]
    public void Without_outputs_the_karpenter_values_hold_placeholders_for_what_the_stack_gives()
    {
        var bundle = ChartValuesRenderer.Render(Settings, null);

        Assert.Equal(
            [StackOutputKeys.ClusterEndpoint, StackOutputKeys.ClusterSecurityGroupId, StackOutputKeys.EbsKeyArn,
                StackOutputKeys.KarpenterInterruptionQueueName, StackOutputKeys.KarpenterNodeRoleName, StackOutputKeys.VpcId],
            bundle.Placeholders.Order(StringComparer.Ordinal));
        Assert.StartsWith("<KARPENTER NODE ROLE NAME:", Manifest(bundle, "ec2nodeclass").Map("spec").Scalar("role"), StringComparison.Ordinal);
    }

    private static YamlMappingNode Manifest(ChartBundle bundle, string name) =>
        Yaml(bundle, ChartValuesRenderer.ManifestFileName(ControllerCatalog.Karpenter, new KubernetesManifest(name, "", new object())));

    private static YamlMappingNode Yaml(ChartBundle bundle, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Assert.Single(bundle.Files, f => f.Name == name).Content));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<YamlMappingNode> Items(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Cast<YamlMappingNode>().ToList();

    private static YamlMappingNode Single(YamlMappingNode node, string key) => Assert.Single(Items(node, key));
}
