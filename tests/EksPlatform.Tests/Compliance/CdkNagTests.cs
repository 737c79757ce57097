using System.Diagnostics;
using System.Text.Json.Nodes;
using EksPlatform.Identity;
using EksPlatform.Preflight;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Compliance;

/// <summary>
/// The gates over every gate profile (the shipped ones, eu-west-1, and one region of aws-cn and aws-us-gov):
/// cdk-nag's AwsSolutions pack (tools/nag; suppressions live in our C# code as resource metadata, each with a reason),
/// cfn-lint against the CloudFormation resource schemas, and the preflight's own compliance checks.
/// </summary>
[Collection(GateCollection.Name)]
public sealed class CdkNagTests(GateProfiles profiles)
{
    public static TheoryData<string> Profiles => new(GateProfiles.Names);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void AwsSolutions_reports_no_unsuppressed_error_or_warning(string profile)
    {
        var (exitCode, report) = RunNag(profiles.Assembly(profile));

        var findings = report["findings"]!.AsArray().Select(f => $"{f!["level"]} {f["rule"]} {f["resource"]} {f["finding"]}: {f["message"]}").ToArray();
        Assert.True(findings.Length == 0, "cdk-nag findings:\n" + string.Join("\n", findings));
        Assert.Empty(report["invalidSuppressions"]!.AsArray());
        Assert.Equal(0, exitCode);
        Assert.All(report["suppressed"]!.AsArray(), s => Assert.True(((string?)s!["reason"])?.Length >= 10));
    }

    /// <summary>cfn-lint 1.51 (tools/setup.sh) finds nothing: no error, and no warning such as W3010 (hard-coded zones).</summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Cfn_lint_reports_nothing(string profile)
    {
        var template = Directory.GetFiles(profiles.Assembly(profile), "*.template.json").Single();

        var findings = CfnLint.Run(template);

        Assert.True(findings.Count == 0, "cfn-lint findings:\n" + string.Join("\n", findings));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_preflight_compliance_check_passes(string profile)
    {
        var allowlist = AllowlistedIamStatement.FromPolicyDocument("official AWS Load Balancer Controller policy", Policies.LoadBalancerControllerPolicyText());

        var report = PreflightAnalyzer.Analyze(CloudAssembly.Load(profiles.Assembly(profile)), PreflightOptions.Default with { IamAllowlist = allowlist });

        Assert.All(report.Compliance, c => Assert.True(c.Status != ComplianceStatus.Fail, $"{c.Id}: {string.Join("; ", c.Findings.Select(f => f.Reason))}"));
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
