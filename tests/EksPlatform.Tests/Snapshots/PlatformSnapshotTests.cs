using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Snapshots;

[Collection(PlatformCollection.Name)]
public sealed class PlatformSnapshotTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    [InlineData("automode")]
    [InlineData("karpenter")]
    public void Template_matches_its_reviewed_snapshot(string env)
    {
        Snapshot.Match(env, platform.Of(env).Json);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    [InlineData("automode")]
    [InlineData("karpenter")]
    public void Every_resource_is_native_cloudformation(string env)
    {
        var types = platform.Of(env).Json["Resources"]!.AsObject().Select(r => (string)r.Value!["Type"]!).ToArray();

        Assert.All(types, t => Assert.StartsWith("AWS::", t, StringComparison.Ordinal));
        Assert.DoesNotContain("AWS::Lambda::Function", types);
        Assert.DoesNotContain("AWS::CloudFormation::Stack", types);
    }
}
