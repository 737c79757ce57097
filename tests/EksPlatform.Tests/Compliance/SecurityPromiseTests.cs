using System.Text.Json.Nodes;
using EksPlatform.Tests.Identity;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Compliance;

/// <summary>
/// One named test per security statement of the README ("What the platform contains", "Nodes", "Compliance"), each
/// reading the synthesized template directly, so a change that breaks the statement fails here by name and not only
/// in the whole-template snapshot. (The cluster role's KMS actions: PlatformClusterTests.)
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SecurityPromiseTests(PlatformFixture platform)
{
    public static TheoryData<string> Envs => new("prod", "dev", "karpenter");

    [Theory]
    [MemberData(nameof(Envs))]
    public void The_node_security_group_admits_only_traffic_from_its_own_members(string env)
    {
        var synth = platform.Of(env);
        var nodeGroup = NodeSecurityGroup(synth);

        Assert.Null(synth.Properties(nodeGroup)["SecurityGroupIngress"]);
        var ingress = synth.Resources("AWS::EC2::SecurityGroupIngress")
            .Where(i => Synthesized.RefId(i.Resource["Properties"]!["GroupId"]) == nodeGroup).ToArray();
        var rule = Assert.Single(ingress).Resource["Properties"]!;
        Assert.Equal(nodeGroup, Synthesized.RefId(rule["SourceSecurityGroupId"]));
        Assert.Null(rule["CidrIp"]);
        Assert.Null(rule["CidrIpv6"]);
    }

    [Theory]
    [MemberData(nameof(Envs))]
    public void Every_launch_template_carries_the_node_and_the_cluster_security_group(string env)
    {
        var synth = platform.Of(env);
        var cluster = Assert.Single(synth.Resources("AWS::EKS::Cluster")).Id;

        var templates = synth.Resources("AWS::EC2::LaunchTemplate").ToArray();

        Assert.NotEmpty(templates);
        Assert.All(templates, t =>
        {
            var groups = t.Resource["Properties"]!["LaunchTemplateData"]!["SecurityGroupIds"]!.AsArray();
            Assert.Equal(2, groups.Count);
            Assert.Contains(groups, g => Synthesized.RefId(g) == NodeSecurityGroup(synth));
            Assert.Contains(groups, g => g!["Fn::GetAtt"] is JsonArray att && (string?)att[0] == cluster && (string?)att[1] == "ClusterSecurityGroupId");
        });
    }

    [Theory]
    [MemberData(nameof(Envs))]
    public void Launch_templates_require_imdsv2_with_hop_limit_1_by_default(string env)
    {
        var templates = platform.Of(env).Resources("AWS::EC2::LaunchTemplate").ToArray();

        Assert.All(templates, t =>
        {
            var options = t.Resource["Properties"]!["LaunchTemplateData"]!["MetadataOptions"]!;
            Assert.Equal("required", (string?)options["HttpTokens"]);
            Assert.Equal(1, (int)options["HttpPutResponseHopLimit"]!);
        });
    }

    [Theory]
    [MemberData(nameof(Envs))]
    public void The_CloudFormation_role_gets_no_bootstrap_cluster_admin(string env)
    {
        var access = Assert.Single(platform.Of(env).Resources("AWS::EKS::Cluster")).Resource["Properties"]!["AccessConfig"]!;

        Assert.False((bool)access["BootstrapClusterCreatorAdminPermissions"]!);
        Assert.Equal("API", (string?)access["AuthenticationMode"]);
    }

    [Theory]
    [MemberData(nameof(Envs))]
    public void The_kubeconfig_output_assumes_the_platforms_admin_role(string env)
    {
        var synth = platform.Of(env);
        var outputs = synth.Json["Outputs"]!;
        var admin = Synthesized.RefId(outputs["AdminRoleArn"]!["Value"]);

        var parts = outputs["KubeconfigCommand"]!["Value"]!["Fn::Join"]![1]!.AsArray();

        Assert.Equal($"aws eks update-kubeconfig --region {synth.Settings.Region.Name} --name ", (string?)parts[0]);
        Assert.Equal(Assert.Single(synth.Resources("AWS::EKS::Cluster")).Id, Synthesized.RefId(parts[1]));
        Assert.Equal(" --role-arn ", (string?)parts[2]);
        Assert.Equal(admin, Synthesized.RefId(parts[3]));
    }

    /// <summary>The four cdk-nag packs refuse inline policies: every role's permissions are managed policies.</summary>
    [Theory]
    [MemberData(nameof(Envs))]
    public void No_role_has_an_inline_policy_and_no_standalone_inline_policy_exists(string env)
    {
        var synth = platform.Of(env);

        Assert.Empty(synth.Resources("AWS::IAM::Policy"));
        Assert.All(synth.Resources("AWS::IAM::Role"), r => Assert.Null(r.Resource["Properties"]!["Policies"]));
    }

    /// <summary>Every customer managed policy fits IAM's 6,144-character limit (docs/security-facts.md §7).</summary>
    [Theory]
    [MemberData(nameof(Envs))]
    public void Every_managed_policy_fits_the_iam_size_limit(string env)
    {
        var policies = platform.Of(env).Resources("AWS::IAM::ManagedPolicy").ToArray();

        Assert.NotEmpty(policies);
        Assert.All(policies, p =>
        {
            // The template's form, without whitespace; intrinsics stand in for ARNs of about the same length.
            var size = p.Resource["Properties"]!["PolicyDocument"]!.ToJsonString().Count(c => !char.IsWhiteSpace(c));
            Assert.True(size < 6144, $"{p.Id}: {size} characters");
        });
    }

    [Theory]
    [MemberData(nameof(Envs))]
    public void The_flow_log_role_trusts_the_service_only_for_this_accounts_flow_logs(string env)
    {
        var synth = platform.Of(env);
        var flowLog = Assert.Single(synth.Resources("AWS::EC2::FlowLog")).Resource["Properties"]!;
        var role = synth.Properties(Synthesized.RefId(flowLog["DeliverLogsPermissionArn"]));

        var trust = Assert.Single(role["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;

        Assert.Equal("vpc-flow-logs.amazonaws.com", (string?)trust["Principal"]!["Service"]);
        Assert.Equal("AWS::AccountId", (string?)trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]!["Ref"]);
        var sourceArn = trust["Condition"]!["ArnLike"]!["aws:SourceArn"]!.ToJsonString();
        Assert.Contains(":ec2:", sourceArn, StringComparison.Ordinal);
        Assert.Contains(":vpc-flow-log/*", sourceArn, StringComparison.Ordinal);
        var permissions = synth.Properties(ControllerRolesTests.OwnPolicyId(role))["PolicyDocument"]!["Statement"]!.AsArray();
        var statement = Assert.Single(permissions)!;
        Assert.Equal(Synthesized.RefId(flowLog["LogGroupName"]), Synthesized.RefId(statement["Resource"]));
    }

    /// <summary>Grants only by or for AWS services on every key but the secrets key (docs/security-facts.md §3).</summary>
    [Theory]
    [MemberData(nameof(Envs))]
    public void Every_key_but_the_secrets_key_denies_grants_not_made_by_or_for_an_aws_service(string env)
    {
        var keys = platform.Of(env).Resources("AWS::KMS::Key").ToArray();

        Assert.Equal(4, keys.Length);
        foreach (var (id, key) in keys)
        {
            var deny = key["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray().SingleOrDefault(s => (string?)s!["Effect"] == "Deny");
            if (id.StartsWith("KeysSecrets", StringComparison.Ordinal))
            {
                Assert.Null(deny);
                continue;
            }

            Assert.NotNull(deny);
            Assert.Equal("kms:CreateGrant", (string?)deny["Action"]);
            Assert.Equal("false", (string?)deny["Condition"]!["BoolIfExists"]!["kms:GrantIsForAWSResource"]);
            Assert.Equal("false", (string?)deny["Condition"]!["BoolIfExists"]!["aws:PrincipalIsAWSService"]);
        }
    }

    private static string NodeSecurityGroup(Synthesized synth) =>
        Assert.Single(synth.Resources("AWS::EC2::SecurityGroup"), g => g.Id.StartsWith("NodesSecurityGroup", StringComparison.Ordinal)).Id;
}
