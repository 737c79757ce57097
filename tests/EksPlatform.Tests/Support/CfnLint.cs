using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EksPlatform.Tests.Support;

/// <summary>Runs cfn-lint (installed by tools/setup.sh) on one template and returns its findings as lines.</summary>
internal static class CfnLint
{
    public static IReadOnlyList<string> Run(string template)
    {
        var start = new ProcessStartInfo("cfn-lint", ["--format", "json", "--", template]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("cfn-lint is not installed: run `bash tools/setup.sh` (it installs cfn-lint 1.51 with pip when missing)");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            // Exit codes are a bit mask of error (2), warning (4) and informational (8) findings; anything else failed.
            Assert.True((process.ExitCode & ~(2 | 4 | 8)) == 0, $"cfn-lint failed ({process.ExitCode}): {stderr.Result}");
            var findings = JsonNode.Parse(string.IsNullOrWhiteSpace(stdout.Result) ? "[]" : stdout.Result)!.AsArray();
            return findings.Select(f => $"{f!["Rule"]!["Id"]} {f["Location"]?["Path"]?.ToJsonString()}: {f["Message"]}").ToArray();
        }
    }
}
