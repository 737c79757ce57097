using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EksPlatform.Tests.Support;

/// <summary>Runs one of the gate scripts of tools/nag (cdk-nag, cfn-guard) and returns its exit code and JSON report.</summary>
internal static class NodeTool
{
    public static (int ExitCode, JsonNode Report) Run(string script, params string[] args)
    {
        Assert.True(Directory.Exists(Repo.Path("tools", "nag", "node_modules")),
            "tools/nag/node_modules is missing: run `bash tools/setup.sh` (it runs `npm ci --prefix tools/nag`)");
        var start = new ProcessStartInfo("node", [Repo.Path("tools", "nag", script), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 1, $"{script} failed ({process.ExitCode}): {stderr.Result}");
        return (process.ExitCode, JsonNode.Parse(stdout.Result)!);
    }
}
