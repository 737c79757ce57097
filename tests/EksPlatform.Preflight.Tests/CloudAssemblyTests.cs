using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

public sealed class CloudAssemblyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("preflight-assembly-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadsEveryStackArtifactWithItsNameAndEnvironment()
    {
        File.WriteAllText(Path.Combine(_dir, "Platform.template.json"), Good().ToJsonString());
        File.WriteAllText(Path.Combine(_dir, "Other.template.json"), """{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" } } }""");
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), """
            {
              "version": "36.0.0",
              "artifacts": {
                "Platform": { "type": "aws:cloudformation:stack", "environment": "aws://111122223333/eu-west-1",
                              "properties": { "templateFile": "Platform.template.json", "stackName": "eks-platform-prod" } },
                "Other": { "type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
                           "properties": { "templateFile": "Other.template.json" } },
                "Tree": { "type": "cdk:tree", "properties": { "file": "tree.json" } }
              }
            }
            """);

        var assembly = CloudAssembly.Load(_dir);

        Assert.Equal(2, assembly.Stacks.Count);
        var platform = assembly.Stacks.Single(s => s.StackName == "eks-platform-prod");
        Assert.Equal("Platform", platform.ArtifactId);
        Assert.Equal("eu-west-1", platform.Region);
        Assert.Equal("111122223333", platform.Account);
        Assert.Equal(47, platform.Template["Resources"]!.AsObject().Count);
        var other = assembly.Stacks.Single(s => s.StackName == "Other");
        Assert.Equal("unknown-region", other.Region);
    }

    [Fact]
    public void LoadsStacksOfNestedStageAssemblies()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_dir, "assembly-Prod")).FullName;
        File.WriteAllText(Path.Combine(nested, "Stack.template.json"), """{ "Resources": {} }""");
        File.WriteAllText(Path.Combine(nested, "manifest.json"), """
            { "artifacts": { "ProdStack": { "type": "aws:cloudformation:stack", "environment": "aws://1/us-east-1",
              "properties": { "templateFile": "Stack.template.json" } } } }
            """);
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), """
            { "artifacts": { "assembly-Prod": { "type": "cdk:cloud-assembly", "properties": { "directoryName": "assembly-Prod" } } } }
            """);

        var stack = Assert.Single(CloudAssembly.Load(_dir).Stacks);

        Assert.Equal("ProdStack", stack.StackName);
    }

    [Fact]
    public void MissingManifestSaysWhere()
    {
        var error = Assert.Throws<FileNotFoundException>(() => CloudAssembly.Load(_dir));

        Assert.Contains("manifest.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenTemplateSaysWhich()
    {
        File.WriteAllText(Path.Combine(_dir, "S.template.json"), "{ not json");
        File.WriteAllText(Path.Combine(_dir, "manifest.json"), """
            { "artifacts": { "S": { "type": "aws:cloudformation:stack", "properties": { "templateFile": "S.template.json" } } } }
            """);

        var error = Assert.Throws<InvalidDataException>(() => CloudAssembly.Load(_dir));

        Assert.Contains("S.template.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryCountsResourcesPerType()
    {
        var summary = Analyze(Good()).Summary;

        Assert.Equal(47, summary.ResourceCount);
        var stack = Assert.Single(summary.Stacks);
        Assert.Equal(UsEast1, stack.Environment);
        Assert.Equal(new ResourceTypeCount("AWS::IAM::Role", 8), stack.ByType[0]);
        Assert.Equal(47, stack.ByType.Sum(t => t.Count));
    }

    [Fact]
    public void AnalysesAGeneratedTwoHundredResourceTemplate()
    {
        // Guards the "any template" promise: unknown shapes and many resources must not throw.
        var template = Good();
        for (var i = 0; i < 160; i++)
        {
            Resources(template)[$"Queue{i}"] =
                JsonNode.Parse($$"""{ "Type": "AWS::SQS::Queue", "Properties": { "QueueName": { "Fn::Sub": "q-{{i}}-${AWS::StackName}" } } }""");
        }

        var report = Analyze(template);

        Assert.Equal(207, report.Summary.ResourceCount);
        Assert.Equal(ComplianceStatus.Pass, Check(report, "EKSP-002").Status);
    }
}
