using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

/// <summary>
/// EKSP-009 statement by statement, on the good template with one statement or document changed: the cases the
/// platform's least-privilege test relies on this check for.
/// </summary>
public sealed class IamWildcardWriteCheckTests
{
    private const string CheckId = "EKSP-009";

    [Theory]
    [InlineData("""{ "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "true" } } }""", "allows wildcard action *")]
    [InlineData("""{ "Effect": "Allow", "Action": ["ec2:DescribeInstances", "ec2:DeleteVolume"], "Resource": ["arn:aws:ec2:us-east-1:111122223333:volume/vol-1", "*"] }""", "allows ec2:DeleteVolume on Resource * without a Condition")]
    [InlineData("""{ "Effect": "Allow", "Action": "ec2:DeleteVolume", "NotResource": "arn:aws:ec2:us-east-1:111122223333:volume/vol-1" }""", "allows ec2:DeleteVolume on Resource * without a Condition")]
    public void A_wildcard_action_or_an_unconditioned_write_on_everything_fails(string statement, string reason)
    {
        var template = Good();
        AddStatement(template, statement);

        var result = Check(Analyze(template), CheckId);

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.Single(result.Findings, f => f.LogicalId == "ClusterAutoscalerPolicy" && f.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "Effect": "Allow", "Action": ["ec2:DescribeInstances", "ecr:BatchGetImage", "s3:ListBucket", "autoscaling:GetX"], "Resource": "*" }""")]
    [InlineData("""{ "Effect": "Allow", "Action": ["ec2:describeinstances", "ECR:BATCHGETIMAGE"], "Resource": "*" }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "ec2:DeleteVolume", "Resource": "*", "Condition": { "StringEquals": { "aws:ResourceTag/a": "b" } } }""")]
    [InlineData("""{ "Effect": "Allow", "Action": "ec2:DeleteVolume", "Resource": { "Fn::GetAtt": ["Cluster", "Arn"] } }""")]
    [InlineData("""{ "Effect": "Deny", "Action": "*", "Resource": "*" }""")]
    public void Reads_in_any_case_conditioned_writes_named_resources_and_denies_pass(string statement)
    {
        var template = Good();
        AddStatement(template, statement);

        var result = Check(Analyze(template), CheckId);

        Assert.True(result.Status == ComplianceStatus.Pass, string.Join("; ", result.Findings.Select(f => f.Reason)));
    }

    [Fact]
    public void A_policy_document_that_cannot_be_read_fails_instead_of_passing_unchecked()
    {
        var template = Good();
        Properties(template, "ClusterAutoscalerPolicy")["PolicyDocument"] = new JsonObject { ["Fn::ImportValue"] = "shared-policy" };
        Properties(template, "EbsCsiRole")["Policies"]![0]!["PolicyDocument"] = "not a policy";

        var result = Check(Analyze(template), CheckId);

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.Single(result.Findings, f => f.LogicalId == "ClusterAutoscalerPolicy" && f.Reason.StartsWith("policy document cannot be read", StringComparison.Ordinal));
        Assert.Single(result.Findings, f => f.LogicalId == "EbsCsiRole" && f.Reason.StartsWith("inline policy kms-grants, policy document cannot be read", StringComparison.Ordinal));
    }

    private static void AddStatement(JsonObject template, string statementJson) =>
        Properties(template, "ClusterAutoscalerPolicy")["PolicyDocument"]!["Statement"]!.AsArray().Add(JsonNode.Parse(statementJson));
}
