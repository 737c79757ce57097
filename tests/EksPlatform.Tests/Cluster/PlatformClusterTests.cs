using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Cluster;

[Collection(PlatformCollection.Name)]
public sealed class PlatformClusterTests(PlatformFixture platform)
{
    private const string Admins = """
        environment: t
        cluster:
          name: c
          admins:
            - arn:aws:iam::123456789012:role/PlatformAdmin
            - arn:aws:iam::123456789012:user/alice
        """;

    [Fact]
    public void Prod_has_exactly_one_native_cluster_with_private_endpoint_secrets_encryption_and_all_log_types()
    {
        var synth = platform.Prod;
        synth.Template.ResourceCountIs("AWS::EKS::Cluster", 1);
        var (id, cluster) = Assert.Single(synth.Resources("AWS::EKS::Cluster"));
        var props = cluster["Properties"]!;

        Assert.Equal("eks-platform-prod", (string?)props["Name"]);
        Assert.Equal("1.35", (string?)props["Version"]);
        Assert.True((bool)props["ResourcesVpcConfig"]!["EndpointPrivateAccess"]!);
        Assert.False((bool)props["ResourcesVpcConfig"]!["EndpointPublicAccess"]!);
        Assert.Null(props["ResourcesVpcConfig"]!["PublicAccessCidrs"]);
        Assert.Equal(3, props["ResourcesVpcConfig"]!["SubnetIds"]!.AsArray().Count);
        var encryption = Assert.Single(props["EncryptionConfig"]!.AsArray())!;
        Assert.Equal(["secrets"], encryption["Resources"]!.AsArray().Select(r => (string)r!).ToArray());
        Assert.Equal(KeyId(synth, "Secrets"), Synthesized.RefId(encryption["Provider"]!["KeyArn"]));
        Assert.Equal(["api", "audit", "authenticator", "controllerManager", "scheduler"],
            props["Logging"]!["ClusterLogging"]!["EnabledTypes"]!.AsArray().Select(t => (string)t!["Type"]!).ToArray());
        Assert.Equal("API", (string?)props["AccessConfig"]!["AuthenticationMode"]);
        Assert.StartsWith("Cluster", id, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "STANDARD")]
    [InlineData("\n  upgradePolicy: EXTENDED", "EXTENDED")]
    public void Upgrade_policy_is_standard_unless_extended_is_chosen(string setting, string expected)
    {
        var synth = new Synthesized(TestSettings.Yaml($"environment: t\ncluster:\n  name: c{setting}\n"));

        synth.Template.HasResourceProperties("AWS::EKS::Cluster", new Dictionary<string, object>
        {
            ["UpgradePolicy"] = new Dictionary<string, object> { ["SupportType"] = expected },
        });
    }

    [Fact]
    public void A_public_endpoint_carries_its_cidr_allowlist()
    {
        var synth = new Synthesized(TestSettings.Yaml("environment: t\ncluster:\n  name: c\n  endpointPublicAccess: true\n  publicAccessCidrs: [198.51.100.0/24]\n"));

        synth.Template.HasResourceProperties("AWS::EKS::Cluster", new Dictionary<string, object>
        {
            ["ResourcesVpcConfig"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["EndpointPublicAccess"] = true,
                ["EndpointPrivateAccess"] = true,
                ["PublicAccessCidrs"] = new[] { "198.51.100.0/24" },
            }),
        });
    }

    [Fact]
    public void The_control_plane_log_group_exists_before_the_cluster_with_retention_and_the_logs_key()
    {
        var synth = platform.Prod;
        var (groupId, group) = Assert.Single(synth.Resources("AWS::Logs::LogGroup"), g => (string?)g.Resource["Properties"]!["LogGroupName"] == "/aws/eks/eks-platform-prod/cluster");
        var (_, cluster) = Assert.Single(synth.Resources("AWS::EKS::Cluster"));

        Assert.Equal(30, (int)group["Properties"]!["RetentionInDays"]!);
        Assert.Equal(KeyId(synth, "Logs"), Synthesized.RefId(group["Properties"]!["KmsKeyId"]));
        Assert.Contains(groupId, cluster["DependsOn"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public void The_cluster_role_is_assumed_by_eks_and_may_use_only_the_secrets_key()
    {
        var synth = platform.Prod;
        var roleId = Synthesized.RefId(Assert.Single(synth.Resources("AWS::EKS::Cluster")).Resource["Properties"]!["RoleArn"]);
        var role = synth.Properties(roleId);
        var policy = Assert.Single(synth.Resources("AWS::IAM::Policy"), p => p.Resource["Properties"]!["Roles"]!.AsArray().Any(r => Synthesized.RefId(r) == roleId));

        Assert.Equal("eks.amazonaws.com", (string?)role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
        var statement = Assert.Single(policy.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal(KeyId(synth, "Secrets"), Synthesized.RefId(statement["Resource"]));
    }

    [Fact]
    public void The_oidc_provider_serves_sts_for_the_cluster_issuer()
    {
        var synth = platform.Prod;
        var provider = Assert.Single(synth.Resources("AWS::IAM::OIDCProvider")).Resource["Properties"]!;

        Assert.Equal(["sts.amazonaws.com"], provider["ClientIdList"]!.AsArray().Select(c => (string)c!).ToArray());
        Assert.Equal("OpenIdConnectIssuerUrl", (string?)provider["Url"]!["Fn::GetAtt"]![1]);
    }

    [Theory]
    [InlineData("vpc-cni")]
    [InlineData("coredns")]
    [InlineData("kube-proxy")]
    [InlineData("eks-pod-identity-agent")]
    public void Core_addons_are_managed_with_overwrite_and_eks_default_versions(string addon)
    {
        var (_, resource) = Assert.Single(platform.Prod.Resources("AWS::EKS::Addon"), a => (string?)a.Resource["Properties"]!["AddonName"] == addon);

        Assert.Equal("OVERWRITE", (string?)resource["Properties"]!["ResolveConflicts"]);
        Assert.Null(resource["Properties"]!["AddonVersion"]);
    }

    [Fact]
    public void A_pinned_addon_version_is_used_as_given()
    {
        var synth = new Synthesized(TestSettings.Yaml("environment: t\ncluster:\n  name: c\n  addons:\n    coredns: v1.12.1-eksbuild.2\n"));

        synth.Template.HasResourceProperties("AWS::EKS::Addon", new Dictionary<string, object> { ["AddonName"] = "coredns", ["AddonVersion"] = "v1.12.1-eksbuild.2" });
    }

    [Fact]
    public void No_access_entry_exists_when_no_admin_is_named()
    {
        platform.Prod.Template.ResourceCountIs("AWS::EKS::AccessEntry", 0);
    }

    [Fact]
    public void Each_named_admin_gets_a_cluster_admin_access_entry_whose_id_survives_adding_another()
    {
        var two = new Synthesized(TestSettings.Yaml(Admins));
        var one = new Synthesized(TestSettings.Yaml(Admins.Replace("    - arn:aws:iam::123456789012:role/PlatformAdmin\n", "", StringComparison.Ordinal)));

        var entries = two.Resources("AWS::EKS::AccessEntry").ToArray();
        Assert.Equal(2, entries.Length);
        Assert.All(entries, e =>
        {
            var policy = Assert.Single(e.Resource["Properties"]!["AccessPolicies"]!.AsArray())!;
            Assert.Contains(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", policy["PolicyArn"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal("cluster", (string?)policy["AccessScope"]!["Type"]);
        });
        var alice = Assert.Single(one.Resources("AWS::EKS::AccessEntry")).Id;
        Assert.Contains(entries, e => e.Id == alice);
    }

    [Theory]
    [InlineData("ClusterName")]
    [InlineData("ClusterEndpoint")]
    [InlineData("OidcIssuerUrl")]
    [InlineData("OidcProviderArn")]
    [InlineData("ClusterRoleArn")]
    [InlineData("ClusterSecurityGroupId")]
    [InlineData("KubeconfigCommand")]
    public void The_stack_outputs_what_operators_need(string output)
    {
        Assert.NotNull(platform.Prod.Json["Outputs"]![output]!["Value"]);
    }

    [Theory]
    // cluster, four keys, control-plane and flow-log groups, Container Insights groups (dev ships no container logs)
    [InlineData("prod", "Retain", true, 1 + 4 + 2 + 4)]
    [InlineData("dev", "Delete", false, 1 + 4 + 2 + 1)]
    public void Data_is_retained_in_prod_and_destroyable_in_dev(string env, string policy, bool protectedStack, int statefulCount)
    {
        var synth = platform.Of(env);
        var stateful = synth.Json["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] is "AWS::EKS::Cluster" or "AWS::KMS::Key" or "AWS::Logs::LogGroup")
            .ToArray();

        Assert.Equal(statefulCount, stateful.Length);
        Assert.All(stateful, r => Assert.Equal(policy, (string?)r.Value!["DeletionPolicy"]));
        Assert.Equal(protectedStack, synth.Stack.TerminationProtection);
    }

    [Fact]
    public void Ordinary_edits_do_not_touch_the_clusters_create_only_properties_or_logical_id()
    {
        var before = new Synthesized(TestSettings.Env("prod"));
        var yaml = File.ReadAllText(Repo.Path("config", "prod.yaml"));
        yaml = Edit.Once(yaml, "kubernetesVersion: \"1.35\"", "kubernetesVersion: \"1.34\"");
        yaml = Edit.Once(yaml, "Owner: platform-team", "Owner: sre-team");
        yaml = Edit.Once(yaml, "  logRetentionDays: 30", "  logRetentionDays: 90");
        yaml = Edit.Once(yaml, "natGateways: perAz", "natGateways: single");
        var edited = new Synthesized(TestSettings.Yaml(yaml));
        Assert.Single(edited.Resources("AWS::EC2::NatGateway"));

        var (idBefore, clusterBefore) = Assert.Single(before.Resources("AWS::EKS::Cluster"));
        var (idAfter, clusterAfter) = Assert.Single(edited.Resources("AWS::EKS::Cluster"));

        Assert.Equal(idBefore, idAfter);
        Assert.NotEqual(clusterBefore["Properties"]!["Version"]!.ToJsonString(), clusterAfter["Properties"]!["Version"]!.ToJsonString());
        foreach (var createOnly in new[] { "Name", "RoleArn", "EncryptionConfig", "KubernetesNetworkConfig", "BootstrapSelfManagedAddons", "OutpostConfig" })
        {
            Assert.Equal(clusterBefore["Properties"]![createOnly]?.ToJsonString(), clusterAfter["Properties"]![createOnly]?.ToJsonString());
        }

        Assert.Equal(clusterBefore["Properties"]!["AccessConfig"]!["BootstrapClusterCreatorAdminPermissions"]!.ToJsonString(),
            clusterAfter["Properties"]!["AccessConfig"]!["BootstrapClusterCreatorAdminPermissions"]!.ToJsonString());
    }

    private static string KeyId(Synthesized synth, string purpose) =>
        synth.Resources("AWS::KMS::Key").Single(k => ((string?)k.Resource["Properties"]!["Description"])!.Contains(
            purpose switch { "Secrets" => "Kubernetes secrets", "Logs" => "CloudWatch Logs", _ => "EBS" }, StringComparison.Ordinal)).Id;
}
