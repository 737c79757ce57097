using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksPlatform.Controllers;
using EksPlatform.Karpenter;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Karpenter;

/// <summary>
/// Karpenter's controller role holds every statement of the published controller policy of v1.14.1, by Sid as
/// docs/karpenter.md §3 lists them, scoped to this cluster, this node role and this queue; and it is written for the stack's
/// partition (an aws-cn stack checked here, whose EventBridge principal stays events.amazonaws.com).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class KarpenterPolicyTests(PlatformFixture platform)
{
    [Fact]
    public void The_role_holds_every_published_statement_by_sid_in_two_managed_policies()
    {
        var statements = Statements(platform.Karpenter);

        Assert.Equal(DocumentedSids().Order(StringComparer.Ordinal), statements.Select(s => (string)s["Sid"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Writes_are_conditioned_on_this_clusters_tags_and_pass_role_and_queue_name_this_stacks_resources()
    {
        var synth = platform.Karpenter;
        var statements = Statements(synth).ToDictionary(s => (string)s["Sid"]!);
        var karpenter = synth.Stack.Karpenter!;

        foreach (var sid in new[] { "AllowScopedEC2LaunchTemplateAccessActions", "AllowScopedResourceTagging", "AllowScopedDeletion" })
        {
            Assert.Equal("owned", (string?)statements[sid]["Condition"]!["StringEquals"]!["aws:ResourceTag/kubernetes.io/cluster/eks-platform-karpenter"]);
            Assert.Equal("*", (string?)statements[sid]["Condition"]!["StringLike"]!["aws:ResourceTag/karpenter.sh/nodepool"]);
        }

        Assert.Equal("eks-platform-karpenter",
            (string?)statements["AllowScopedEC2InstanceActionsWithTags"]["Condition"]!["StringEquals"]!["aws:RequestTag/eks:eks-cluster-name"]);
        var passRole = statements["AllowPassingInstanceRole"];
        Assert.Equal(Id(synth, karpenter.NodeRole.Role.Node.DefaultChild!), Synthesized.RefId(passRole["Resource"]));
        Assert.Equal(["ec2.amazonaws.com", "ec2.amazonaws.com.cn"],
            passRole["Condition"]!["StringEquals"]!["iam:PassedToService"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(Id(synth, karpenter.Queue.Queue), Synthesized.RefId(statements["AllowInterruptionQueueActions"]["Resource"]));
        Assert.Equal(Id(synth, synth.Stack.Cluster.Resource), Synthesized.RefId(statements["AllowAPIServerEndpointDiscovery"]["Resource"]));
        Assert.Equal("us-east-1", (string?)statements["AllowRegionalReadActions"]["Condition"]!["StringEquals"]!["aws:RequestedRegion"]);
    }

    [Fact]
    public void In_aws_cn_every_arn_takes_the_stacks_partition_and_eventbridge_keeps_its_principal()
    {
        var synth = new Synthesized(TestSettings.Yaml(
            "environment: cn\nregion: cn-north-1\navailabilityZones: [cnn1-az1, cnn1-az2, cnn1-az4]\ncluster: { name: eks-cn }\n" +
            "observability: { alarmEmail: oncall@example.com }\nautoscaling: { mode: karpenter }\n"));

        var policies = Statements(synth).Select(s => s.ToJsonString()).ToArray();

        Assert.All(policies, p => Assert.DoesNotContain("arn:aws:", p, StringComparison.Ordinal));
        Assert.Contains(policies, p => p.Contains("{\"Ref\":\"AWS::Partition\"}", StringComparison.Ordinal));
        var queuePolicy = Assert.Single(synth.Resources("AWS::SQS::QueuePolicy")).Resource["Properties"]!["PolicyDocument"]!;
        Assert.Equal(InterruptionQueue.EventBridgePrincipal, (string?)queuePolicy["Statement"]![0]!["Principal"]!["Service"]);
        Assert.Equal("cn-north-1",
            (string?)Statements(synth).Single(s => (string?)s["Sid"] == "AllowRegionalReadActions")["Condition"]!["StringEquals"]!["aws:RequestedRegion"]);
        // The node role trusts ec2.<URL suffix>, ec2.amazonaws.com.cn there, as Karpenter's template writes it (docs/karpenter.md §4).
        var nodeRole = synth.Properties(Id(synth, synth.Stack.Karpenter!.NodeRole.Role.Node.DefaultChild!));
        Assert.Equal("ec2.amazonaws.com.cn",
            Synthesized.WithUrlSuffix(nodeRole["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"], "amazonaws.com.cn"));
    }

    /// <summary>The statements of both managed policies of Karpenter's role.</summary>
    private static List<JsonObject> Statements(Synthesized synth)
    {
        var role = synth.Stack.Controllers.RoleOf(ControllerCatalog.Karpenter)!;
        var policyIds = new[] { role.Permissions! }.Concat(role.AdditionalPermissions)
            .Select(p => Id(synth, p.Node.DefaultChild ?? p)).ToArray();
        Assert.Equal(2, policyIds.Length);
        return [.. policyIds.SelectMany(id => synth.Properties(id)["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()))];
    }

    /// <summary>The Sids of the table of docs/karpenter.md §3.</summary>
    private static List<string> DocumentedSids()
    {
        var text = File.ReadAllText(Repo.Path("docs", "karpenter.md"));
        var start = text.IndexOf("## §3", StringComparison.Ordinal);
        var section = text[start..text.IndexOf("## §4", start, StringComparison.Ordinal)];
        return [.. SidRow().Matches(section).Select(m => m.Groups[1].Value)];
    }

    private static string Id(Synthesized synth, Constructs.IConstruct element) => (string)synth.Stack.Resolve(((Amazon.CDK.CfnElement)element).LogicalId);

    [GeneratedRegex(@"^\| `(Allow\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex SidRow();
}
