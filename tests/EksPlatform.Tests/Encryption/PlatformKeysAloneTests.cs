using System.Text.Json.Nodes;
using EksPlatform.Encryption;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Encryption;

/// <summary><see cref="PlatformKeys"/> built alone in an empty stack, for a cluster that is not in it.</summary>
public sealed class PlatformKeysAloneTests
{
    private static readonly PlatformKeysProps s_props = new("existing", ["/aws/eks/existing/cluster", "/aws/vpc/existing/flow-logs"],
        DeletionWindowDays: 7, RetainOnDelete: false);

    [Theory]
    [InlineData(false, 7, "Delete")]
    [InlineData(true, 30, "RetainExceptOnCreate")]
    public void Four_rotating_keys_with_aliases_under_the_prefix_follow_the_window_and_retention(bool retain, int window, string deletionPolicy)
    {
        var stack = ImportedCluster.EmptyStack();
        _ = new PlatformKeys(stack, "Keys", s_props with { DeletionWindowDays = window, RetainOnDelete = retain });

        var template = StackJson.Of(stack);

        var keys = template.Resources("AWS::KMS::Key");
        Assert.Equal(4, keys.Count);
        Assert.All(keys, k =>
        {
            Assert.True((bool)k.Resource["Properties"]!["EnableKeyRotation"]!);
            Assert.Equal(window, (int)k.Resource["Properties"]!["PendingWindowInDays"]!);
            Assert.Equal(deletionPolicy, (string?)k.Resource["DeletionPolicy"]);
        });
        Assert.Equal(["alias/existing/alarms", "alias/existing/ebs", "alias/existing/logs", "alias/existing/secrets"],
            template.Resources("AWS::KMS::Alias").Select(a => (string)a.Resource["Properties"]!["AliasName"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_logs_key_admits_the_regional_logs_service_for_exactly_the_named_groups()
    {
        var stack = ImportedCluster.EmptyStack();
        _ = new PlatformKeys(stack, "Keys", s_props);

        var statement = StackJson.Of(stack).Resources("AWS::KMS::Key")
            .SelectMany(k => k.Resource["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray())
            .Single(s => (string?)s!["Sid"] == "AllowCloudWatchLogsForPlatformLogGroups")!;

        Assert.Equal("logs.eu-west-1.amazonaws.com", Synthesized.WithUrlSuffix(statement["Principal"]!["Service"], "amazonaws.com"));
        var arns = statement["Condition"]!["ArnEquals"]!["kms:EncryptionContext:aws:logs:arn"]!.AsArray().Select(a => a!.ToJsonString()).ToArray();
        Assert.Equal(2, arns.Length);
        Assert.Contains(arns, a => a.Contains(":logs:eu-west-1:111122223333:log-group:/aws/eks/existing/cluster", StringComparison.Ordinal));
        Assert.Contains(arns, a => a.Contains(":logs:eu-west-1:111122223333:log-group:/aws/vpc/existing/flow-logs", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "a 6-day window", "DeletionWindowDays" },
        { "a 31-day window", "DeletionWindowDays" },
        { "an empty prefix", "ResourcePrefix" },
        { "the prefix aws", "ResourcePrefix" },
        { "a prefix with a space", "ResourcePrefix" },
        { "a prefix too long for an alias", "ResourcePrefix" },
        { "no log groups", "LogGroupNames" },
        { "a log group name with a space", "LogGroupNames" },
        { "a log group name under aws/", "LogGroupNames" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var props = bad switch
        {
            "a 6-day window" => s_props with { DeletionWindowDays = 6 },
            "a 31-day window" => s_props with { DeletionWindowDays = 31 },
            "an empty prefix" => s_props with { ResourcePrefix = "" },
            "the prefix aws" => s_props with { ResourcePrefix = "aws" },
            "a prefix with a space" => s_props with { ResourcePrefix = "team eks" },
            "a prefix too long for an alias" => s_props with { ResourcePrefix = new string('k', 245) },
            "no log groups" => s_props with { LogGroupNames = [] },
            "a log group name with a space" => s_props with { LogGroupNames = ["/aws/eks/existing cluster"] },
            "a log group name under aws/" => s_props with { LogGroupNames = ["aws/eks/existing"] },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.ThrowsAny<ArgumentException>(() => new PlatformKeys(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
        Assert.Empty(stack.Node.FindAll().OfType<Amazon.CDK.AWS.KMS.CfnKey>()); // refused before any key exists
    }
}
