using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EksPlatform.Cluster;
using EksPlatform.Controllers;
using EksPlatform.Identity;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

[Collection(PlatformCollection.Name)]
public sealed class ControllerRolesTests(PlatformFixture platform)
{
    private const string AllDisabled = """
        environment: t
        observability: { alarmEmail: oncall@example.com }
        cluster:
          name: c
        controllers:
          clusterAutoscaler: { enabled: false }
          awsLoadBalancerController: { enabled: false }
          externalSecrets: { enabled: false }
          ebsCsiDriver: { enabled: false }
        """;

    [Fact]
    public void Cluster_autoscaler_describes_anything_but_scales_only_groups_tagged_for_this_cluster()
    {
        var statements = Statements(platform.Prod, ControllerCatalog.ClusterAutoscaler);

        var read = Assert.Single(statements, s => (string?)s["Sid"] == "DescribeScalingInputs");
        Assert.All(Strings(read["Action"]), a => Assert.Matches(@":(Describe|Get)", a));
        Assert.Null(read["Condition"]);
        var scale = Assert.Single(statements, s => (string?)s["Sid"] == "ScaleOnlyThisClustersGroups");
        Assert.Equal(["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
            Strings(scale["Action"]).Order(StringComparer.Ordinal));
        // Only the presence of the keys EKS writes for auto-discovery, never their undocumented values.
        var tags = Assert.Single(scale["Condition"]!.AsObject()).Value!.AsObject();
        Assert.Equal("Null", Assert.Single(scale["Condition"]!.AsObject()).Key);
        Assert.Equal("false", (string?)tags["autoscaling:ResourceTag/k8s.io/cluster-autoscaler/enabled"]);
        Assert.Equal("false", (string?)tags["autoscaling:ResourceTag/k8s.io/cluster-autoscaler/eks-platform-prod"]);
        Assert.Equal(2, tags.Count);
        Assert.Equal(2, statements.Count);
    }

    [Fact]
    public void The_load_balancer_policy_data_file_is_the_published_v3_5_0_policy_byte_for_byte()
    {
        var embedded = AwsLoadBalancerController.PolicyText();

        // md5 of kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json at v3.5.0 starts b0008a8d
        // (docs/iam-policies.md §3).
#pragma warning disable CA5351 // MD5 only to compare with the digest docs/iam-policies.md §3 records, not for security.
        Assert.Equal("b0008a8df4584fe5fcf45c7c365367e6", Convert.ToHexStringLower(MD5.HashData(System.Text.Encoding.UTF8.GetBytes(embedded))));
#pragma warning restore CA5351
        Assert.Equal(File.ReadAllText(Repo.Path("src", "EksPlatform", "Controllers", "Data", "aws-load-balancer-controller-v3.5.0.json")), embedded);
    }

    [Fact]
    public void The_load_balancer_role_carries_the_official_policy_with_only_the_ingress_statement_scoped_to_this_vpc()
    {
        var synth = platform.Prod;
        var official = JsonNode.Parse(AwsLoadBalancerController.PolicyText())!["Statement"]!.AsArray().Select(s => s!.AsObject()).ToArray();
        var vpcId = Assert.Single(synth.Resources("AWS::EC2::VPC")).Id;

        var statements = Statements(synth, ControllerCatalog.AwsLoadBalancerController);

        Assert.Equal(official.Length, statements.Count);
        for (var i = 0; i < official.Length; i++)
        {
            var actual = statements[i];
            var expected = official[i];
            Assert.Equal(Strings(expected["Action"]).Order(StringComparer.Ordinal), Strings(actual["Action"]).Order(StringComparer.Ordinal));
            Assert.Equal(Strings(expected["Resource"]).Select(PartitionToken), Strings(actual["Resource"]));
            if (expected["Condition"] is null && actual["Condition"] is { } added)
            {
                Assert.Equal(["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], Strings(actual["Action"]).Order(StringComparer.Ordinal));
                var vpcArn = added["ArnEquals"]!["ec2:Vpc"]!.ToJsonString();
                Assert.Contains($"{{\"Ref\":\"{vpcId}\"}}", vpcArn, StringComparison.Ordinal);
                Assert.Contains(":ec2:us-east-1:", vpcArn, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(JsonNode.DeepEquals(expected["Condition"], actual["Condition"]), $"statement {i}: {actual["Condition"]?.ToJsonString()}");
            }
        }

        Assert.Single(statements, s => s["Condition"]?["ArnEquals"] is not null);
        Assert.DoesNotContain("arn:aws:", Json(statements), StringComparison.Ordinal);
    }

    [Fact]
    public void External_secrets_reads_only_under_its_prefix_and_decrypts_only_through_secrets_manager_and_ssm()
    {
        var statements = Statements(platform.Prod, ControllerCatalog.ExternalSecrets);

        Assert.Equal(3, statements.Count);
        var secrets = Assert.Single(statements, s => Strings(s["Action"]).Any(a => a.StartsWith("secretsmanager:", StringComparison.Ordinal)));
        Assert.Equal(
            ["secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy", "secretsmanager:GetSecretValue", "secretsmanager:ListSecretVersionIds"],
            Strings(secrets["Action"]).Order(StringComparer.Ordinal));
        Assert.EndsWith(":secretsmanager:us-east-1:\",{\"Ref\":\"AWS::AccountId\"},\":secret:eks-platform-prod/*\"]]}", secrets["Resource"]!.ToJsonString(),
            StringComparison.Ordinal);
        var parameters = Assert.Single(statements, s => Strings(s["Action"]).Any(a => a.StartsWith("ssm:", StringComparison.Ordinal)));
        Assert.All(Strings(parameters["Action"]), a => Assert.StartsWith("ssm:GetParameter", a, StringComparison.Ordinal));
        Assert.EndsWith(":ssm:us-east-1:\",{\"Ref\":\"AWS::AccountId\"},\":parameter/eks-platform-prod/*\"]]}", parameters["Resource"]!.ToJsonString(),
            StringComparison.Ordinal);
        var decrypt = Assert.Single(statements, s => Strings(s["Action"]).Contains("kms:Decrypt"));
        Assert.Equal(["kms:Decrypt"], Strings(decrypt["Action"]));
        // The services' names with the amazonaws.com suffix in every partition, as the KMS guide says (literals, not the URL suffix).
        var viaService = decrypt["Condition"]!["StringEquals"]!["kms:ViaService"]!.AsArray();
        Assert.Equal(["secretsmanager.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"],
            viaService.Select(v => (string)v!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(statements.SelectMany(s => Strings(s["Action"])),
            a => a.Contains("Put", StringComparison.Ordinal) || a.Contains("Create", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_name_prefix_scopes_external_secrets()
    {
        var synth = new Synthesized(TestSettings.Yaml("environment: t\nobservability: { alarmEmail: oncall@example.com }\ncluster:\n  name: c\n" +
            "controllers:\n  externalSecrets:\n    namePrefix: teams/payments/\n"));

        var statements = Statements(synth, ControllerCatalog.ExternalSecrets);

        Assert.Contains(":secret:teams/payments/*", Json(statements), StringComparison.Ordinal);
        Assert.Contains(":parameter/teams/payments/*", Json(statements), StringComparison.Ordinal);
        Assert.DoesNotContain(":secret:c/*", Json(statements), StringComparison.Ordinal);
    }

    [Fact]
    public void The_ebs_csi_role_has_the_managed_policy_and_may_use_only_the_platform_ebs_key()
    {
        var synth = platform.Prod;
        var role = Role(synth, ControllerCatalog.EbsCsiDriver);
        var ebsKey = synth.Resources("AWS::KMS::Key")
            .Single(k => ((string?)k.Resource["Properties"]!["Description"])!.Contains("EBS", StringComparison.Ordinal)).Id;

        var statements = Statements(synth, ControllerCatalog.EbsCsiDriver);

        Assert.Contains(":iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy", role["ManagedPolicyArns"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, statements.Count);
        Assert.All(statements, s => Assert.Equal(ebsKey, Synthesized.RefId(s["Resource"])));
        var grant = Assert.Single(statements, s => s["Condition"] is not null);
        Assert.Equal("true", (string?)grant["Condition"]!["Bool"]!["kms:GrantIsForAWSResource"]);
        Assert.Equal(["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Strings(grant["Action"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_ebs_csi_addon_uses_its_role_overwrites_conflicts_and_sets_no_configuration()
    {
        var synth = platform.Prod;
        var roleId = Assert.Single(IrsaTrust.All(synth), t => t.Subject == ControllerCatalog.EbsCsiDriver.ServiceAccount.Subject).RoleId;

        var (_, addon) = Assert.Single(synth.Resources("AWS::EKS::Addon"), a => (string?)a.Resource["Properties"]!["AddonName"] == "aws-ebs-csi-driver");

        Assert.Equal(roleId, Synthesized.RefId(addon["Properties"]!["ServiceAccountRoleArn"]));
        Assert.Equal("OVERWRITE", (string?)addon["Properties"]!["ResolveConflicts"]);
        Assert.Null(addon["Properties"]!["ConfigurationValues"]);
        Assert.Null(addon["Properties"]!["AddonVersion"]);
        Assert.Contains(synth.Stack.Addons.NeedingNodes, a => a.AddonName == "aws-ebs-csi-driver");
    }

    [Fact]
    public void The_vpc_cni_addon_runs_on_its_own_role_with_the_cni_policy()
    {
        var synth = platform.Prod;
        var trust = Assert.Single(IrsaTrust.All(synth), t => t.Subject == "system:serviceaccount:kube-system:aws-node");

        var (_, addon) = Assert.Single(synth.Resources("AWS::EKS::Addon"), a => (string?)a.Resource["Properties"]!["AddonName"] == "vpc-cni");

        Assert.Equal(trust.RoleId, Synthesized.RefId(addon["Properties"]!["ServiceAccountRoleArn"]));
        Assert.Contains(":iam::aws:policy/AmazonEKS_CNI_Policy", synth.Properties(trust.RoleId)["ManagedPolicyArns"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(synth.Properties(trust.RoleId)["Policies"]);
    }

    [Fact]
    public void A_disabled_controller_has_no_role_no_output_and_the_ebs_addon_is_absent()
    {
        var synth = new Synthesized(TestSettings.Yaml(AllDisabled));

        var trust = Assert.Single(IrsaTrust.All(synth));

        Assert.Equal(ControllerCatalog.VpcCni.ServiceAccount.Subject, trust.Subject);
        Assert.DoesNotContain(synth.Resources("AWS::EKS::Addon"), a => (string?)a.Resource["Properties"]!["AddonName"] == "aws-ebs-csi-driver");
        Assert.False(synth.Stack.Addons.Addons.ContainsKey(CoreAddons.EbsCsiDriver));
        var outputs = synth.Json["Outputs"]!.AsObject().Select(o => o.Key).ToArray();
        Assert.Contains(ControllerCatalog.VpcCni.RoleOutputKey, outputs);
        Assert.DoesNotContain(ControllerCatalog.ClusterAutoscaler.RoleOutputKey, outputs);
        Assert.DoesNotContain(ControllerCatalog.ExternalSecrets.RoleOutputKey, outputs);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Every_role_arn_and_the_renderer_inputs_are_stack_outputs(string env)
    {
        var synth = platform.Of(env);
        var outputs = synth.Json["Outputs"]!.AsObject();
        var trusts = IrsaTrust.All(synth);

        foreach (var controller in ControllerCatalog.Enabled(synth.Settings.Controllers))
        {
            var role = Assert.Single(trusts, t => t.Subject == controller.ServiceAccount.Subject).RoleId;
            Assert.Equal(role, Synthesized.RefId(outputs[controller.RoleOutputKey]!["Value"]));
        }

        Assert.NotNull(outputs[StackOutputKeys.ClusterName]);
        Assert.NotNull(outputs[StackOutputKeys.VpcId]);
        var ebsKey = synth.Resources("AWS::KMS::Key")
            .Single(k => ((string?)k.Resource["Properties"]!["Description"])!.Contains("EBS", StringComparison.Ordinal)).Id;
        Assert.Equal(ebsKey, Synthesized.RefId(outputs[StackOutputKeys.EbsKeyArn]!["Value"]));
    }

    internal static JsonObject Role(Synthesized synth, Controller controller) =>
        synth.Properties(Assert.Single(IrsaTrust.All(synth), t => t.Subject == controller.ServiceAccount.Subject).RoleId);

    /// <summary>The statements of the controller role's own customer managed policy (the role has no inline policy).</summary>
    internal static IReadOnlyList<JsonObject> Statements(Synthesized synth, Controller controller)
    {
        var role = Role(synth, controller);
        Assert.Null(role["Policies"]);
        var policy = synth.Properties(OwnPolicyId(role));
        return policy["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()).ToArray();
    }

    /// <summary>The logical id of the one customer managed policy of the stack that a role lists (a Ref among ManagedPolicyArns).</summary>
    internal static string OwnPolicyId(JsonNode role) =>
        Assert.Single(role["ManagedPolicyArns"]!.AsArray(), arn => arn is JsonObject o && o.ContainsKey("Ref"))!["Ref"]!.GetValue<string>();

    internal static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(a => a is JsonValue ? (string)a! : a!.ToJsonString()).ToArray(),
        JsonValue value => [(string)value!],
        null => [],
        _ => [node.ToJsonString()],
    };

    /// <summary><c>arn:aws:…</c> as CDK renders it with the partition token.</summary>
    private static string PartitionToken(string arn) =>
        arn.StartsWith("arn:aws:", StringComparison.Ordinal)
            ? $"{{\"Fn::Join\":[\"\",[\"arn:\",{{\"Ref\":\"AWS::Partition\"}},\"{arn["arn:aws".Length..]}\"]]}}"
            : arn;

    private static string Json(IEnumerable<JsonObject> statements) => new JsonArray(statements.Select(s => (JsonNode)s.DeepClone()).ToArray()).ToJsonString();
}
