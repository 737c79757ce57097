using System.Collections.Immutable;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using EksPlatform.Karpenter;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Karpenter;

/// <summary>
/// <see cref="InterruptionQueue"/>, <see cref="KarpenterNodeRole"/> and <see cref="PlatformKarpenter"/> built alone in an empty
/// stack for an existing cluster, with table-driven bad props that must throw with the prop's name.
/// </summary>
public sealed class KarpenterAloneTests
{
    [Fact]
    public void The_queue_alone_has_one_rule_per_documented_event_and_its_policy()
    {
        var stack = ImportedCluster.EmptyStack();
        var queue = new InterruptionQueue(stack, "Interruption", new InterruptionQueueProps("existing"));

        var template = StackJson.Of(stack);

        var queueProps = template.Single("AWS::SQS::Queue");
        Assert.True((bool)queueProps["SqsManagedSseEnabled"]!);
        Assert.Equal(InterruptionQueue.MessageRetentionSeconds, (int)queueProps["MessageRetentionPeriod"]!);
        Assert.Equal(InterruptionEvents.All.Count, template.Resources("AWS::Events::Rule").Count);
        Assert.Equal(InterruptionEvents.All, queue.Rules.Keys);
        var statements = template.Single("AWS::SQS::QueuePolicy")["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Equal(["Allow", "Deny"], statements.Select(s => (string)s!["Effect"]!));
    }

    [Fact]
    public void The_node_role_alone_leaves_out_ssm_without_the_control_container_and_joins_through_an_ec2_linux_entry()
    {
        var stack = ImportedCluster.EmptyStack();
        _ = new KarpenterNodeRole(stack, "Nodes", new KarpenterNodeRoleProps(ImportedCluster.Attributes, ControlContainer: false));

        var template = StackJson.Of(stack);

        var policies = template.Single("AWS::IAM::Role")["ManagedPolicyArns"]!.AsArray().Select(p => p!.ToJsonString()).ToArray();
        Assert.Equal(2, policies.Length);
        Assert.DoesNotContain(policies, p => p.Contains("SSM", StringComparison.Ordinal));
        var entry = template.Single("AWS::EKS::AccessEntry");
        Assert.Equal("EC2_LINUX", (string?)entry["Type"]);
        Assert.Equal("existing", (string?)entry["ClusterName"]);
        Assert.Null(entry["AccessPolicies"]);
    }

    [Fact]
    public void The_bundle_alone_builds_the_node_role_queue_and_rules_for_an_existing_cluster()
    {
        var stack = ImportedCluster.EmptyStack();
        var karpenter = new PlatformKarpenter(stack, "Karpenter", new PlatformKarpenterProps(ImportedCluster.Attributes, Vpc(stack), new KarpenterSettings()));

        var template = StackJson.Of(stack);

        Assert.Single(template.Resources("AWS::SQS::Queue"));
        Assert.Single(template.Resources("AWS::EKS::AccessEntry"));
        Assert.Equal(InterruptionEvents.All.Count, template.Resources("AWS::Events::Rule").Count);
        Assert.Equal("existing", karpenter.ClusterName);
        Assert.Same(karpenter.NodeRole.Role, karpenter.Resources.NodeRole);
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "a capacity type Karpenter does not offer", "Settings.NodePool.CapacityTypes[1]" },
        { "a duration out of form", "Settings.NodePool.ConsolidateAfter" },
        { "a budget schedule without duration", "Settings.NodePool.Budgets[0].Duration" },
        { "a reserved bottlerocket setting", "Settings.NodeClass.bottlerocketSettings.kernel.lockdown" },
        { "a vpc without private subnets", "Vpc" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var stack = ImportedCluster.EmptyStack();
        var pool = new KarpenterNodePoolSettings();
        var good = new PlatformKarpenterProps(ImportedCluster.Attributes, Vpc(stack), new KarpenterSettings());
        var props = bad switch
        {
            "a capacity type Karpenter does not offer" => good with
            {
                Settings = new KarpenterSettings { NodePool = pool with { CapacityTypes = ["on-demand", "reserved"] } },
            },
            "a duration out of form" => good with { Settings = new KarpenterSettings { NodePool = pool with { ConsolidateAfter = "1 minute" } } },
            "a budget schedule without duration" => good with
            {
                Settings = new KarpenterSettings { NodePool = pool with { Budgets = [new DisruptionBudget("0", Schedule: "@daily")] } },
            },
            "a reserved bottlerocket setting" => good with
            {
                Settings = new KarpenterSettings
                {
                    NodeClass = new KarpenterNodeClassSettings
                    {
                        ExtraSettings = ImmutableSortedDictionary<string, object>.Empty.Add("kernel.lockdown", "none"),
                    },
                },
            },
            "a vpc without private subnets" => good with
            {
                Vpc = Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(stack, "Isolated", new VpcAttributes
                {
                    VpcId = "vpc-0fedcba9876543210",
                    AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
                    IsolatedSubnetIds = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
                }),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        var error = Assert.Throws<ArgumentException>(() => new PlatformKarpenter(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
        Assert.Empty(stack.Node.FindAll().OfType<Amazon.CDK.AWS.SQS.CfnQueue>()); // refused before anything exists
    }

    public static TheoryData<string, string> BadQueueProps => new()
    {
        { "no events", "Events" },
        { "one rule id twice", "Events" },
        { "a blank cluster name", "ClusterName" },
    };

    [Theory]
    [MemberData(nameof(BadQueueProps))]
    public void Bad_queue_props_throw_with_the_props_name(string bad, string prop)
    {
        var stack = ImportedCluster.EmptyStack();
        var props = bad switch
        {
            "no events" => new InterruptionQueueProps("existing", []),
            "one rule id twice" => new InterruptionQueueProps("existing", [InterruptionEvents.All[0], InterruptionEvents.All[0]]),
            "a blank cluster name" => new InterruptionQueueProps(" "),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        var error = Assert.Throws<ArgumentException>(() => new InterruptionQueue(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
    }

    private static IVpc Vpc(Stack stack) => Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
    {
        VpcId = "vpc-0123456789abcdef0",
        AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
        PrivateSubnetIds = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
    });
}
