using System.Text;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EksPlatform.Tests.Support;
using Tomlyn;
using Tomlyn.Model;

namespace EksPlatform.Tests.Nodes;

[Collection(PlatformCollection.Name)]
public sealed class NodeGroupTests(PlatformFixture platform)
{
    private const string TwoModes = """
        environment: t
        observability: { alarmEmail: oncall@example.com }
        cluster:
          name: c
        nodeGroups:
          - name: graviton-custom
            amiMode: custom
            instanceTypes: [m7g.large, m6g.large]
            capacityType: SPOT
          - name: intel-managed
            instanceTypes: [m7i.large]
            releaseVersion: 1.57.0-4d5f0b4f
            imdsHopLimit: 1
            controlContainer: false
            bottlerocketSettings:
              kubernetes.max-pods: 58
        """;

    private static readonly Lazy<Synthesized> s_modes = new(() => new Synthesized(TestSettings.Yaml(TwoModes)));

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Every_node_group_runs_on_its_own_launch_template_with_encrypted_gp3_volumes_and_imdsv2(string env)
    {
        var synth = platform.Of(env);
        var groups = synth.Resources("AWS::EKS::Nodegroup").ToArray();
        var ebsKey = synth.Resources("AWS::KMS::Key")
            .Single(k => ((string)k.Resource["Properties"]!["Description"]!).Contains("EBS", StringComparison.Ordinal)).Id;

        Assert.True(groups.Length >= 2);
        Assert.Equal(groups.Length, groups.Select(g => Synthesized.RefId(g.Resource["Properties"]!["LaunchTemplate"]!["Id"])).Distinct().Count());
        Assert.All(groups, g =>
        {
            var data = LaunchTemplateData(synth, g.Resource);
            var volumes = data["BlockDeviceMappings"]!.AsArray();
            Assert.Equal(["/dev/xvda", "/dev/xvdb"], volumes.Select(v => (string)v!["DeviceName"]!).ToArray());
            Assert.All(volumes, v =>
            {
                Assert.Equal("gp3", (string?)v!["Ebs"]!["VolumeType"]);
                Assert.True((bool)v["Ebs"]!["Encrypted"]!);
                Assert.Equal(ebsKey, Synthesized.RefId(v["Ebs"]!["KmsKeyId"]));
            });
            Assert.Equal("required", (string?)data["MetadataOptions"]!["HttpTokens"]);
            Assert.InRange((int)data["MetadataOptions"]!["HttpPutResponseHopLimit"]!, 1, 2);
            Assert.Null(data["KeyName"]);
            Assert.Null(g.Resource["Properties"]!["RemoteAccess"]);
            Assert.Null(g.Resource["Properties"]!["DiskSize"]);
        });
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Managed_mode_user_data_is_base64_toml_with_the_admin_container_off_and_lockdown_on(string env)
    {
        var synth = platform.Of(env);

        Assert.All(synth.Resources("AWS::EKS::Nodegroup"), g =>
        {
            var toml = Encoding.UTF8.GetString(Convert.FromBase64String((string)LaunchTemplateData(synth, g.Resource)["UserData"]!));
            var settings = (TomlTable)TomlSerializer.Deserialize<TomlTable>(toml)!["settings"];

            Assert.False((bool)Table(settings, "host-containers", "admin")["enabled"]);
            Assert.Equal("integrity", Table(settings, "kernel")["lockdown"]);
            Assert.False(settings.ContainsKey("kubernetes")); // EKS injects the bootstrap in managed mode
        });
    }

    [Theory]
    [InlineData("prod", "system", "BOTTLEROCKET_ARM_64", "ON_DEMAND")]
    [InlineData("prod", "apps", "BOTTLEROCKET_x86_64", "ON_DEMAND")]
    [InlineData("dev", "apps", "BOTTLEROCKET_x86_64", "SPOT")]
    public void The_ami_type_follows_the_architecture_and_capacity_the_settings(string env, string group, string amiType, string capacity)
    {
        var props = Group(platform.Of(env), group)["Properties"]!;

        Assert.Equal(amiType, (string?)props["AmiType"]);
        Assert.Equal(capacity, (string?)props["CapacityType"]);
        Assert.Equal("1.35", (string?)props["Version"]);
    }

    [Fact]
    public void The_system_group_is_tainted_for_critical_addons_and_every_group_is_labelled_and_discoverable()
    {
        var synth = platform.Prod;
        var system = Group(synth, "system")["Properties"]!;
        var apps = Group(synth, "apps")["Properties"]!;

        var taint = Assert.Single(system["Taints"]!.AsArray())!;
        Assert.Equal(("CriticalAddonsOnly", "true", "NO_SCHEDULE"), ((string)taint["Key"]!, (string)taint["Value"]!, (string)taint["Effect"]!));
        Assert.Null(apps["Taints"]);
        foreach (var (name, props) in new[] { ("system", system), ("apps", apps) })
        {
            Assert.Equal(name, (string?)props["Labels"]!["eksplatform.io/node-group"]);
            // Node group tags never reach the Auto Scaling group (EKS tags it for auto-discovery itself), so none are written.
            Assert.DoesNotContain(props["Tags"]!.AsObject(), t => t.Key.StartsWith("k8s.io/cluster-autoscaler/", StringComparison.Ordinal));
            Assert.Equal(1, (int)props["UpdateConfig"]!["MaxUnavailable"]!);
            Assert.Null(props["NodegroupName"]); // generated, so a replacement never collides with the old name
        }
    }

    [Fact]
    public void Scaling_comes_from_settings()
    {
        platform.Prod.Template.HasResourceProperties("AWS::EKS::Nodegroup", new Dictionary<string, object>
        {
            ["InstanceTypes"] = new[] { "m7i.large", "m6i.large" },
            ["ScalingConfig"] = new Dictionary<string, object> { ["MinSize"] = 2, ["DesiredSize"] = 3, ["MaxSize"] = 10 },
        });
    }

    [Fact]
    public void Custom_mode_takes_the_ami_from_the_bottlerocket_ssm_parameter_and_bootstraps_in_full()
    {
        var synth = s_modes.Value;
        var group = Group(synth, "graviton-custom");
        var data = LaunchTemplateData(synth, group);

        Assert.Null(group["Properties"]!["AmiType"]);
        Assert.Null(group["Properties"]!["Version"]);
        Assert.Null(group["Properties"]!["ReleaseVersion"]);
        var parameter = synth.Json["Parameters"]![(string)data["ImageId"]!["Ref"]!]!;
        Assert.Equal("AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", (string?)parameter["Type"]);
        Assert.Equal("/aws/service/bottlerocket/aws-k8s-1.35/arm64/latest/image_id", (string?)parameter["Default"]);

        var (toml, references) = RenderedUserData(data["UserData"]!);
        var kubernetes = Table((TomlTable)TomlSerializer.Deserialize<TomlTable>(toml)!["settings"], "kubernetes");
        Assert.Equal("c", kubernetes["cluster-name"]);
        Assert.Equal("172.20.0.10", kubernetes["cluster-dns-ip"]);
        Assert.Equal(references["Endpoint"], kubernetes["api-server"]);
        Assert.Equal(references["CertificateAuthorityData"], kubernetes["cluster-certificate"]);
    }

    [Fact]
    public void Managed_mode_pins_the_release_and_writes_extra_settings_and_the_hop_limit()
    {
        var synth = s_modes.Value;
        var group = Group(synth, "intel-managed");
        var data = LaunchTemplateData(synth, group);
        var settings = (TomlTable)TomlSerializer.Deserialize<TomlTable>(
            Encoding.UTF8.GetString(Convert.FromBase64String((string)data["UserData"]!)))!["settings"];

        Assert.Equal("BOTTLEROCKET_x86_64", (string?)group["Properties"]!["AmiType"]);
        Assert.Equal("1.57.0-4d5f0b4f", (string?)group["Properties"]!["ReleaseVersion"]);
        Assert.Equal(1, (int)data["MetadataOptions"]!["HttpPutResponseHopLimit"]!);
        Assert.Equal(58L, Table(settings, "kubernetes")["max-pods"]);
        Assert.False((bool)Table(settings, "host-containers", "control")["enabled"]);
    }

    [Fact]
    public void The_node_role_has_only_the_managed_policies_nodes_need_and_not_the_cni_policy()
    {
        var roles = platform.Prod.Resources("AWS::IAM::Role")
            .Where(r => r.Resource["Properties"]!["AssumeRolePolicyDocument"]!.ToJsonString().Contains("ec2.amazonaws.com", StringComparison.Ordinal)
                && r.Resource["Properties"]!["AssumeRolePolicyDocument"]!.ToJsonString().Contains("sts:AssumeRole\"", StringComparison.Ordinal));
        var policies = Assert.Single(roles).Resource["Properties"]!["ManagedPolicyArns"]!.AsArray()
            .Select(p => p!.ToJsonString().Split('/')[^1].TrimEnd(']', '"', '}')).Order().ToArray();

        Assert.Equal(["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy", "AmazonSSMManagedInstanceCore"], policies);
    }

    [Fact]
    public void Node_groups_wait_for_the_daemonset_addons_and_deployment_addons_wait_for_the_node_groups()
    {
        var synth = platform.Prod;
        string Addon(string name) => synth.Resources("AWS::EKS::Addon").Single(a => (string?)a.Resource["Properties"]!["AddonName"] == name).Id;
        var groups = synth.Resources("AWS::EKS::Nodegroup").ToArray();

        Assert.All(groups, g =>
        {
            var dependsOn = g.Resource["DependsOn"]!.AsArray().Select(d => (string?)d).ToArray();
            // kube-proxy too: aws-node reaches the API server through the kubernetes Service, which kube-proxy programs.
            Assert.Contains(Addon("vpc-cni"), dependsOn);
            Assert.Contains(Addon("kube-proxy"), dependsOn);
            Assert.Contains(Addon("eks-pod-identity-agent"), dependsOn);
        });
        foreach (var addon in new[] { "coredns", "aws-ebs-csi-driver", "amazon-cloudwatch-observability" })
        {
            var dependsOn = synth.Json["Resources"]![Addon(addon)]!["DependsOn"]!.AsArray().Select(d => (string?)d).ToArray();
            Assert.All(groups, g => Assert.Contains(g.Id, dependsOn));
        }
    }

    [Fact]
    public void Ordinary_edits_update_node_groups_in_place()
    {
        var prod = File.ReadAllText(Repo.Path("config", "prod.yaml"));
        var edited = new Synthesized(TestSettings.Yaml(Edit.Once(prod,
            "    desiredSize: 3\n    maxSize: 10", "    desiredSize: 5\n    maxSize: 12\n    releaseVersion: 1.57.0-4d5f0b4f\n    labels:\n      team: web")
            + "  - name: batch\n    instanceTypes: [c7g.xlarge, c6g.xlarge]\n    capacityType: SPOT\n"));
        var apps = Group(edited, "apps")["Properties"]!;
        Assert.Equal((5, 12), ((int)apps["ScalingConfig"]!["DesiredSize"]!, (int)apps["ScalingConfig"]!["MaxSize"]!));
        Assert.Equal("1.57.0-4d5f0b4f", (string?)apps["ReleaseVersion"]);
        Assert.Equal("web", (string?)apps["Labels"]!["team"]);
        var before = platform.Prod;

        foreach (var (id, group) in before.Resources("AWS::EKS::Nodegroup"))
        {
            var after = edited.Json["Resources"]![id];
            Assert.NotNull(after); // same logical id
            foreach (var createOnly in new[] { "CapacityType", "NodegroupName", "NodeRole", "ClusterName", "InstanceTypes", "AmiType", "Subnets",
                "DiskSize", "RemoteAccess" })
            {
                Assert.Equal(group["Properties"]![createOnly]?.ToJsonString(), after["Properties"]![createOnly]?.ToJsonString());
            }
        }

        Assert.Equal(3, edited.Resources("AWS::EKS::Nodegroup").Count());
        var cluster = Assert.Single(before.Resources("AWS::EKS::Cluster"));
        Assert.Equal(cluster.Resource.ToJsonString(), edited.Json["Resources"]![cluster.Id]!.ToJsonString());
    }

    private static JsonObject Group(Synthesized synth, string name) =>
        synth.Resources("AWS::EKS::Nodegroup").Single(g => (string?)g.Resource["Properties"]!["Labels"]!["eksplatform.io/node-group"] == name).Resource;

    private static JsonObject LaunchTemplateData(Synthesized synth, JsonObject group) =>
        synth.Properties(Synthesized.RefId(group["Properties"]!["LaunchTemplate"]!["Id"]))["LaunchTemplateData"]!.AsObject();

    private static TomlTable Table(TomlTable settings, params string[] path) =>
        path.Aggregate(settings, (table, key) => (TomlTable)table[key]);

    /// <summary>
    /// Reassembles <c>{"Fn::Base64": {"Fn::Join": ["", [...]]}}</c> into text, each GetAtt replaced by a marker
    /// naming the attribute, so the TOML can be parsed and the markers found where the references were.
    /// </summary>
    private static (string Toml, Dictionary<string, string> References) RenderedUserData(JsonNode userData)
    {
        var parts = userData["Fn::Base64"]!["Fn::Join"]![1]!.AsArray();
        var references = new Dictionary<string, string>();
        var text = string.Concat(parts.Select(p =>
        {
            if (p is JsonValue v)
            {
                return (string)v!;
            }

            var attribute = (string)p!["Fn::GetAtt"]![1]!;
            references[attribute] = $"<{p["Fn::GetAtt"]![0]}.{attribute}>";
            return references[attribute];
        }));
        return (text, references);
    }
}
