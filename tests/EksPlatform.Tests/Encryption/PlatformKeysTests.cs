using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Encryption;

[Collection(PlatformCollection.Name)]
public sealed class PlatformKeysTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("prod", 30, "RetainExceptOnCreate")]
    [InlineData("dev", 7, "Delete")]
    public void Keys_rotate_and_follow_the_tier_for_deletion(string env, int window, string policy)
    {
        var keys = platform.Of(env).Resources("AWS::KMS::Key").ToArray();

        Assert.Equal(4, keys.Length); // secrets, logs, EBS, alarm topic
        Assert.All(keys, k =>
        {
            Assert.True((bool)k.Resource["Properties"]!["EnableKeyRotation"]!);
            Assert.Equal(window, (int)k.Resource["Properties"]!["PendingWindowInDays"]!);
            Assert.Equal(policy, (string?)k.Resource["DeletionPolicy"]);
            // UpdateReplacePolicy takes no RetainExceptOnCreate: a replaced key is kept, for the data it encrypted.
            Assert.Equal(policy == "Delete" ? "Delete" : "Retain", (string?)k.Resource["UpdateReplacePolicy"]);
        });
    }

    [Theory]
    [InlineData("alias/eks-platform-prod/secrets")]
    [InlineData("alias/eks-platform-prod/logs")]
    [InlineData("alias/eks-platform-prod/ebs")]
    [InlineData("alias/eks-platform-prod/alarms")]
    public void Every_key_has_an_alias(string alias)
    {
        platform.Prod.Template.HasResourceProperties("AWS::KMS::Alias", new Dictionary<string, object> { ["AliasName"] = alias });
    }

    [Fact]
    public void The_logs_key_lets_the_regional_logs_service_use_it_for_exactly_the_platform_log_groups()
    {
        var statement = Statement(platform.Prod, "AllowCloudWatchLogsForPlatformLogGroups");

        // The service's domain is the partition's URL suffix, so the same template serves aws and aws-cn.
        Assert.Equal("logs.us-east-1.amazonaws.com", Synthesized.WithUrlSuffix(statement["Principal"]!["Service"], "amazonaws.com"));
        Assert.Equal("logs.us-east-1.amazonaws.com.cn", Synthesized.WithUrlSuffix(statement["Principal"]!["Service"], "amazonaws.com.cn"));
        var arns = statement["Condition"]!["ArnEquals"]!["kms:EncryptionContext:aws:logs:arn"]!.AsArray().Select(a => a!.ToJsonString()).ToArray();
        Assert.Equal(7, arns.Length); // control plane, flow logs, the installer's builds, the four Container Insights groups
        Assert.Contains(arns, a => a.Contains(":log-group:/aws/eks/eks-platform-prod/cluster", StringComparison.Ordinal));
        Assert.Contains(arns, a => a.Contains(":log-group:/aws/vpc/eks-platform-prod/flow-logs", StringComparison.Ordinal));
        Assert.Contains(arns, a => a.Contains(":log-group:/aws/containerinsights/eks-platform-prod/performance", StringComparison.Ordinal));
        Assert.Contains(arns, a => a.Contains(":log-group:/aws/codebuild/eks-platform-prod-install-controllers", StringComparison.Ordinal));
        Assert.All(arns, a => Assert.Contains("AWS::Partition", a, StringComparison.Ordinal));
    }

    [Fact]
    public void The_ebs_key_admits_volumes_through_ec2_of_this_account_with_grants_only_for_aws_resources()
    {
        var use = Statement(platform.Prod, "AllowVolumesThroughEc2InThisAccount");
        var grant = Statement(platform.Prod, "AllowGrantsForAttachedVolumesThroughEc2");

        foreach (var statement in new[] { use, grant })
        {
            Assert.Equal("*", (string?)statement["Principal"]!["AWS"]);
            Assert.Equal("AWS::AccountId", (string?)statement["Condition"]!["StringEquals"]!["kms:CallerAccount"]!["Ref"]);
            Assert.Equal("ec2.us-east-1.amazonaws.com", (string?)statement["Condition"]!["StringEquals"]!["kms:ViaService"]);
        }

        Assert.Contains("kms:GenerateDataKey*", use["Action"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("kms:CreateGrant", (string?)grant["Action"]);
        Assert.Equal("true", (string?)grant["Condition"]!["Bool"]!["kms:GrantIsForAWSResource"]);
    }

    /// <summary>
    /// KMS refuses a key policy whose principal does not exist (docs/limits-and-policies.md §1), so a principal is
    /// either one the stack creates, the account itself, a service, or "*" narrowed by conditions; never a role such as
    /// a service-linked role that exists only once the account has used its service.
    /// </summary>
    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void No_key_policy_names_a_principal_that_may_not_exist(string env)
    {
        var synth = platform.Of(env);
        var statements = synth.Resources("AWS::KMS::Key").SelectMany(k => k.Resource["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray()).ToArray();

        Assert.NotEmpty(statements);
        Assert.All(statements, statement =>
        {
            var principal = statement!["Principal"]!;
            if (principal["Service"] is not null)
            {
                return;
            }

            var aws = principal["AWS"]!;
            var text = aws.ToJsonString();
            var isAccountRoot = text.Contains(":iam::", StringComparison.Ordinal) && text.EndsWith(":root\"]]}", StringComparison.Ordinal);
            var isStackResource = aws is JsonObject reference && reference["Fn::GetAtt"] is not null;
            var isConditionedAnyone = text == "\"*\"" && statement["Condition"]?["StringEquals"]?["kms:CallerAccount"] is not null;
            var isDenyToAnyone = text == "\"*\"" && (string?)statement["Effect"] == "Deny";
            Assert.True(isAccountRoot || isStackResource || isConditionedAnyone || isDenyToAnyone, $"principal {text} may not exist when the key is created");
        });
    }

    private static JsonNode Statement(Synthesized synth, string sid) =>
        synth.Resources("AWS::KMS::Key")
            .SelectMany(k => k.Resource["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray())
            .Single(s => (string?)s!["Sid"] == sid)!;
}
