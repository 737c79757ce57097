using System.Text.Json.Nodes;
using Amazon.CDK;
using EksPlatform.Tests.Support;
using ExistingVpc;

namespace EksPlatform.Tests.Compliance;

/// <summary>The example app (examples/ExistingVpc) synthesizes, uses the constructs as documented, and passes the gates.</summary>
public sealed class ExampleAppTests : IDisposable
{
    private readonly string _outdir = Directory.CreateTempSubdirectory("eksp-example-").FullName;

    public void Dispose() => Directory.Delete(_outdir, recursive: true);

    [Fact]
    public void The_example_synthesizes_and_the_four_nag_packs_and_cfn_lint_find_nothing()
    {
        var app = new App(new AppProps { Outdir = _outdir });
        var stack = new TeamClusterStack(app, "TeamEks");
        app.Synth();

        var (exitCode, report) = NodeTool.Run("nag.js", _outdir);

        Assert.True(exitCode == 0, report["findings"]!.ToJsonString());
        Assert.Empty(CfnLint.Run(Path.Combine(_outdir, "TeamEks.template.json")));
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(_outdir, "TeamEks.template.json")))!["Resources"]!.AsObject();
        var types = template.Select(r => (string)r.Value!["Type"]!).ToArray();
        Assert.Contains("AWS::EKS::Cluster", types);
        Assert.Single(types, t => t == "AWS::EKS::Nodegroup");
        Assert.DoesNotContain("AWS::EC2::VPC", types);
        Assert.DoesNotContain("AWS::IAM::Policy", types);
        // The bucket grant is a managed policy attached to the reports role.
        var grant = template.Single(r => (string?)r.Value!["Type"] == "AWS::IAM::ManagedPolicy" && r.Value!["Properties"]!["Roles"] is not null);
        Assert.Equal(stack.GetLogicalId(stack.Reports.Resource), (string?)grant.Value!["Properties"]!["Roles"]![0]!["Ref"]);
        Assert.Contains("team-reports-archive", grant.Value["Properties"]!["PolicyDocument"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
