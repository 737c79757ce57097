using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using EksPlatform.Cluster;
using EksPlatform.Controllers;
using EksPlatform.Identity;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

/// <summary><see cref="IrsaRole"/> built alone for an existing cluster given by attributes.</summary>
public sealed class IrsaRoleAloneTests
{
    [Fact]
    public void The_role_trusts_the_existing_clusters_provider_and_issuer()
    {
        var stack = ImportedCluster.EmptyStack();
        _ = new IrsaRole(stack, "Reports", Props([]));

        var role = Single(Json(stack), "AWS::IAM::Role");

        var sub = role["AssumeRolePolicyDocument"]!["Fn::Sub"]!.AsArray();
        Assert.Contains("system:serviceaccount:team-a:reports", (string)sub[0]!, StringComparison.Ordinal);
        Assert.Equal(ImportedCluster.Attributes.OidcProviderArn, (string?)sub[1]!["ProviderArn"]);
        Assert.Null(role["ManagedPolicyArns"]);
    }

    /// <summary>A grant from another construct lands in a managed policy attached to the role, never an inline one.</summary>
    [Fact]
    public void A_bucket_grant_lands_in_a_managed_policy_attached_to_the_role()
    {
        var stack = ImportedCluster.EmptyStack();
        var role = new IrsaRole(stack, "Reports", Props([]));
        var bucket = new Bucket(stack, "Reports-bucket");

        bucket.GrantRead(role);

        var template = Json(stack);
        Assert.Empty(Resources(template, "AWS::IAM::Policy"));
        var grants = Single(template, "AWS::IAM::ManagedPolicy");
        Assert.Equal(Id(template, "AWS::IAM::Role"), (string?)grants["Roles"]![0]!["Ref"]);
        var actions = grants["PolicyDocument"]!["Statement"]!.AsArray().SelectMany(s => ControllerRolesTests.Strings(s!["Action"])).ToArray();
        Assert.Contains("s3:GetObject*", actions);
    }

    [Fact]
    public void Own_statements_and_grants_are_two_policies_and_the_role_lists_only_its_own()
    {
        var stack = ImportedCluster.EmptyStack();
        var role = new IrsaRole(stack, "Reports", Props([new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["sqs:SendMessage"],
            Resources = ["arn:aws:sqs:eu-west-1:111122223333:reports"],
        })]));
        new Bucket(stack, "Bucket").GrantRead(role);

        var template = Json(stack);

        Assert.Equal(2, Resources(template, "AWS::IAM::ManagedPolicy").Count());
        var listed = Single(template, "AWS::IAM::Role")["ManagedPolicyArns"]!.AsArray();
        Assert.Equal("sqs:SendMessage",
            (string?)template["Resources"]![(string)listed.Single()!["Ref"]!]!["Properties"]!["PolicyDocument"]!["Statement"]![0]!["Action"]);
    }

    [Theory]
    [InlineData("Team-A", "reports")]
    [InlineData("team-a", "")]
    public void Bad_service_accounts_throw_with_the_prop_name(string ns, string name)
    {
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.Throws<ArgumentException>(() => new IrsaRole(stack, "Bad", Props([]) with { ServiceAccount = new ServiceAccountRef(ns, name) }));

        Assert.Equal("ServiceAccount", error.ParamName);
    }

    private static IrsaRoleProps Props(IReadOnlyList<PolicyStatement> statements) =>
        new(ImportedCluster.Attributes, new ServiceAccountRef("team-a", "reports"), "Reads reports", statements, []);

    private static JsonObject Json(Amazon.CDK.Stack stack) => JsonNode.Parse(JsonSerializer.Serialize(Template.FromStack(stack).ToJSON()))!.AsObject();

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Resources(JsonObject template, string type) =>
        template["Resources"]!.AsObject().Where(r => (string?)r.Value!["Type"] == type);

    private static JsonObject Single(JsonObject template, string type) => Resources(template, type).Single().Value!["Properties"]!.AsObject();

    private static string Id(JsonObject template, string type) => Resources(template, type).Single().Key;
}
