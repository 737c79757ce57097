using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

/// <summary>EKSP-012 on a hand-made template: a scoped admin entry and an installer role that serves one build.</summary>
public sealed class AccessEntryScopeCheckTests
{
    private const string Id = "EKSP-012";

    private static JsonObject Template() => JsonNode.Parse("""
        {
          "Resources": {
            "InstallerRole": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [
              { "Effect": "Allow", "Principal": { "Service": "codebuild.amazonaws.com" }, "Action": "sts:AssumeRole" } ] } } },
            "Installer": { "Type": "AWS::CodeBuild::Project", "Properties": { "ServiceRole": { "Fn::GetAtt": ["InstallerRole", "Arn"] } } },
            "InstallerAccess": { "Type": "AWS::EKS::AccessEntry", "Properties": {
              "ClusterName": "c", "PrincipalArn": { "Fn::GetAtt": ["InstallerRole", "Arn"] }, "Type": "STANDARD",
              "AccessPolicies": [ { "PolicyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                                    "AccessScope": { "Type": "cluster" } } ] } },
            "TeamAccess": { "Type": "AWS::EKS::AccessEntry", "Properties": {
              "ClusterName": "c", "PrincipalArn": "arn:aws:iam::111122223333:role/team", "Type": "STANDARD",
              "AccessPolicies": [ { "PolicyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
                                    "AccessScope": { "Type": "namespace", "Namespaces": ["team"] } } ] } }
          }
        }
        """)!.AsObject();

    [Fact]
    public void Scoped_entries_and_a_service_role_serving_one_build_pass()
    {
        var result = Check(Analyze(Template()), Id);

        Assert.Equal(ComplianceStatus.Pass, result.Status);
    }

    public static TheoryData<string, Action<JsonObject>, string> Bad => new()
    {
        { "no scope", t => Properties(t, "TeamAccess")["AccessPolicies"]![0]!.AsObject().Remove("AccessScope"), "no cluster or namespace scope" },
        {
            "namespace scope without namespaces",
            t => Properties(t, "TeamAccess")["AccessPolicies"]![0]!["AccessScope"]!["Namespaces"] = new JsonArray(),
            "lists no namespace"
        },
        {
            "the installer role also trusts an account",
            t => Properties(t, "InstallerRole")["AssumeRolePolicyDocument"]!["Statement"]!.AsArray().Add(JsonNode.Parse(
                """{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::444455556666:root" }, "Action": "sts:AssumeRole" }""")),
            "also admits other principals"
        },
        {
            "the installer role serves a second build",
            t => Resources(t)["Other"] = JsonNode.Parse(
                """{ "Type": "AWS::CodeBuild::Project", "Properties": { "ServiceRole": { "Fn::GetAtt": ["InstallerRole", "Arn"] } } }"""),
            "serves 2 resources"
        },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Unscoped_or_shared_access_fails_naming_the_entry(string why, Action<JsonObject> edit, string reason)
    {
        var template = Template();
        edit(template);

        var result = Check(Analyze(template), Id);

        Assert.True(result.Status == ComplianceStatus.Fail, why);
        Assert.Contains(result.Findings, f => f.Reason.Contains(reason, StringComparison.Ordinal) && f.LogicalId!.EndsWith("Access", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_access_entries_it_does_not_apply()
    {
        var template = Good();
        Resources(template).Remove("AdminAccess");

        Assert.Equal(ComplianceStatus.NotApplicable, Check(Analyze(template), Id).Status);
    }
}
