using System.Diagnostics;
using System.Text.Json.Nodes;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Compliance;

/// <summary>
/// The compliance gate: cdk-nag's AwsSolutions pack over the synthesized cloud assembly (tools/nag).
/// Suppressions live in our C# code as resource metadata, each with a reason.
/// </summary>
public sealed class CdkNagTests
{
    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void AwsSolutions_reports_no_unsuppressed_error_or_warning(string env)
    {
        var outdir = Directory.CreateTempSubdirectory("eksp-nag-").FullName;
        try
        {
            PlatformApp.Synthesize(TestSettings.Env(env), outdir);

            var (exitCode, report) = RunNag(outdir);

            var findings = report["findings"]!.AsArray().Select(f => $"{f!["level"]} {f["rule"]} {f["resource"]} {f["finding"]}: {f["message"]}").ToArray();
            Assert.True(findings.Length == 0, "cdk-nag findings:\n" + string.Join("\n", findings));
            Assert.Empty(report["invalidSuppressions"]!.AsArray());
            Assert.Equal(0, exitCode);
            Assert.All(report["suppressed"]!.AsArray(), s => Assert.True(((string?)s!["reason"])?.Length >= 10));
        }
        finally
        {
            Directory.Delete(outdir, recursive: true);
        }
    }

    private static (int ExitCode, JsonNode Report) RunNag(string assembly)
    {
        var script = Repo.Path("tools", "nag", "nag.js");
        Assert.True(Directory.Exists(Repo.Path("tools", "nag", "node_modules")),
            "tools/nag/node_modules is missing: run `npm ci --prefix tools/nag` (.ci/run does)");
        var start = new ProcessStartInfo("node", [script, assembly]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode is 0 or 1, $"nag.js failed ({process.ExitCode}): {stderr.Result}");
        return (process.ExitCode, JsonNode.Parse(stdout.Result)!);
    }
}
