using System.Text.Json.Nodes;
using EksPlatform.Controllers;
using EksPlatform.Identity;
using EksPlatform.Preflight;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Compliance;

/// <summary>
/// The gates over every gate profile (the shipped ones, eu-west-1, and one region of aws-cn and aws-us-gov):
/// cdk-nag's four packs, AwsSolutions, NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 (tools/nag/nag.js;
/// suppressions live in our C# code as resource metadata, each with a reason), the AWS Control Tower proactive
/// controls with cfn-guard (tools/nag/guard.js, exceptions in compliance/control-tower-exceptions.json), cfn-lint
/// against the CloudFormation resource schemas, and the preflight's own compliance checks.
/// </summary>
[Collection(GateCollection.Name)]
public sealed class ComplianceGateTests(GateProfiles profiles)
{
    private static readonly string[] s_packs = ["AwsSolutions", "NIST80053R5", "HIPAASecurity", "PCIDSS321"];

    public static TheoryData<string> Profiles => new(GateProfiles.Names);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Four_nag_packs_report_no_unsuppressed_error_or_warning(string profile)
    {
        var (exitCode, report) = NodeTool.Run("nag.js", profiles.Assembly(profile));

        Assert.Equal(s_packs, report["packs"]!.AsArray().Select(p => (string)p!));
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
        var allowlist = Cli.IamAllowlist.Statements; // the allowlist `plan` uses

        var report = PreflightAnalyzer.Analyze(CloudAssembly.Load(profiles.Assembly(profile)), PreflightOptions.Default with { IamAllowlist = allowlist });

        Assert.All(report.Compliance, c => Assert.True(c.Status != ComplianceStatus.Fail, $"{c.Id}: {string.Join("; ", c.Findings.Select(f => f.Reason))}"));
    }

    /// <summary>
    /// The deploy-readiness checks (docs/deploy-readiness.md) pass on every gate profile, with the service accounts the
    /// controllers' Helm values create declared as plan declares them. The one known exception: the dev profile sets no
    /// alarm recipient (the loader only warns in development), so its alarms notify a topic without a subscription and
    /// DEPLOY-008 fails there, and only there (docs/deploy-readiness.md §8); the profile accepts it with a reason in
    /// preflight.accept, and no other profile accepts anything. The karpenter profile puts every controller on EKS Pod
    /// Identity (docs/karpenter.md §7), so no role trusts the OIDC provider and DEPLOY-010 (IRSA subjects) has nothing to
    /// check there: it is not applicable, while DEPLOY-011 (Pod Identity trust) passes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_deploy_readiness_check_passes(string profile)
    {
        var settings = GateProfiles.Settings(profile);
        var accounts = ControllerCatalog.Enabled(settings.Controllers).Where(c => c.Chart is not null)
            .Select(c => new DeclaredServiceAccount(c.ServiceAccount.Namespace, c.ServiceAccount.Name, $"controllers: {c.Name} values")).ToList();

        var results = DeployReadiness.Check(CloudAssembly.Load(profiles.Assembly(profile)), PreflightOptions.Default with { ServiceAccounts = accounts });

        var knownFailure = profile == "dev" ? "DEPLOY-008" : null;
        Assert.Equal(knownFailure is null ? [] : [knownFailure], settings.AcceptedChecks.Keys);
        var notApplicable = profile == "karpenter" ? "DEPLOY-010" : null;
        Assert.All(results.Where(r => r.Id != knownFailure && r.Id != notApplicable), r => Assert.True(r.Status == ComplianceStatus.Pass,
            $"{profile} {r.Id} is {r.Status}: {r.Summary} {string.Join("; ", r.Findings.Select(f => $"{f.LogicalId}: {f.Problem}"))}"));
        if (notApplicable is not null)
        {
            var irsa = Assert.Single(results, r => r.Id == notApplicable);
            Assert.Equal(ComplianceStatus.NotApplicable, irsa.Status);
            Assert.Contains("AssumeRoleWithWebIdentity", irsa.Summary, StringComparison.Ordinal);
            Assert.Equal(ComplianceStatus.Pass, Assert.Single(results, r => r.Id == "DEPLOY-011").Status);
        }

        if (knownFailure is not null)
        {
            var alarms = Assert.Single(results, r => r.Id == knownFailure);
            Assert.Equal(ComplianceStatus.Fail, alarms.Status);
            Assert.All(alarms.Findings, f => Assert.Contains("which have no subscription", f.Problem, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The AWS Control Tower proactive controls over every gate profile at once: every violation is excepted in
    /// compliance/control-tower-exceptions.json with its reason, and every exception still matches a violation.
    /// </summary>
    [Fact]
    public void Control_Tower_controls_report_nothing_but_listed_exceptions_and_no_exception_is_stale()
    {
        var assemblies = GateProfiles.Names.Select(profiles.Assembly).ToArray();

        var (exitCode, report) = NodeTool.Run("guard.js", ["--exceptions", ExceptionsFile, .. assemblies]);

        Assert.Equal(assemblies.Length, report["templates"]!.AsArray().Count);
        var violations = report["violations"]!.AsArray().Select(v => $"{v!["control"]} {v["resource"]}: {v["message"]}").ToArray();
        Assert.True(violations.Length == 0, "Control Tower violations not in the exceptions file:\n" + string.Join("\n", violations));
        var stale = report["staleExceptions"]!.AsArray().Select(e => $"{e!["control"]} {e["resource"]}").ToArray();
        Assert.True(stale.Length == 0, "exceptions that match no violation any more (remove them):\n" + string.Join("\n", stale));
        Assert.Equal(0, exitCode);
    }

    /// <summary>The README's compliance section lists every Control Tower exception, so a reader sees what is waived.</summary>
    [Fact]
    public void Readme_lists_every_Control_Tower_exception()
    {
        var readme = File.ReadAllText(Repo.Path("README.md"));
        var section = readme[readme.IndexOf("## Compliance", StringComparison.Ordinal)..];

        foreach (var exception in JsonNode.Parse(File.ReadAllText(ExceptionsFile))!.AsArray())
        {
            var control = (string)exception!["control"]!;
            var resource = (string)exception["resource"]!;
            Assert.True(section.Contains($"`{control}`", StringComparison.Ordinal) && section.Contains($"`{resource}`", StringComparison.Ordinal),
                $"README's compliance section does not list the exception {control} on {resource}");
        }
    }

    public static TheoryData<string, string, string> Weakenings => new()
    {
        { "cluster admin policy widened to every resource", "nag", "AwsSolutions-IAM5" },
        { "control-plane log group without its key", "nag", "NIST.800.53.R5-CloudWatchLogGroupEncrypted" },
        { "node SSH open to the internet", "nag", "AwsSolutions-EC23" },
        { "launch template hop limit 2", "guard", "CT.EC2.PR.2" },
        { "key policy without the grant guard", "guard", "CT.KMS.PR.3" },
    };

    /// <summary>The gates are not blind: a prod template weakened in one place fails the gate that guards that place.</summary>
    [Theory]
    [MemberData(nameof(Weakenings))]
    public void A_weakened_template_fails_its_gate(string weakening, string gate, string expectedRule)
    {
        var assembly = WeakenedCopy(profiles.Assembly("prod"), weakening);
        try
        {
            var (exitCode, report) = gate == "nag"
                ? NodeTool.Run("nag.js", assembly)
                : NodeTool.Run("guard.js", "--exceptions", ExceptionsFile, assembly);

            Assert.Equal(1, exitCode);
            var rules = report[gate == "nag" ? "findings" : "violations"]!.AsArray()
                .Select(f => (string)f![gate == "nag" ? "rule" : "control"]!).ToHashSet();
            Assert.Contains(expectedRule, rules);
        }
        finally
        {
            Directory.Delete(assembly, recursive: true);
        }
    }

    private static string ExceptionsFile => Repo.Path("compliance", "control-tower-exceptions.json");

    /// <summary>A copy of a cloud assembly whose one template is weakened as named.</summary>
    private static string WeakenedCopy(string assembly, string weakening)
    {
        var copy = Directory.CreateTempSubdirectory("eksp-weakened-").FullName;
        foreach (var file in Directory.GetFiles(assembly))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var templateFile = Directory.GetFiles(copy, "*.template.json").Single();
        var template = JsonNode.Parse(File.ReadAllText(templateFile))!;
        var resources = template["Resources"]!.AsObject();
        JsonObject Properties(string type, string idPart) => resources
            .Single(r => (string)r.Value!["Type"]! == type && r.Key.Contains(idPart, StringComparison.Ordinal)).Value!["Properties"]!.AsObject();
        switch (weakening)
        {
            case "cluster admin policy widened to every resource":
                Properties("AWS::IAM::ManagedPolicy", "AdminRoleDescribeThisCluster")["PolicyDocument"]!["Statement"]![0]!["Resource"] = "*";
                break;
            case "control-plane log group without its key":
                Properties("AWS::Logs::LogGroup", "ControlPlaneLogs").Remove("KmsKeyId");
                break;
            case "node SSH open to the internet":
                resources["WeakenedSshIngress"] = JsonNode.Parse("""
                    {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": {"Fn::GetAtt": ["NodesSecurityGroup52BF042F", "GroupId"]},
                     "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}}
                    """);
                break;
            case "launch template hop limit 2":
                Properties("AWS::EC2::LaunchTemplate", "SystemLaunchTemplate")["LaunchTemplateData"]!["MetadataOptions"]!["HttpPutResponseHopLimit"] = 2;
                break;
            case "key policy without the grant guard":
                var statements = Properties("AWS::KMS::Key", "KeysLogs")["KeyPolicy"]!["Statement"]!.AsArray();
                statements.Remove(statements.Single(st => (string?)st!["Sid"] == "DenyGrantsExceptForAwsServices"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(weakening), weakening, "unknown weakening");
        }

        File.WriteAllText(templateFile, template.ToJsonString());
        return copy;
    }
}
