using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EksPlatform.Tests.Identity;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Cluster;

[Collection(PlatformCollection.Name)]
public sealed class PlatformClusterTests(PlatformFixture platform)
{
    private const string Entries = """
        environment: t
        observability: { alarmEmail: oncall@example.com }
        cluster:
          name: c
          accessEntries:
            - principalArn: arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Devs_0123456789abcdef
              policy: edit
              namespaces: [team-a, team-b]
            - principalArn: arn:aws:iam::123456789012:user/alice
              policy: view
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
        var synth = new Synthesized(TestSettings.Yaml($"environment: t\nobservability: {{ alarmEmail: oncall@example.com }}\ncluster:\n  name: c{setting}\n"));

        synth.Template.HasResourceProperties("AWS::EKS::Cluster", new Dictionary<string, object>
        {
            ["UpgradePolicy"] = new Dictionary<string, object> { ["SupportType"] = expected },
        });
    }

    [Fact]
    public void A_public_endpoint_carries_its_cidr_allowlist()
    {
        var synth = new Synthesized(TestSettings.Yaml("environment: t\nobservability: { alarmEmail: oncall@example.com }\ncluster:\n  name: c\n" +
            "  endpointPublicAccess: true\n  publicAccessCidrs: [198.51.100.0/24]\n"));

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
        var (groupId, group) = Assert.Single(synth.Resources("AWS::Logs::LogGroup"),
            g => (string?)g.Resource["Properties"]!["LogGroupName"] == "/aws/eks/eks-platform-prod/cluster");
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
        var policy = synth.Properties(ControllerRolesTests.OwnPolicyId(role));

        Assert.Null(role["Policies"]);
        Assert.Equal("eks.amazonaws.com", (string?)role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
        var statement = Assert.Single(policy["PolicyDocument"]!["Statement"]!.AsArray())!;
        // Exactly the actions envelope encryption needs (docs/security-facts.md §6), on the secrets key only.
        Assert.Equal(["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ListGrants"],
            ControllerRolesTests.Strings(statement["Action"]).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(KeyId(synth, "Secrets"), Synthesized.RefId(statement["Resource"]));
        Assert.Null(statement["Condition"]);
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
        var synth = new Synthesized(TestSettings.Yaml("environment: t\nobservability: { alarmEmail: oncall@example.com }\ncluster:\n  name: c\n" +
            "  addons:\n    coredns: v1.12.1-eksbuild.2\n"));

        synth.Template.HasResourceProperties("AWS::EKS::Addon",
            new Dictionary<string, object> { ["AddonName"] = "coredns", ["AddonVersion"] = "v1.12.1-eksbuild.2" });
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Every_shipped_profile_has_the_platforms_admin_role_as_a_cluster_admin_access_entry(string env)
    {
        var synth = platform.Of(env);
        var (roleId, role) = Assert.Single(synth.Resources("AWS::IAM::Role"),
            r => ((string?)r.Resource["Properties"]!["Description"] ?? "").StartsWith("Cluster administrators", StringComparison.Ordinal));
        // Besides the installer's own entry (Installer/ControllerInstallerTests).
        var entry = Assert.Single(synth.Resources("AWS::EKS::AccessEntry"), e => !e.Id.StartsWith("Installer", StringComparison.Ordinal))
            .Resource["Properties"]!;

        Assert.Equal(roleId, Synthesized.RefId(entry["PrincipalArn"]));
        var policy = Assert.Single(entry["AccessPolicies"]!.AsArray())!;
        Assert.Contains(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", policy["PolicyArn"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("cluster", (string?)policy["AccessScope"]!["Type"]);
        // Trusted by the deploying account's root: the account's IAM policies decide who may assume it.
        var trust = Assert.Single(role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Contains(":root", trust["Principal"]!["AWS"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(trust["Condition"]);
        Assert.Contains("--role-arn", synth.Json["Outputs"]!["KubeconfigCommand"]!["Value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(roleId, Synthesized.RefId(synth.Json["Outputs"]!["AdminRoleArn"]!["Value"]));
    }

    [Fact]
    public void The_admin_role_can_be_limited_to_listed_principals_without_naming_them_as_principals()
    {
        var synth = new Synthesized(TestSettings.Yaml(TestSettings.Minimal.Replace("  name: test-cluster\n",
            "  name: test-cluster\n  adminRole:\n    assumableBy: [arn:aws:iam::123456789012:role/Oncall]\n", StringComparison.Ordinal)));
        var role = Assert.Single(synth.Resources("AWS::IAM::Role"),
            r => ((string?)r.Resource["Properties"]!["Description"] ?? "").StartsWith("Cluster administrators", StringComparison.Ordinal));
        var trust = Assert.Single(role.Resource["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;

        Assert.Contains(":root", trust["Principal"]!["AWS"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/Oncall", (string?)trust["Condition"]!["ArnLike"]!["aws:PrincipalArn"]![0]);
    }

    [Fact]
    public void Access_entries_get_their_policy_and_scope_and_keep_their_ids_when_another_is_removed()
    {
        var two = new Synthesized(TestSettings.Yaml(Entries));
        var one = new Synthesized(TestSettings.Yaml(Entries.Replace(
            "    - principalArn: arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Devs_0123456789abcdef\n" +
            "      policy: edit\n      namespaces: [team-a, team-b]\n",
            "", StringComparison.Ordinal)));

        var entries = two.Resources("AWS::EKS::AccessEntry").Where(e => !e.Id.StartsWith("Installer", StringComparison.Ordinal))
            .ToDictionary(e => e.Id, e => e.Resource["Properties"]!);
        Assert.Equal(3, entries.Count); // the platform's admin role, and the two given (the installer's is tested on its own)
        var sso = Assert.Single(entries.Values, e => e["PrincipalArn"]!.ToJsonString().Contains("AWSReservedSSO_Devs", StringComparison.Ordinal));
        var ssoPolicy = Assert.Single(sso["AccessPolicies"]!.AsArray())!;
        Assert.EndsWith("cluster-access-policy/AmazonEKSEditPolicy\"]]}", ssoPolicy["PolicyArn"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("namespace", (string?)ssoPolicy["AccessScope"]!["Type"]);
        Assert.Equal(["team-a", "team-b"], ssoPolicy["AccessScope"]!["Namespaces"]!.AsArray().Select(n => (string)n!).ToArray());
        var alice = Assert.Single(entries, e => e.Value["PrincipalArn"]!.ToJsonString() == "\"arn:aws:iam::123456789012:user/alice\"");
        Assert.Contains("AmazonEKSViewPolicy", alice.Value["AccessPolicies"]![0]!["PolicyArn"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(alice.Key, one.Resources("AWS::EKS::AccessEntry").Select(e => e.Id));
    }

    [Theory]
    [InlineData("prod", "10.0.0.0/16")]
    [InlineData("dev", "10.10.0.0/16")]
    public void The_cluster_security_group_admits_the_vpc_on_443_by_default(string env, string vpcCidr)
    {
        var synth = platform.Of(env);
        var clusterId = Assert.Single(synth.Resources("AWS::EKS::Cluster")).Id;
        var ingress = Assert.Single(synth.Resources("AWS::EC2::SecurityGroupIngress"),
            i => Synthesized.RefId(i.Resource["Properties"]!["GroupId"]) == clusterId && i.Resource["Properties"]!["CidrIp"] is not null)
            .Resource["Properties"]!;

        Assert.Equal("ClusterSecurityGroupId", (string?)ingress["GroupId"]!["Fn::GetAtt"]![1]);
        Assert.Equal((443, 443, "tcp", vpcCidr),
            ((int)ingress["FromPort"]!, (int)ingress["ToPort"]!, (string?)ingress["IpProtocol"], (string?)ingress["CidrIp"]));
    }

    [Fact]
    public void Configured_networks_and_security_groups_reach_the_endpoint_on_443()
    {
        var synth = new Synthesized(TestSettings.Yaml(TestSettings.Minimal.Replace("  name: test-cluster\n",
            "  name: test-cluster\n  endpointAccess:\n    cidrs: [172.31.0.0/16, 100.64.0.0/10]\n    securityGroupIds: [sg-0123456789abcdef0]\n",
            StringComparison.Ordinal)));
        var rules = synth.Resources("AWS::EC2::SecurityGroupIngress").Select(i => i.Resource["Properties"]!)
            .Where(p => (string?)p["GroupId"]!["Fn::GetAtt"]?[1] == "ClusterSecurityGroupId")
            .Where(p => (string?)p["Description"] != "Kubernetes API from the controller installer").ToArray();

        Assert.Equal(["100.64.0.0/10", "172.31.0.0/16"], rules.Select(r => (string?)r["CidrIp"]).OfType<string>().Order().ToArray());
        Assert.Equal("sg-0123456789abcdef0", Assert.Single(rules, r => r["SourceSecurityGroupId"] is not null)["SourceSecurityGroupId"]!.GetValue<string>());
        Assert.All(rules, r => Assert.Equal(443, (int)r["FromPort"]!));
    }

    [Theory]
    [InlineData("prod", true)]
    [InlineData("dev", false)]
    public void Production_sets_the_clusters_own_deletion_protection(string env, bool expected)
    {
        var cluster = Assert.Single(platform.Of(env).Resources("AWS::EKS::Cluster")).Resource["Properties"]!;

        Assert.Equal(expected, (bool?)cluster["DeletionProtection"] ?? false);
        Assert.Null(cluster["ZonalShiftConfig"]);
    }

    [Fact]
    public void Zonal_shift_is_offered_as_a_setting()
    {
        var synth = new Synthesized(TestSettings.Yaml(TestSettings.Minimal.Replace("  name: test-cluster\n",
            "  name: test-cluster\n  zonalShift: true\n", StringComparison.Ordinal)));

        Assert.True((bool)Assert.Single(synth.Resources("AWS::EKS::Cluster")).Resource["Properties"]!["ZonalShiftConfig"]!["Enabled"]!);
    }

    [Theory]
    [InlineData("ClusterName")]
    [InlineData("ClusterEndpoint")]
    [InlineData("OidcIssuerUrl")]
    [InlineData("OidcProviderArn")]
    [InlineData("ClusterRoleArn")]
    [InlineData("ClusterSecurityGroupId")]
    [InlineData("KubeconfigCommand")]
    [InlineData("AdminRoleArn")]
    public void The_stack_outputs_what_operators_need(string output)
    {
        Assert.NotNull(platform.Prod.Json["Outputs"]![output]!["Value"]);
    }

    [Theory]
    // cluster, four keys, control-plane, flow-log and installer groups, Container Insights groups (dev ships no container logs)
    [InlineData("prod", "RetainExceptOnCreate", true, 1 + 4 + 3 + 4)]
    [InlineData("dev", "Delete", false, 1 + 4 + 3 + 1)]
    public void Data_is_retained_in_prod_and_destroyable_in_dev(string env, string policy, bool protectedStack, int statefulCount)
    {
        var synth = platform.Of(env);
        var stateful = synth.Json["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] is "AWS::EKS::Cluster" or "AWS::KMS::Key" or "AWS::Logs::LogGroup")
            .ToArray();

        Assert.Equal(statefulCount, stateful.Length);
        Assert.All(stateful, r => Assert.Equal((string?)r.Value!["Type"] == "AWS::EKS::Cluster" ? "Delete" : policy, (string?)r.Value!["DeletionPolicy"]));
        // No resource is plainly retained: a failed first create must leave nothing behind that blocks the retry.
        Assert.DoesNotContain(synth.Json["Resources"]!.AsObject(), r => (string?)r.Value!["DeletionPolicy"] == "Retain");
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
