using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using EksPlatform.Controllers;
using EksPlatform.Installer;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Installer;

/// <summary>The installer built alone against an existing cluster, and inside the platform with the setting on and off.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ControllerInstallerTests(PlatformFixture platform)
{
    private static readonly PlatformSettings s_settings = TestSettings.Env("dev") with
    {
        Cluster = TestSettings.Env("dev").Cluster with { Name = ImportedCluster.Attributes.Name },
    };

    [Fact]
    public void Alone_it_runs_in_the_private_subnets_reaches_the_endpoint_on_443_and_is_a_cluster_admin_by_access_entry()
    {
        var (stack, _) = Alone(s_settings);
        var template = StackJson.Of(stack);

        var project = template.Single("AWS::CodeBuild::Project");
        Assert.Equal("existing-install-controllers", (string?)project["Name"]);
        Assert.Equal(ControllerInstaller.BuildImage, (string?)project["Environment"]!["Image"]);
        Assert.False((bool)project["Environment"]!["PrivilegedMode"]!);
        Assert.Equal(2, project["VpcConfig"]!["Subnets"]!.AsArray().Count);
        Assert.All(project["VpcConfig"]!["Subnets"]!.AsArray(), s => Assert.Contains("Private", Synthesized.RefId(s), StringComparison.Ordinal));
        Assert.Equal(s_settings.Installer.TimeoutMinutes, (int)project["TimeoutInMinutes"]!);

        var ingress = template.Single("AWS::EC2::SecurityGroupIngress");
        Assert.Equal(ImportedCluster.Attributes.ClusterSecurityGroupId, (string?)ingress["GroupId"]);
        Assert.Equal(443, (int)ingress["FromPort"]!);
        Assert.Equal(443, (int)ingress["ToPort"]!);
        Assert.Equal(Synthesized.RefId(ingress["SourceSecurityGroupId"]), Synthesized.RefId(project["VpcConfig"]!["SecurityGroupIds"]![0]));
        var egress = Assert.Single(template.Single("AWS::EC2::SecurityGroup")["SecurityGroupEgress"]!.AsArray())!;
        Assert.Equal(443, (int)egress["FromPort"]!);
        Assert.Null(template.Single("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]);

        var entry = template.Single("AWS::EKS::AccessEntry");
        Assert.Equal("existing", (string?)entry["ClusterName"]);
        Assert.Equal(Synthesized.RefId(project["ServiceRole"]), Synthesized.RefId(entry["PrincipalArn"]));
        var policy = Assert.Single(entry["AccessPolicies"]!.AsArray())!;
        Assert.EndsWith(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", new FakeDeploy(template).Text(policy["PolicyArn"]),
            StringComparison.Ordinal);
        Assert.Equal("cluster", (string?)policy["AccessScope"]!["Type"]);
    }

    [Fact]
    public void Alone_its_log_group_is_encrypted_and_kept_for_the_clusters_retention()
    {
        var (stack, _) = Alone(s_settings);

        var group = StackJson.Of(stack).Single("AWS::Logs::LogGroup");

        Assert.Equal("/aws/codebuild/existing-install-controllers", (string?)group["LogGroupName"]);
        Assert.Equal(s_settings.Cluster.LogRetentionDays, (int)group["RetentionInDays"]!);
        Assert.NotNull(group["KmsKeyId"]);
    }

    [Fact]
    public void Alone_the_deploy_rule_matches_this_stacks_completed_deploys_and_its_role_may_start_only_this_project()
    {
        var (stack, installer) = Alone(s_settings);
        var template = StackJson.Of(stack);
        var rules = template.Resources("AWS::Events::Rule").ToDictionary(r => r.Id, r => r.Resource["Properties"]!.AsObject());
        var start = rules[Id(stack, installer.StartRule)];

        Assert.Equal(["aws.cloudformation"], Strings(start["EventPattern"]!["source"]));
        Assert.Equal(["CloudFormation Stack Status Change"], Strings(start["EventPattern"]!["detail-type"]));
        Assert.Equal("AWS::StackId", (string?)start["EventPattern"]!["detail"]!["stack-id"]![0]!["Ref"]);
        Assert.Equal(["CREATE_COMPLETE", "UPDATE_COMPLETE"], Strings(start["EventPattern"]!["detail"]!["status-details"]!["status"]));
        var target = Assert.Single(start["Targets"]!.AsArray())!;
        Assert.Equal(Id(stack, installer.Project), Synthesized.RefId(target["Arn"]));

        var startRole = Synthesized.RefId(target["RoleArn"]);
        var grants = template.Resources("AWS::IAM::ManagedPolicy")
            .Where(p => p.Resource["Properties"]!["Roles"]!.AsArray().Any(r => Synthesized.RefId(r) == startRole)).ToArray();
        var statement = Assert.Single(Assert.Single(grants).Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal("codebuild:StartBuild", (string?)statement["Action"]);
        Assert.EndsWith(":project/existing-install-controllers", new FakeDeploy(template).Text(statement["Resource"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Alone_a_failed_build_is_sent_to_the_alarm_topic_which_admits_eventbridge()
    {
        var (stack, installer) = Alone(s_settings);
        var template = StackJson.Of(stack);
        var rule = template.Resources("AWS::Events::Rule").Single(r => r.Id == Id(stack, installer.FailureRule)).Resource["Properties"]!;

        Assert.Equal(["aws.codebuild"], Strings(rule["EventPattern"]!["source"]));
        Assert.Equal(["CodeBuild Build State Change"], Strings(rule["EventPattern"]!["detail-type"]));
        Assert.Equal(["existing-install-controllers"], Strings(rule["EventPattern"]!["detail"]!["project-name"]));
        Assert.Equal(["FAILED", "FAULT", "STOPPED", "TIMED_OUT"], Strings(rule["EventPattern"]!["detail"]!["build-status"]));
        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        Assert.Equal(Synthesized.RefId(template.Single("AWS::SNS::TopicPolicy")["Topics"]![0]), Synthesized.RefId(target["Arn"]));
        Assert.Contains("aws codebuild start-build --project-name existing-install-controllers", (string?)target["InputTransformer"]!["InputTemplate"],
            StringComparison.Ordinal);
        var statements = template.Single("AWS::SNS::TopicPolicy")["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Contains(statements, s => s!["Principal"] is JsonObject p && (string?)p["Service"] == "events.amazonaws.com"
            && (string?)s["Action"] == "sns:Publish");
    }

    public static TheoryData<string, Func<ControllerInstallerProps, ControllerInstallerProps>, string> BadProps => new()
    {
        { "timeout too short", p => p with { Settings = p.Settings with { Installer = new() { TimeoutMinutes = 9 } } }, "Settings.Installer.TimeoutMinutes" },
        { "timeout too long", p => p with { Settings = p.Settings with { Installer = new() { TimeoutMinutes = 481 } } }, "Settings.Installer.TimeoutMinutes" },
        { "another cluster", p => p with { Settings = TestSettings.Env("dev") }, "props" },
        { "no stack values", p => p with { StackValues = new Dictionary<string, string>() }, "StackValues" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Alone_bad_props_are_refused_with_the_prop_named(string why, Func<ControllerInstallerProps, ControllerInstallerProps> edit, string prop)
    {
        var error = Record.Exception(() => Alone(s_settings, edit));

        Assert.NotNull(error);
        Assert.True(error is ArgumentException or InvalidOperationException, why);
        Assert.Contains(prop, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_prod_template_holds_the_installer_and_the_alarm_key_admits_eventbridge()
    {
        var synth = platform.Prod;

        Assert.Single(synth.Resources("AWS::CodeBuild::Project"));
        Assert.Equal(2, synth.Resources("AWS::Events::Rule").Count());
        Assert.Contains(synth.Resources("AWS::EKS::AccessEntry"), e =>
            Synthesized.RefId(e.Resource["Properties"]!["PrincipalArn"]).StartsWith("InstallerRole", StringComparison.Ordinal));
        Assert.Contains(synth.Resources("AWS::EC2::SecurityGroupIngress"), i =>
            (string?)i.Resource["Properties"]!["Description"] == "Kubernetes API from the controller installer");
        Assert.Contains(synth.Resources("AWS::Logs::LogGroup"), g =>
            (string?)g.Resource["Properties"]!["LogGroupName"] == "/aws/codebuild/eks-platform-prod-install-controllers");
        Assert.Equal("eks-platform-prod-install-controllers", (string?)synth.Json["Outputs"]![StackOutputKeys.InstallerProjectName]!["Value"]);
        Assert.Contains(AlarmKeyStatements(synth), s => s!["Principal"] is JsonObject p && (string?)p["Service"] == "events.amazonaws.com");
    }

    [Fact]
    public void With_the_installer_off_nothing_of_it_is_created_and_eventbridge_gets_no_key_access()
    {
        var settings = platform.Dev.Settings with { Installer = new InstallerSettings { Enabled = false } };
        var synth = new Synthesized(settings);

        Assert.Empty(synth.Resources("AWS::CodeBuild::Project"));
        Assert.Empty(synth.Resources("AWS::Events::Rule"));
        Assert.Null(synth.Json["Outputs"]![StackOutputKeys.InstallerProjectName]);
        Assert.DoesNotContain(AlarmKeyStatements(synth), s => s!["Principal"] is JsonObject p && (string?)p["Service"] == "events.amazonaws.com");
        Assert.DoesNotContain(synth.Resources("AWS::SNS::TopicPolicy").SelectMany(p => p.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()),
            s => s!["Principal"] is JsonObject p && (string?)p["Service"] == "events.amazonaws.com");
    }

    private static JsonArray AlarmKeyStatements(Synthesized synth)
    {
        var topic = Assert.Single(synth.Resources("AWS::SNS::Topic")).Resource["Properties"]!;
        return synth.Properties(Synthesized.RefId(topic["KmsMasterKeyId"]))["KeyPolicy"]!["Statement"]!.AsArray();
    }

    private static (Stack Stack, ControllerInstaller Installer) Alone(
        PlatformSettings settings, Func<ControllerInstallerProps, ControllerInstallerProps>? edit = null)
    {
        var stack = ImportedCluster.EmptyStack();
        var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });
        var values = new Dictionary<string, string>
        {
            [StackOutputKeys.ClusterName] = ImportedCluster.Attributes.Name,
            [StackOutputKeys.VpcId] = vpc.VpcId,
            [StackOutputKeys.EbsKeyArn] = StackJson.KeyArn("ebs"),
        };
        foreach (var controller in ControllerCatalog.All)
        {
            values[controller.RoleOutputKey] = $"arn:aws:iam::{ImportedCluster.Account}:role/{controller.ConstructId}";
        }

        var props = new ControllerInstallerProps(settings, ImportedCluster.Attributes, vpc, values,
            new Key(stack, "LogsKey"), new Topic(stack, "Alarms"), RetainOnDelete: false);
        return (stack, new ControllerInstaller(stack, "Installer", edit is null ? props : edit(props)));
    }

    private static string Id(Stack stack, CfnElement element) => (string)stack.Resolve(element.LogicalId);

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(n => (string)n!)];
}
