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
    [InlineData("""{ "Effect": "Allow", "Action": "*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "true" } } }""",
        "allows wildcard action *")]
    [InlineData("""
        { "Effect": "Allow", "Action": ["ec2:DescribeInstances", "ec2:DeleteVolume"],
          "Resource": ["arn:aws:ec2:us-east-1:111122223333:volume/vol-1", "*"] }
        """,
        "allows ec2:DeleteVolume on Resource * without a Condition")]
    [InlineData("""{ "Effect": "Allow", "Action": "ec2:DeleteVolume", "NotResource": "arn:aws:ec2:us-east-1:111122223333:volume/vol-1" }""",
        "allows ec2:DeleteVolume on Resource * without a Condition")]
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

    private const string SecretArn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:eks-platform-prod/db-AbCdEf";

    [Theory]
    [InlineData("""{ "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*" }""",
        "allows secretsmanager:GetSecretValue on Resource * without a Condition, which reads secret data on every resource")]
    [InlineData("""{ "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "SECRET" }""", null)]
    [InlineData("""
        { "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
          "Condition": { "StringEquals": { "aws:ResourceTag/team": "platform" } } }
        """, null)]
    [InlineData("""{ "Effect": "Allow", "Action": "ssm:GetParameter*", "Resource": "*" }""",
        "allows ssm:GetParameter* (ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath) on Resource * without a Condition, " +
        "which reads secret data on every resource")]
    [InlineData("""{ "Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*" }""", null)]
    [InlineData("""{ "Effect": "Allow", "Action": "S3:get*", "Resource": "*" }""",
        "allows S3:get* (s3:GetObject, s3:GetObjectVersion) on Resource * without a Condition, which reads secret data")]        // any case
    [InlineData("""{ "Effect": "Allow", "Action": "secretsmanager:Get?ecretValue", "Resource": "*" }""",
        "allows secretsmanager:Get?ecretValue (secretsmanager:GetSecretValue) on Resource *")]
    [InlineData("""{ "Effect": "Allow", "Action": "kms:Decrypt", "NotResource": "SECRET" }""",
        "allows kms:Decrypt on Resource * without a Condition, which reads secret data")]
    [InlineData("""{ "Sid": "Q", "Effect": "Allow", "Action": ["dynamodb:Query", "dynamodb:DescribeTable"], "Resource": "*" }""",
        "statement Q allows dynamodb:Query on Resource * without a Condition, which reads")]                                    // not called a write
    [InlineData("""
        { "Effect": "Allow", "Action": ["secretsmanager:DescribeSecret", "secretsmanager:ListSecrets", "s3:GetBucketPolicy", "ssm:DescribeParameters"],
          "Resource": "*" }
        """, null)] // metadata only
    public void Reads_of_secret_data_on_every_resource_without_a_Condition_fail(string statement, string? reason)
    {
        var template = Good();
        AddStatement(template, statement.Replace("\"SECRET\"", $"\"{SecretArn}\"", StringComparison.Ordinal));

        var result = Check(Analyze(template), CheckId);

        if (reason is null)
        {
            Assert.True(result.Status == ComplianceStatus.Pass, string.Join("; ", result.Findings.Select(f => f.Reason)));
        }
        else
        {
            Assert.Equal(ComplianceStatus.Fail, result.Status);
            var finding = Assert.Single(result.Findings);
            Assert.Equal("ClusterAutoscalerPolicy", finding.LogicalId);
            Assert.Contains(reason, finding.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_pattern_that_writes_and_reads_secrets_is_named_for_both()
    {
        var template = Good();
        AddStatement(template, """{ "Effect": "Allow", "Action": "s3:*Object", "Resource": "*" }""");

        var reason = Assert.Single(Check(Analyze(template), CheckId).Findings).Reason;

        Assert.Contains("allows s3:*Object on Resource * without a Condition; " +
            "allows s3:*Object (s3:GetObject) on Resource * without a Condition, which reads secret data on every resource", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ssm:GetParameter*", "ssm:GetParametersByPath", true)]
    [InlineData("ssm:GetParameter*", "ssm:GetParameter", true)]             // * also matches nothing
    [InlineData("ssm:GetParameter", "ssm:GetParameters", false)]            // no wildcard, no prefix match
    [InlineData("SSM:getparameter", "ssm:GetParameter", true)]
    [InlineData("s3:Get*Version", "s3:GetObjectVersion", true)]
    [InlineData("s3:Get*Version", "s3:GetObject", false)]
    [InlineData("s3:Get?bject", "s3:GetObject", true)]
    [InlineData("s3:Get?bject", "s3:GetObjectVersion", false)]
    [InlineData("*", "kms:Decrypt", true)]
    [InlineData("kms:*crypt", "kms:Decrypt", true)]
    [InlineData("kms:*crypt", "kms:DecryptX", false)]
    [InlineData("dynamodb:*", "s3:GetObject", false)]
    public void Action_patterns_match_with_IAM_wildcards_in_any_case(string pattern, string action, bool matches)
    {
        Assert.Equal(matches, Preflight.Compliance.IamActionPattern.Matches(pattern, action));
    }

    [Fact]
    public void A_policy_document_that_cannot_be_read_fails_instead_of_passing_unchecked()
    {
        var template = Good();
        Properties(template, "ClusterAutoscalerPolicy")["PolicyDocument"] = new JsonObject { ["Fn::ImportValue"] = "shared-policy" };
        Properties(template, "EbsCsiRole")["Policies"]![0]!["PolicyDocument"] = "not a policy";

        var result = Check(Analyze(template), CheckId);

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.Single(result.Findings,
            f => f.LogicalId == "ClusterAutoscalerPolicy" && f.Reason.StartsWith("policy document cannot be read", StringComparison.Ordinal));
        Assert.Single(result.Findings,
            f => f.LogicalId == "EbsCsiRole" && f.Reason.StartsWith("inline policy kms-grants, policy document cannot be read", StringComparison.Ordinal));
    }

    private static void AddStatement(JsonObject template, string statementJson) =>
        Properties(template, "ClusterAutoscalerPolicy")["PolicyDocument"]!["Statement"]!.AsArray().Add(JsonNode.Parse(statementJson));
}
