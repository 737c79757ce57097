namespace EksPlatform.Cli.Tests;

/// <summary>The app behind <c>cdk.json</c>: the CDK CLI passes the output folder and <c>-c</c> context in the environment.</summary>
public sealed class CdkAppModeTests
{
    [Fact]
    public void The_cdk_cli_contract_selects_the_environment_from_context_and_writes_where_it_is_told()
    {
        using var temp = new TempDir();
        var output = Path.Combine(temp.Path, "assembly");

        var result = Cli.Run(Cli.RepoRoot, new Dictionary<string, string>
        {
            ["CDK_OUTDIR"] = output,
            ["CDK_CONTEXT_JSON"] = "{\"env\":\"dev\"}",
        });

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("eks-platform-dev", File.ReadAllText(Path.Combine(output, "EksPlatform-dev.template.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_settings_through_the_cdk_cli_exit_2()
    {
        using var temp = new TempDir();
        var config = temp.File("bad.yaml", "environment: x\ncluster:\n  name: c\n  kubernetesVersion: \"0.1\"\n");

        var result = Cli.Run(temp.Path, new Dictionary<string, string>
        {
            ["CDK_OUTDIR"] = Path.Combine(temp.Path, "assembly"),
            ["CDK_CONTEXT_JSON"] = $"{{\"config\":\"{config}\"}}",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cluster.kubernetesVersion", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, "assembly", "manifest.json")));
    }
}
