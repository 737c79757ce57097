using System.Text.Json.Nodes;
using EksPlatform.Controllers;
using EksPlatform.Karpenter;
using EksPlatform.Tests.Identity;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Karpenter;

/// <summary>
/// The Karpenter example profile (config/karpenter.yaml) as a template: the node role and its EC2_LINUX access entry, the
/// interruption queue with its policy and rules, the discovery tags, the controller's role through EKS Pod Identity, and
/// nothing of cluster-autoscaler (docs/karpenter.md).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class KarpenterStackTests(PlatformFixture platform)
{
    [Fact]
    public void There_is_no_cluster_autoscaler_role_nor_its_output()
    {
        var synth = platform.Karpenter;

        Assert.DoesNotContain(ControllerCatalog.ClusterAutoscaler, synth.Stack.Controllers.Roles.Keys);
        Assert.Null(synth.Json["Outputs"]![ControllerCatalog.ClusterAutoscaler.RoleOutputKey]);
        Assert.DoesNotContain(synth.Resources("AWS::IAM::ManagedPolicy"),
            p => p.Resource.ToJsonString().Contains("autoscaling:SetDesiredCapacity", StringComparison.Ordinal));
    }

    [Fact]
    public void The_node_role_has_the_worker_ecr_read_only_and_ssm_policies_no_cni_and_an_ec2_linux_access_entry()
    {
        var synth = platform.Karpenter;
        var roleId = Id(synth, synth.Stack.Karpenter!.NodeRole.Role.Node.DefaultChild!);

        var policies = synth.Properties(roleId)["ManagedPolicyArns"]!.AsArray().Select(p => p!.ToJsonString()).ToArray();
        Assert.Equal(3, policies.Length);
        Assert.Contains(policies, p => p.Contains("policy/AmazonEKSWorkerNodePolicy", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Contains("policy/AmazonEC2ContainerRegistryReadOnly", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Contains("policy/AmazonSSMManagedInstanceCore", StringComparison.Ordinal));
        Assert.DoesNotContain(policies, p => p.Contains("CNI", StringComparison.Ordinal));
        var entry = Assert.Single(synth.Resources("AWS::EKS::AccessEntry"), e => (string?)e.Resource["Properties"]!["Type"] == "EC2_LINUX");
        Assert.Equal(roleId, Synthesized.RefId(entry.Resource["Properties"]!["PrincipalArn"]));
        Assert.Null(entry.Resource["Properties"]!["AccessPolicies"]);
        Assert.Equal(Id(synth, synth.Stack.Cluster.Resource), Synthesized.RefId(entry.Resource["Properties"]!["ClusterName"]));
    }

    [Fact]
    public void The_queue_is_encrypted_keeps_messages_300_seconds_and_admits_only_eventbridge_from_its_rules_and_only_tls()
    {
        var synth = platform.Karpenter;
        var queueId = Assert.Single(synth.Resources("AWS::SQS::Queue")).Id;
        var queue = synth.Properties(queueId);
        var ruleIds = QueueRules(synth, queueId).Select(r => r.Id).ToHashSet();
        Assert.Equal(InterruptionEvents.All.Count, ruleIds.Count);

        Assert.True((bool)queue["SqsManagedSseEnabled"]!);
        Assert.Equal(300, (int)queue["MessageRetentionPeriod"]!);
        var policy = Assert.Single(synth.Resources("AWS::SQS::QueuePolicy")).Resource["Properties"]!;
        Assert.Equal(queueId, Synthesized.RefId(Assert.Single(policy["Queues"]!.AsArray())));
        var statements = policy["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()).ToArray();
        var allow = Assert.Single(statements, s => (string?)s["Effect"] == "Allow");
        Assert.Equal(InterruptionQueue.EventBridgePrincipal, (string?)allow["Principal"]!["Service"]);
        Assert.Equal("sqs:SendMessage", (string?)allow["Action"]);
        Assert.Equal(queueId, Synthesized.RefId(allow["Resource"]));
        Assert.Equal(ruleIds, allow["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.AsArray().Select(Synthesized.RefId).ToHashSet());
        var deny = Assert.Single(statements, s => (string?)s["Effect"] == "Deny");
        Assert.Equal("*", (string?)deny["Principal"]);
        Assert.Equal("sqs:*", (string?)deny["Action"]);
        Assert.Equal("false", (string?)deny["Condition"]!["Bool"]!["aws:SecureTransport"]);
    }

    [Fact]
    public void Every_rule_targets_the_queue()
    {
        var synth = platform.Karpenter;
        var queueId = Assert.Single(synth.Resources("AWS::SQS::Queue")).Id;

        // The interruption rules are the stack's rules under Karpenter (the installer has rules of its own).
        var rules = synth.Resources("AWS::Events::Rule").Where(r => r.Id.StartsWith("KarpenterInterruption", StringComparison.Ordinal)).ToArray();

        Assert.Equal(InterruptionEvents.All.Count, rules.Length);
        Assert.Equal(rules.Select(r => r.Id).Order(StringComparer.Ordinal), QueueRules(synth, queueId).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(rules, r =>
        {
            Assert.Equal("ENABLED", (string?)r.Resource["Properties"]!["State"]);
            Assert.Equal(queueId, Synthesized.RefId(Assert.Single(r.Resource["Properties"]!["Targets"]!.AsArray())!["Arn"]));
        });
    }

    [Fact]
    public void The_private_subnets_and_the_node_security_group_carry_the_discovery_tag_and_the_public_subnets_do_not()
    {
        var synth = platform.Karpenter;
        var vpc = synth.Stack.Network.Vpc;
        string? Discovery(Constructs.IConstruct construct) => synth.Properties(Id(synth, (Amazon.CDK.CfnElement)construct.Node.DefaultChild!))["Tags"]!
            .AsArray().SingleOrDefault(t => (string?)t!["Key"] == KarpenterController.DiscoveryTagKey)?["Value"]?.GetValue<string>();

        Assert.All(vpc.PrivateSubnets, s => Assert.Equal("eks-platform-karpenter", Discovery(s)));
        Assert.All(vpc.PublicSubnets, s => Assert.Null(Discovery(s)));
        Assert.Equal("eks-platform-karpenter", Discovery(synth.Stack.Nodes!.SecurityGroup));
    }

    [Fact]
    public void The_controller_role_is_reached_through_pod_identity_for_kube_system_karpenter()
    {
        var synth = platform.Karpenter;
        var role = synth.Stack.Controllers.RoleOf(ControllerCatalog.Karpenter)!;
        var roleId = Id(synth, role.Resource);

        var association = Assert.Single(synth.Resources("AWS::EKS::PodIdentityAssociation"),
            a => Synthesized.RefId(a.Resource["Properties"]!["RoleArn"]) == roleId).Resource["Properties"]!;
        Assert.Equal("kube-system", (string?)association["Namespace"]);
        Assert.Equal("karpenter", (string?)association["ServiceAccount"]);
        Assert.DoesNotContain(IrsaTrust.All(synth), t => t.RoleId == roleId);
        Assert.NotNull(synth.Json["Outputs"]![StackOutputKeys.KarpenterInterruptionQueueName]);
        Assert.NotNull(synth.Json["Outputs"]![StackOutputKeys.KarpenterNodeRoleName]);
    }

    /// <summary>The in-VPC installer embeds the files `controllers` renders, so it installs Karpenter with the stack's own values.</summary>
    [Fact]
    public void The_in_vpc_installer_installs_karpenter_from_its_oci_chart_with_the_stacks_queue_and_node_role()
    {
        var synth = platform.Karpenter;
        var project = Assert.Single(synth.Resources("AWS::CodeBuild::Project")).Resource["Properties"]!.ToJsonString();

        Assert.Contains("karpenter.ec2nodeclass.yaml", project, StringComparison.Ordinal);
        Assert.Contains("karpenter.nodepool.yaml", project, StringComparison.Ordinal);
        Assert.Contains("oci://public.ecr.aws/karpenter/karpenter --version 1.14.1", project, StringComparison.Ordinal);
        Assert.Contains(Id(synth, synth.Stack.Karpenter!.Queue.Queue), project, StringComparison.Ordinal);
        Assert.Contains(Id(synth, synth.Stack.Karpenter.NodeRole.Role.Node.DefaultChild!), project, StringComparison.Ordinal);
        // No placeholder: the installer has the stack's own values.
        Assert.DoesNotContain("<INTERRUPTION QUEUE NAME:", project, StringComparison.Ordinal);
        Assert.DoesNotContain("<KARPENTER NODE ROLE NAME:", project, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ebs_key_lets_identities_of_the_account_use_it_through_ec2_which_covers_karpenter_and_its_nodes()
    {
        var synth = platform.Karpenter;
        var keyId = Id(synth, (Amazon.CDK.CfnElement)synth.Stack.Keys.Ebs.Node.DefaultChild!);

        var statements = synth.Properties(keyId)["KeyPolicy"]!["Statement"]!.AsArray().Select(s => s!.AsObject()).ToArray();

        // Karpenter's troubleshooting guide, "Node terminates before ready on failed encrypted EBS volume" (docs/karpenter.md §6):
        // the key must let the principal that launches the node use it through EC2; the platform's statement is the pattern
        // that guide recommends (any principal of the account, only through EC2 of this region).
        var use = Assert.Single(statements, s => (string?)s["Sid"] == "AllowVolumesThroughEc2InThisAccount");
        Assert.Equal("*", (string?)use["Principal"]!["AWS"]);
        Assert.Equal(["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
            use["Action"]!.AsArray().Select(a => (string)a!).Order(StringComparer.Ordinal));
        Assert.Equal("ec2.us-east-1.amazonaws.com", (string?)use["Condition"]!["StringEquals"]!["kms:ViaService"]);
        Assert.NotNull(use["Condition"]!["StringEquals"]!["kms:CallerAccount"]);
        var grant = Assert.Single(statements, s => (string?)s["Sid"] == "AllowGrantsForAttachedVolumesThroughEc2");
        Assert.Equal("kms:CreateGrant", (string?)grant["Action"]);
    }

    /// <summary>The rules whose target is the queue.</summary>
    internal static IEnumerable<(string Id, JsonObject Resource)> QueueRules(Synthesized synth, string queueId) =>
        synth.Resources("AWS::Events::Rule").Where(r => r.Resource["Properties"]!["Targets"]!.AsArray()
            .Any(t => t!["Arn"] is JsonObject arn && arn["Fn::GetAtt"] is not null && Synthesized.RefId(arn) == queueId));

    private static string Id(Synthesized synth, Amazon.CDK.CfnElement element) => (string)synth.Stack.Resolve(element.LogicalId);

    private static string Id(Synthesized synth, Constructs.IConstruct construct) => Id(synth, (Amazon.CDK.CfnElement)construct);
}
