using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.IAM;
using EksPlatform.Controllers;
using EksPlatform.Identity;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

/// <summary><see cref="PodIdentityRole"/> built alone, in an empty stack outside us-east-1, from plain props.</summary>
public sealed class PodIdentityRoleTests
{
    private const string ClusterArn = "arn:aws:eks:eu-west-1:111122223333:cluster/eks-euw";
    private static readonly ServiceAccountRef s_account = new("team-a", "reports");

    [Fact]
    public void The_trust_admits_pod_identity_only_for_sessions_tagged_with_this_cluster_namespace_and_service_account()
    {
        var (template, _) = Build();

        var role = Resource(template, "AWS::IAM::Role");
        var statements = role["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();

        var actions = statements.SelectMany(s => ControllerRolesTests.Strings(s!["Action"])).Order(StringComparer.Ordinal);
        Assert.Equal(["sts:AssumeRole", "sts:TagSession"], actions);
        Assert.All(statements, s =>
        {
            Assert.Equal(PodIdentityRole.ServicePrincipalName, (string?)s!["Principal"]!["Service"]);
            var tags = s["Condition"]!["StringEquals"]!;
            Assert.Equal(ClusterArn, (string?)tags["aws:RequestTag/eks-cluster-arn"]);
            Assert.Equal("team-a", (string?)tags["aws:RequestTag/kubernetes-namespace"]);
            Assert.Equal("reports", (string?)tags["aws:RequestTag/kubernetes-service-account"]);
        });
    }

    [Fact]
    public void The_association_names_the_cluster_and_service_account_and_the_permissions_are_a_managed_policy()
    {
        var (template, _) = Build();

        var association = Resource(template, "AWS::EKS::PodIdentityAssociation");
        Assert.Equal("eks-euw", (string?)association["ClusterName"]);
        Assert.Equal("team-a", (string?)association["Namespace"]);
        Assert.Equal("reports", (string?)association["ServiceAccount"]);
        var role = Resource(template, "AWS::IAM::Role");
        Assert.Null(role["Policies"]);
        var policy = Resource(template, "AWS::IAM::ManagedPolicy");
        Assert.Equal("s3:GetObject", (string?)policy["PolicyDocument"]!["Statement"]![0]!["Action"]);
        Assert.Equal(ControllerRolesTests.OwnPolicyId(role),
            template["Resources"]!.AsObject().Single(r => (string?)r.Value!["Type"] == "AWS::IAM::ManagedPolicy").Key);
    }

    [Theory]
    [InlineData("Team-A", "reports", "namespace")]
    [InlineData("team-a", "reports_", "service account name")]
    public void Bad_service_account_names_throw_with_the_prop_name(string ns, string name, string what)
    {
        var error = Assert.Throws<ArgumentException>(() => Build(new ServiceAccountRef(ns, name)));

        Assert.Equal("ServiceAccount", error.ParamName);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_four_nag_packs_find_nothing_in_a_stack_holding_only_the_role()
    {
        var outdir = Directory.CreateTempSubdirectory("eksp-podidentity-").FullName;
        try
        {
            var app = new App(new AppProps { Outdir = outdir });
            _ = Build(app: app);
            app.Synth();

            var (exitCode, report) = NodeTool.Run("nag.js", outdir);

            Assert.True(exitCode == 0, report["findings"]!.ToJsonString());
            Assert.Empty(report["findings"]!.AsArray());
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

    private static (JsonObject Template, PodIdentityRole Role) Build(ServiceAccountRef? account = null, App? app = null)
    {
        var stack = new Stack(app ?? new App(), "PodIdentity",
            new StackProps { Env = new Amazon.CDK.Environment { Account = "111122223333", Region = "eu-west-1" } });
        var role = new PodIdentityRole(stack, "Reports", new PodIdentityRoleProps("eks-euw", ClusterArn, account ?? s_account, "Reads report objects",
            [new PolicyStatement(new PolicyStatementProps { Actions = ["s3:GetObject"], Resources = ["arn:aws:s3:::reports-bucket/monthly.csv"] })], []));
        var template = JsonNode.Parse(JsonSerializer.Serialize(Template.FromStack(stack).ToJSON()))!.AsObject();
        return (template, role);
    }

    private static JsonObject Resource(JsonObject template, string type) =>
        template["Resources"]!.AsObject().Single(r => (string?)r.Value!["Type"] == type).Value!["Properties"]!.AsObject();
}
