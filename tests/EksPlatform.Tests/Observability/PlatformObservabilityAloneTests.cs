using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Cluster;
using EksPlatform.Observability;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Observability;

/// <summary><see cref="PlatformObservability"/> built alone for an existing cluster, beside its <see cref="CoreAddons"/>, with imported keys.</summary>
public sealed class PlatformObservabilityAloneTests
{
    private const string OnCall = "arn:aws:sns:eu-west-1:111122223333:oncall";

    private static readonly ObservabilitySettings s_settings = new()
    {
        ContainerInsights = true,
        ContainerLogs = true,
        AddonVersion = "v4.1.0-eksbuild.1",
        LogRetentionDays = 7,
        AlarmEmail = "oncall@example.com",
        AlarmTopicArn = OnCall,
        Alarms = new AlarmSettings
        {
            ApiServer5xxPercent = new AlarmThreshold(1, 3),
            PendingPods = new AlarmThreshold(5, 10),
            FailedNodes = new AlarmThreshold(1, 2),
            NodeCpuPercent = new AlarmThreshold(80, 3),
            NodeMemoryPercent = new AlarmThreshold(80, 3),
        },
    };

    [Fact]
    public void Container_insights_alarms_their_topic_and_the_dashboard_are_named_after_the_existing_cluster()
    {
        var stack = ImportedCluster.EmptyStack();
        var observability = new PlatformObservability(stack, "Observability", Props(stack, s_settings));

        var template = StackJson.Of(stack);

        var addons = template.Resources("AWS::EKS::Addon").ToDictionary(a => (string)a.Resource["Properties"]!["AddonName"]!, a => a);
        var insights = addons["amazon-cloudwatch-observability"].Resource;
        Assert.Equal("existing", (string?)insights["Properties"]!["ClusterName"]);
        Assert.Equal("v4.1.0-eksbuild.1", (string?)insights["Properties"]!["AddonVersion"]);
        Assert.Contains(addons["eks-pod-identity-agent"].Id, insights["DependsOn"]!.AsArray().Select(d => (string)d!));
        var groups = template.Resources("AWS::Logs::LogGroup").Select(g => g.Resource["Properties"]!).ToArray();
        Assert.Equal(4, groups.Length);
        Assert.All(groups, g =>
        {
            Assert.StartsWith("/aws/containerinsights/existing/", (string?)g["LogGroupName"], StringComparison.Ordinal);
            Assert.Equal(7, (int)g["RetentionInDays"]!);
            Assert.Equal(StackJson.KeyArn("logs"), (string?)g["KmsKeyId"]);
        });

        var alarms = template.Resources("AWS::CloudWatch::Alarm").Select(a => a.Resource["Properties"]!).ToArray();
        Assert.Equal(5, alarms.Length);
        Assert.All(alarms, a =>
        {
            Assert.StartsWith("existing-", (string?)a["AlarmName"], StringComparison.Ordinal);
            Assert.Contains(a["AlarmActions"]!.AsArray(), x => x is JsonValue && (string?)x == OnCall);
        });
        var (topicId, topic) = Assert.Single(template.Resources("AWS::SNS::Topic"));
        Assert.All(alarms, a => Assert.Contains(a["AlarmActions"]!.AsArray(), x => x is JsonObject && Synthesized.RefId(x) == topicId));
        Assert.Equal(StackJson.KeyArn("alarms"), (string?)topic["Properties"]!["KmsMasterKeyId"]);
        var subscription = template.Single("AWS::SNS::Subscription");
        Assert.Equal("oncall@example.com", (string?)subscription["Endpoint"]);
        Assert.Equal(topicId, Synthesized.RefId(subscription["TopicArn"]));
        Assert.Equal("existing-platform", (string?)template.Single("AWS::CloudWatch::Dashboard")["DashboardName"]);
        Assert.NotNull(observability.AgentRole);
    }

    [Fact]
    public void Without_container_insights_there_is_no_addon_and_only_the_control_plane_alarms()
    {
        var stack = ImportedCluster.EmptyStack();

        var observability = new PlatformObservability(stack, "Observability", Props(stack, s_settings with
        {
            ContainerInsights = false,
            ContainerLogs = false,
            AddonVersion = null,
        }));

        Assert.Null(observability.Addon);
        Assert.Null(observability.AgentRole);
        Assert.Equal(2, observability.Alarms.Count);
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "an email without @", "Settings.AlarmEmail" },
        { "a topic that is not an arn", "Settings.AlarmTopicArn" },
        { "a topic in another region", "Settings.AlarmTopicArn" },
        { "an addon older than pod identity", "Settings.AddonVersion" },
        { "an addon version that is not one", "Settings.AddonVersion" },
        { "container logs without container insights", "Settings.ContainerLogs" },
        { "a 42-day retention", "Settings.LogRetentionDays" },
        { "no evaluation period", "Settings.Alarms.PendingPods.EvaluationPeriods" },
        { "a cpu threshold of 150 %", "Settings.Alarms.NodeCpuPercent.Threshold" },
        { "half a failed node", "Settings.Alarms.FailedNodes.Threshold" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var settings = bad switch
        {
            "an email without @" => s_settings with { AlarmEmail = "oncall-at-example.com" },
            "a topic that is not an arn" => s_settings with { AlarmTopicArn = "oncall" },
            "a topic in another region" => s_settings with { AlarmTopicArn = "arn:aws:sns:us-east-1:111122223333:oncall" },
            "an addon older than pod identity" => s_settings with { AddonVersion = "v1.7.0-eksbuild.1" },
            "an addon version that is not one" => s_settings with { AddonVersion = "latest" },
            "container logs without container insights" => s_settings with { ContainerInsights = false, AddonVersion = null },
            "a 42-day retention" => s_settings with { LogRetentionDays = 42 },
            "no evaluation period" => s_settings with { Alarms = s_settings.Alarms with { PendingPods = new AlarmThreshold(5, 0) } },
            "a cpu threshold of 150 %" => s_settings with { Alarms = s_settings.Alarms with { NodeCpuPercent = new AlarmThreshold(150, 3) } },
            "half a failed node" => s_settings with { Alarms = s_settings.Alarms with { FailedNodes = new AlarmThreshold(0.5, 2) } },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var stack = ImportedCluster.EmptyStack();
        var props = Props(stack, settings);

        var error = Assert.Throws<ArgumentException>(() => new PlatformObservability(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
        Assert.Empty(stack.Node.FindAll().OfType<Amazon.CDK.AWS.CloudWatch.CfnAlarm>()); // refused before any alarm exists
    }

    /// <summary>The loader reports the section's own rules at observability.*, the construct throws the same sentences.</summary>
    [Theory]
    [InlineData("addonVersion: v1.7.0-eksbuild.1", "addonVersion")]
    [InlineData("alarmTopicArn: arn:aws:sns:us-east-1:111122223333:oncall", "alarmTopicArn")]
    public void The_loader_and_the_construct_refuse_observability_in_the_same_words(string yaml, string field)
    {
        var issue = Assert.Single(
            TestSettings.Problems($"environment: t\nregion: eu-west-1\ncluster: {{ name: c }}\nobservability:\n  alarmEmail: a@b.io\n  {yaml}\n"),
            i => i.Path == $"observability.{field}");
        var settings = field == "addonVersion"
            ? s_settings with { AddonVersion = "v1.7.0-eksbuild.1" }
            : s_settings with { AlarmTopicArn = "arn:aws:sns:us-east-1:111122223333:oncall" };
        var stack = ImportedCluster.EmptyStack();
        var props = Props(stack, settings);

        var error = Assert.Throws<ArgumentException>(() => new PlatformObservability(stack, "Bad", props));

        Assert.Contains(issue.Message, error.Message, StringComparison.Ordinal);
    }

    private static PlatformObservabilityProps Props(Stack stack, ObservabilitySettings settings)
    {
        var addons = new CoreAddons(stack, "Addons", new CoreAddonsProps(ImportedCluster.Attributes, new ClusterSettings
        {
            Name = "existing",
            KubernetesVersion = KubernetesVersions.All["1.33"],
            EndpointAccess = new EndpointAccessSettings { Cidrs = ["10.20.0.0/16"], SecurityGroupIds = [] },
        }));
        return new PlatformObservabilityProps(settings, ImportedCluster.Attributes, addons,
            Key.FromKeyArn(stack, "Alarms", StackJson.KeyArn("alarms")), Key.FromKeyArn(stack, "Logs", StackJson.KeyArn("logs")), RetainOnDelete: false);
    }
}
