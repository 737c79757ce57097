using System.Text.Json.Nodes;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Observability;

/// <summary>The amazon-cloudwatch-observability add-on, its Pod Identity role and log groups, and turning it off.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ContainerInsightsTests(PlatformFixture platform)
{
    private const string AddonName = "amazon-cloudwatch-observability";

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void The_add_on_is_managed_with_overwrite_and_gets_its_role_through_pod_identity(string env)
    {
        var synth = platform.Of(env);
        var (addonId, addon) = Addon(synth)!.Value;
        var properties = addon["Properties"]!;

        Assert.Equal("OVERWRITE", (string?)properties["ResolveConflicts"]);
        Assert.Null(properties["ServiceAccountRoleArn"]);
        var association = Assert.Single(properties["PodIdentityAssociations"]!.AsArray())!;
        Assert.Equal("cloudwatch-agent", (string?)association["ServiceAccount"]);
        var role = synth.Properties(Synthesized.RefId(association["RoleArn"]));
        Assert.Equal(addonId, synth.Stack.GetLogicalId(synth.Stack.Observability.Addon!));

        var trust = Assert.Single(role["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal("pods.eks.amazonaws.com", (string?)trust["Principal"]!["Service"]);
        Assert.Equal(["sts:AssumeRole", "sts:TagSession"], trust["Action"]!.AsArray().Select(a => (string)a!).Order(StringComparer.Ordinal).ToArray());
        Assert.Null(trust["Condition"]);
        // The EKS user guide's two policies for this add-on: metrics and logs, and Application Signals traces.
        Assert.Collection(role["ManagedPolicyArns"]!.AsArray(),
            p => Assert.EndsWith(":iam::aws:policy/CloudWatchAgentServerPolicy\"]]}", p!.ToJsonString(), StringComparison.Ordinal),
            p => Assert.EndsWith(":iam::aws:policy/AWSXrayWriteOnlyAccess\"]]}", p!.ToJsonString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void The_add_on_waits_for_the_pod_identity_agent_and_its_log_groups(string env)
    {
        var synth = platform.Of(env);
        var dependsOn = Addon(synth)!.Value.Resource["DependsOn"]!.AsArray().Select(d => (string)d!).ToArray();
        var podIdentityAgent = Assert.Single(synth.Resources("AWS::EKS::Addon"),
            a => (string?)a.Resource["Properties"]!["AddonName"] == "eks-pod-identity-agent").Id;

        Assert.Contains(podIdentityAgent, dependsOn);
        var groups = ContainerInsightsGroups(synth).ToArray();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.Contains(g.Id, dependsOn));
    }

    [Theory]
    [InlineData("prod", new[] { "application", "dataplane", "host", "performance" }, 30, "RetainExceptOnCreate")]
    [InlineData("dev", new[] { "performance" }, 7, "Delete")]
    public void Container_insights_log_groups_exist_first_with_retention_and_the_logs_key(string env, string[] kinds, int retention, string deletion)
    {
        var synth = platform.Of(env);
        var groups = ContainerInsightsGroups(synth).ToArray();
        var logsKeyArns = LogsKeyArns(synth);

        Assert.Equal(kinds.Select(k => $"/aws/containerinsights/eks-platform-{env}/{k}"), groups.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.All(groups, g =>
        {
            Assert.Equal(retention, (int)g.Resource["Properties"]!["RetentionInDays"]!);
            Assert.Equal(deletion, (string?)g.Resource["DeletionPolicy"]);
            Assert.Contains(logsKeyArns, arn => arn.Contains($":log-group:{g.Name}\"", StringComparison.Ordinal));
            Assert.Equal(LogsKeyId(synth), Synthesized.RefId(g.Resource["Properties"]!["KmsKeyId"]));
        });
    }

    [Theory]
    [InlineData("prod", null)]
    [InlineData("dev", """{"containerLogs":{"enabled":false}}""")]
    public void The_configuration_sets_only_documented_keys_that_differ_from_the_defaults(string env, string? expected)
    {
        // The add-on's documented default toleration (operator: Exists) already covers the system taint: not restated.
        Assert.Equal(expected, (string?)Addon(platform.Of(env))!.Value.Resource["Properties"]!["ConfigurationValues"]);
    }

    [Fact]
    public void Container_insights_off_means_no_add_on_no_role_no_log_groups_and_no_node_widgets_or_alarms()
    {
        var synth = ObservabilityVariants.ContainerInsightsOff;

        Assert.Null(Addon(synth));
        Assert.Null(synth.Stack.Observability.Addon);
        Assert.Null(synth.Stack.Observability.AgentRole);
        Assert.DoesNotContain(synth.Resources("AWS::IAM::Role"),
            r => r.Resource["Properties"]!["ManagedPolicyArns"]?.ToJsonString().Contains("CloudWatchAgentServerPolicy", StringComparison.Ordinal) == true);
        Assert.Empty(ContainerInsightsGroups(synth));
        Assert.DoesNotContain(LogsKeyArns(synth), arn => arn.Contains("containerinsights", StringComparison.Ordinal));

        var (body, _) = TemplateMetrics.DashboardBody(Assert.Single(synth.Resources("AWS::CloudWatch::Dashboard")).Resource["Properties"]!.AsObject());
        var dashboardNamespaces = TemplateMetrics.OfDashboard(body).Select(m => m.Namespace).Distinct().ToArray();
        Assert.Equal(["AWS/EKS"], dashboardNamespaces);

        var alarms = TemplateMetrics.Alarms(synth).ToArray();
        Assert.Equal(["obs-off-apiserver-5xx-rate", "obs-off-pending-pods"], alarms.Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.All(alarms.SelectMany(a => TemplateMetrics.OfAlarm(a.Name, a.Properties)), m => Assert.Equal("AWS/EKS", m.Namespace));
    }

    [Fact]
    public void Container_insights_on_puts_node_and_pod_metrics_on_the_dashboard()
    {
        var (body, _) = TemplateMetrics.DashboardBody(Assert.Single(platform.Prod.Resources("AWS::CloudWatch::Dashboard")).Resource["Properties"]!.AsObject());

        Assert.Contains(TemplateMetrics.OfDashboard(body), m => m.Namespace == "ContainerInsights");
    }

    private static (string Id, JsonObject Resource)? Addon(Synthesized synth) =>
        synth.Resources("AWS::EKS::Addon").Where(a => (string?)a.Resource["Properties"]!["AddonName"] == AddonName)
            .Select(a => ((string Id, JsonObject Resource)?)a).SingleOrDefault();

    private static IEnumerable<(string Id, string Name, JsonObject Resource)> ContainerInsightsGroups(Synthesized synth) =>
        synth.Resources("AWS::Logs::LogGroup")
            .Select(g => (g.Id, Name: (string)g.Resource["Properties"]!["LogGroupName"]!, g.Resource))
            .Where(g => g.Name.StartsWith("/aws/containerinsights/", StringComparison.Ordinal));

    private static string LogsKeyId(Synthesized synth) =>
        synth.Resources("AWS::KMS::Key")
            .Single(k => ((string?)k.Resource["Properties"]!["Description"])!.Contains("CloudWatch Logs", StringComparison.Ordinal)).Id;

    private static string[] LogsKeyArns(Synthesized synth) =>
        synth.Properties(LogsKeyId(synth))["KeyPolicy"]!["Statement"]!.AsArray()
            .Single(s => (string?)s!["Sid"] == "AllowCloudWatchLogsForPlatformLogGroups")!["Condition"]!["ArnEquals"]!["kms:EncryptionContext:aws:logs:arn"]!
            .AsArray().Select(a => a!.ToJsonString()).ToArray();
}
