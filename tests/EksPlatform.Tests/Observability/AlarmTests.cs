using System.Text.Json.Nodes;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Observability;

/// <summary>The alarms: thresholds from settings, actions on the encrypted topic, and the topic's policies.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AlarmTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void At_least_five_alarms_notify_the_encrypted_topic_on_alarm_and_on_ok(string env)
    {
        var synth = platform.Of(env);
        var topicId = Assert.Single(synth.Resources("AWS::SNS::Topic")).Id;
        var alarms = TemplateMetrics.Alarms(synth).ToArray();

        Assert.True(alarms.Length >= 5, $"{alarms.Length} alarms");
        Assert.All(alarms, a =>
        {
            Assert.Equal([topicId], a.Properties["AlarmActions"]!.AsArray().Select(Synthesized.RefId).ToArray());
            Assert.Equal([topicId], a.Properties["OKActions"]!.AsArray().Select(Synthesized.RefId).ToArray());
            Assert.StartsWith($"eks-platform-{env}-", a.Name, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void The_topic_uses_a_customer_key_whose_policy_admits_cloudwatch(string env)
    {
        var synth = platform.Of(env);
        var topic = Assert.Single(synth.Resources("AWS::SNS::Topic")).Resource["Properties"]!;
        var key = synth.Properties(Synthesized.RefId(topic["KmsMasterKeyId"]));

        var statement = Assert.Single(key["KeyPolicy"]!["Statement"]!.AsArray(), s => (string?)s!["Principal"]?["Service"] == "cloudwatch.amazonaws.com")!;
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*"], statement["Action"]!.AsArray().Select(a => (string)a!).Order(StringComparer.Ordinal).ToArray());
        Assert.True((bool)key["EnableKeyRotation"]!);
    }

    [Fact]
    public void The_topic_policy_lets_only_this_clusters_alarms_publish_and_refuses_plain_http()
    {
        var synth = platform.Prod;
        var topicId = Assert.Single(synth.Resources("AWS::SNS::Topic")).Id;
        var policy = Assert.Single(synth.Resources("AWS::SNS::TopicPolicy"),
            p => p.Resource["Properties"]!["Topics"]!.AsArray().Any(t => Synthesized.RefId(t) == topicId));
        var statements = policy.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();

        // Besides EventBridge's grant for the installer's failed builds (Installer/ControllerInstallerTests).
        var allow = Assert.Single(statements, s => (string?)s!["Effect"] == "Allow" && (string?)s["Principal"]!["Service"] != "events.amazonaws.com")!;
        Assert.Equal("cloudwatch.amazonaws.com", (string?)allow["Principal"]!["Service"]);
        Assert.Equal("sns:Publish", (string?)allow["Action"]);
        var sourceArn = allow["Condition"]!["ArnLike"]!["aws:SourceArn"]!.ToJsonString();
        Assert.Contains(":cloudwatch:us-east-1:", sourceArn, StringComparison.Ordinal);
        Assert.Contains(":alarm:eks-platform-prod-*", sourceArn, StringComparison.Ordinal);
        Assert.Equal("AWS::AccountId", (string?)allow["Condition"]!["StringEquals"]!["aws:SourceAccount"]!["Ref"]);

        var deny = Assert.Single(statements, s => (string?)s!["Effect"] == "Deny")!;
        Assert.Equal("false", (string?)deny["Condition"]!["Bool"]!["aws:SecureTransport"]);
        Assert.Equal("*", (string?)deny["Principal"]);
    }

    [Theory]
    [InlineData("apiserver-5xx-rate", 1.0, 3, "notBreaching")]
    [InlineData("pending-pods", 5.0, 10, "notBreaching")]
    [InlineData("failed-nodes", 1.0, 2, "breaching")]
    [InlineData("node-cpu", 80.0, 3, "missing")]
    [InlineData("node-memory", 80.0, 3, "missing")]
    public void Default_thresholds_and_deliberate_missing_data_handling(string alarm, double threshold, int periods, string missing)
    {
        var properties = Alarm(platform.Prod, "eks-platform-prod-" + alarm);

        Assert.Equal(threshold, (double)properties["Threshold"]!);
        Assert.Equal(periods, (int)properties["EvaluationPeriods"]!);
        Assert.Equal(periods, (int)properties["DatapointsToAlarm"]!);
        Assert.Equal("GreaterThanOrEqualToThreshold", (string?)properties["ComparisonOperator"]);
        Assert.Equal(missing, (string?)properties["TreatMissingData"]);
    }

    [Theory]
    [InlineData("apiserver-5xx-rate", 2.5, 4)]
    [InlineData("pending-pods", 12.0, 15)]
    [InlineData("failed-nodes", 2.0, 3)]
    [InlineData("node-cpu", 90.0, 6)]
    [InlineData("node-memory", 85.0, 5)]
    public void Thresholds_and_evaluation_periods_come_from_settings(string alarm, double threshold, int periods)
    {
        var properties = Alarm(ObservabilityVariants.Custom, "obs-custom-" + alarm);

        Assert.Equal(threshold, (double)properties["Threshold"]!);
        Assert.Equal(periods, (int)properties["EvaluationPeriods"]!);
        Assert.Equal(periods, (int)properties["DatapointsToAlarm"]!);
        Assert.Contains(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)properties["AlarmDescription"],
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_5xx_alarm_is_a_rate_of_5xx_over_all_requests()
    {
        var properties = Alarm(platform.Prod, "eks-platform-prod-apiserver-5xx-rate");
        var queries = properties["Metrics"]!.AsArray();

        var expression = Assert.Single(queries, q => q!["Expression"] is not null)!;
        Assert.Equal("100 * errors / requests", (string?)expression["Expression"]);
        Assert.Equal("apiserver_request_total_5XX",
            (string?)Assert.Single(queries, q => (string?)q!["Id"] == "errors")!["MetricStat"]!["Metric"]!["MetricName"]);
        Assert.Equal("apiserver_request_total", (string?)Assert.Single(queries, q => (string?)q!["Id"] == "requests")!["MetricStat"]!["Metric"]!["MetricName"]);
        Assert.All(queries.Where(q => q!["MetricStat"] is not null), q => Assert.False((bool)q!["ReturnData"]!));
    }

    [Fact]
    public void An_email_address_in_settings_is_subscribed_to_the_topic()
    {
        var synth = ObservabilityVariants.Custom;
        var topicId = Assert.Single(synth.Resources("AWS::SNS::Topic")).Id;

        var subscription = Assert.Single(synth.Resources("AWS::SNS::Subscription")).Resource["Properties"]!;

        Assert.Equal("email", (string?)subscription["Protocol"]);
        Assert.Equal(ObservabilityVariants.Email, (string?)subscription["Endpoint"]);
        Assert.Equal(topicId, Synthesized.RefId(subscription["TopicArn"]));
    }

    [Fact]
    public void Without_an_email_address_there_is_no_subscription()
    {
        Assert.Null(TestSettings.Env("dev").Observability.AlarmEmail);
        Assert.Empty(platform.Dev.Resources("AWS::SNS::Subscription"));
    }

    [Fact]
    public void Production_alarms_reach_a_person_and_development_only_warns()
    {
        Assert.Single(platform.Prod.Resources("AWS::SNS::Subscription"), s => (string?)s.Resource["Properties"]!["Protocol"] == "email");
        var refused = Assert.Single(TestSettings.Problems(TestSettings.Bare), p => p.Path == "observability");
        Assert.Contains("notify nobody", refused.Message, StringComparison.Ordinal);
        var dev = SettingsLoader.LoadYaml(TestSettings.Bare + "\ntier: development\n", "test", TestSettings.Today);
        Assert.Contains(dev.Warnings, w => w.Path == "observability" && w.Severity == IssueSeverity.Warning);
    }

    [Fact]
    public void An_existing_topic_is_notified_beside_the_platforms_own_on_alarm_and_ok()
    {
        var synth = ObservabilityVariants.ContainerInsightsOff;

        Assert.All(synth.Resources("AWS::CloudWatch::Alarm"), a =>
        {
            foreach (var actions in new[] { "AlarmActions", "OKActions" })
            {
                var arns = a.Resource["Properties"]![actions]!.AsArray();
                Assert.Equal(2, arns.Count);
                Assert.Contains(arns, x => x!.ToJsonString() == "\"arn:aws:sns:us-east-1:111122223333:oncall-pager\"");
            }
        });
    }

    [Theory]
    [InlineData("arn:aws:sns:eu-west-1:111122223333:pager", "can notify only topics of us-east-1")]
    [InlineData("arn:aws-cn:sns:us-east-1:111122223333:pager", "can notify only topics of us-east-1")]
    [InlineData("arn:aws:sqs:us-east-1:111122223333:pager", "is not an SNS topic ARN")]
    public void An_alarm_topic_in_another_region_or_of_another_kind_is_refused(string arn, string fragment)
    {
        var problem = Assert.Single(TestSettings.Problems(TestSettings.Bare + $"\nobservability:\n  alarmTopicArn: {arn}\n"));

        Assert.Equal("observability.alarmTopicArn", problem.Path);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_insights_alarms_wait_for_the_add_on_and_control_plane_alarms_do_not()
    {
        var synth = platform.Prod;
        var addonId = Assert.Single(synth.Resources("AWS::EKS::Addon"),
            a => (string?)a.Resource["Properties"]!["AddonName"] == "amazon-cloudwatch-observability").Id;

        foreach (var (id, name, _) in TemplateMetrics.Alarms(synth))
        {
            var dependsOn = synth.Json["Resources"]![id]!["DependsOn"]?.AsArray().Select(d => (string?)d) ?? [];
            var readsContainerInsights = name.EndsWith("failed-nodes", StringComparison.Ordinal) || name.Contains("-node-", StringComparison.Ordinal);
            Assert.Equal(readsContainerInsights, dependsOn.Contains(addonId));
        }
    }

    private static JsonObject Alarm(Synthesized synth, string name) =>
        Assert.Single(TemplateMetrics.Alarms(synth), a => a.Name == name).Properties;
}
