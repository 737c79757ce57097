using System.CommandLine;
using EksPlatform.Controllers;
using EksPlatform.Preflight;
using EksPlatform.Settings;
using Spectre.Console;

namespace EksPlatform.Cli.Commands;

/// <summary>
/// <c>plan</c>: synth, then the preflight report (deploy readiness, compliance, monthly cost, NAT-versus-endpoint break-even,
/// replacement warnings against the previous synth or a baseline, diagram). Exit 4 when a deploy-readiness check fails,
/// unless <c>--allow ID=reason</c> accepts it; exit 3 when a resource that holds data would be replaced or removed, unless
/// <c>--allow-replacement</c>.
/// </summary>
internal static class PlanCommand
{
    private static readonly string[] s_formats = ["text", "md", "html", "json"];

    /// <summary>The options of one run besides the settings.</summary>
    private sealed record PlanChoices(string Format, bool AllowReplacement, IReadOnlyDictionary<string, string> Accepted,
        IReadOnlyList<DeclaredServiceAccount> ExtraServiceAccounts);

    public static Command Create(SettingsSource settings, Option<DirectoryInfo> outdir)
    {
        var baseline = new Option<DirectoryInfo?>("--baseline") { Description = "Cloud assembly to compare against (default: the previous synth in --out)" };
        var format = new Option<string>("--format") { Description = "Report on stdout: text, md, html or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(s_formats);
        var assembly = new Option<DirectoryInfo?>("--assembly")
        {
            Description = "Analyze this existing cloud assembly (any CloudFormation templates) instead of synthesizing",
        };
        var allowReplacement = new Option<bool>("--allow-replacement")
        {
            Description = "Exit 0 even when a stateful resource (cluster, VPC, subnet, key, log group) would be replaced",
        };
        var allow = new Option<string[]>("--allow")
        {
            Description = "Accept the findings of a deploy-readiness check, with the reason printed in the report: --allow DEPLOY-008=\"why\" (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var serviceAccount = new Option<string[]>("--service-account")
        {
            Description = "A service account created outside the templates (your own Helm chart) that IRSA roles may trust: NAMESPACE/NAME (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        allow.Validators.Add(result =>
        {
            foreach (var problem in result.GetValueOrDefault<string[]>()?.Select(AllowProblem).OfType<string>() ?? [])
            {
                result.AddError(problem);
            }
        });
        serviceAccount.Validators.Add(result =>
        {
            foreach (var bad in (result.GetValueOrDefault<string[]>() ?? []).Where(v => ParseServiceAccount(v) is null))
            {
                result.AddError($"--service-account {bad}: expected NAMESPACE/NAME");
            }
        });
        var command = new Command("plan",
            "Synthesize, then report deploy readiness, compliance, monthly cost, replacements and a diagram before anything is deployed");
        settings.AddTo(command);
        command.Options.Add(outdir);
        command.Options.Add(baseline);
        command.Options.Add(format);
        command.Options.Add(allowReplacement);
        command.Options.Add(allow);
        command.Options.Add(serviceAccount);
        command.Options.Add(assembly);
        command.SetAction(parse => Guard.Run(() =>
        {
            var choices = new PlanChoices(parse.GetValue(format)!, parse.GetValue(allowReplacement), Accepted(parse.GetValue(allow) ?? []),
                (parse.GetValue(serviceAccount) ?? []).Select(ParseServiceAccount).OfType<DeclaredServiceAccount>().ToList());
            var loaded = settings.Load(parse);
            return parse.GetValue(assembly) is { } existing
                ? Report(CloudAssembly.Load(existing.FullName), loaded.Settings, existing,
                    parse.GetValue(baseline) is { } b ? CloudAssembly.Load(b.FullName) : null, choices)
                : Run(loaded, parse.GetValue(outdir)!, parse.GetValue(baseline), choices);
        }));
        return command;
    }

    private static int Run(LoadedSettings loaded, DirectoryInfo outdir, DirectoryInfo? baselineDir, PlanChoices choices)
    {
        Guard.PrintWarnings(loaded);
        // The baseline is read before synthesis replaces the previous output.
        var baseline = baselineDir is not null ? CloudAssembly.Load(baselineDir.FullName)
            : File.Exists(Path.Combine(outdir.FullName, "manifest.json")) ? CloudAssembly.Load(outdir.FullName)
            : null;

        // Progress goes to stderr so stdout stays a clean report (json can be piped).
        var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        using var staged = progress.Status().Start($"Synthesizing {loaded.Settings.StackName}…",
            _ => StagedAssembly.Synthesize(loaded.Settings, outdir.FullName));

        // The new synth replaces the output only when the plan accepts it: a refused plan keeps the previous synth as
        // the baseline, so running plan again does not wave the same replacement through.
        var exitCode = Report(CloudAssembly.Load(staged.Directory), loaded.Settings, outdir, baseline, choices);
        if (exitCode == ExitCodes.Success)
        {
            staged.Commit();
        }
        else
        {
            Console.Error.WriteLine($"{Path.GetRelativePath(Environment.CurrentDirectory, outdir.FullName)} was left as it was.");
        }

        return exitCode;
    }

    private static int Report(CloudAssembly assembly, PlatformSettings settings, DirectoryInfo outdir, CloudAssembly? baseline, PlanChoices choices)
    {
        // The profile's accepted checks (preflight.accept), overridden by --allow for the same check.
        var acceptedChecks = settings.AcceptedChecks.ToDictionary(StringComparer.Ordinal);
        foreach (var (id, reason) in choices.Accepted)
        {
            acceptedChecks[id] = reason;
        }

        var options = new PreflightOptions(Assumptions(settings.Cost), baseline, IamAllowlist.Statements, acceptedChecks,
            [.. RenderedServiceAccounts(settings), .. choices.ExtraServiceAccounts]);
        var report = PreflightAnalyzer.Analyze(assembly, options);
        var files = WriteReports(report, outdir);
        Console.Out.Write(choices.Format switch
        {
            "json" => ReportRenderer.ToJson(report),
            "md" => ReportRenderer.ToMarkdown(report),
            "html" => ReportRenderer.ToHtml(report),
            _ => ReportRenderer.ToText(report),
        });
        Console.Error.WriteLine($"Reports: {string.Join(", ", files.Select(f => Path.GetRelativePath(Environment.CurrentDirectory, f)))}");

        foreach (var accepted in report.DeployReadiness.Where(r => r.Status == ComplianceStatus.Fail && r.AcceptedBecause is not null))
        {
            Console.Error.WriteLine($"{accepted.Id} fails, accepted (--allow or preflight.accept): {accepted.AcceptedBecause}");
        }
        var exitCode = ExitCodes.Success;
        if (report.HasStatefulReplacement && !choices.AllowReplacement)
        {
            Console.Error.WriteLine("A resource that holds data would be replaced or removed (see the replacement warnings). " +
                "Re-run with --allow-replacement if that is intended.");
            exitCode = ExitCodes.StatefulReplacement;
        }
        if (report.HasDeployBlocker)
        {
            var blocking = report.DeployReadiness.Where(r => r.Blocks).Select(r => r.Id).ToList();
            Console.Error.WriteLine($"The templates would not deploy, or not be usable once deployed: {string.Join(", ", blocking)} fail " +
                "(see the deploy-readiness findings). Fix them, or accept one with --allow ID=\"reason\".");
            exitCode = ExitCodes.DeployReadiness;
        }

        return exitCode;
    }

    /// <summary>
    /// The service accounts the Helm charts of <c>controllers</c> create for these settings: IRSA roles of the stack trust
    /// them although no template declares them. Managed add-ons (vpc-cni, EBS CSI) are declared by their add-on in the template.
    /// </summary>
    private static IEnumerable<DeclaredServiceAccount> RenderedServiceAccounts(PlatformSettings settings) =>
        ControllerCatalog.Enabled(settings.Controllers).Where(c => c.Chart is not null)
            .Select(c => new DeclaredServiceAccount(c.ServiceAccount.Namespace, c.ServiceAccount.Name, $"controllers: {c.Name} values"));

    private static Dictionary<string, string> Accepted(IEnumerable<string> values) => values
        .Select(v => v.Split('=', 2))
        .Where(p => p.Length == 2)
        .GroupBy(p => p[0].Trim(), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => p[1].Trim())), StringComparer.Ordinal);

    private static string? AllowProblem(string value)
    {
        var parts = value.Split('=', 2);
        var id = parts[0].Trim();
        if (!DeployReadiness.CheckIds.Contains(id))
        {
            return $"--allow {value}: '{id}' is not a deploy-readiness check (one of {string.Join(", ", DeployReadiness.CheckIds)})";
        }
        return parts.Length < 2 || parts[1].Trim().Length == 0 ? $"--allow {value}: give the reason after '=' (it is printed in the report)" : null;
    }

    private static DeclaredServiceAccount? ParseServiceAccount(string value) => value.Split('/') is [{ Length: > 0 } ns, { Length: > 0 } name]
        ? new DeclaredServiceAccount(ns, name, "--service-account")
        : null;

    /// <summary>The report as Markdown, HTML and JSON in <c>preflight/</c> beside the cloud assembly.</summary>
    private static string[] WriteReports(PreflightReport report, DirectoryInfo outdir)
    {
        var folder = Directory.CreateDirectory(Path.Combine(outdir.Parent?.FullName ?? ".", "preflight")).FullName;
        var files = new[]
        {
            (Path.Combine(folder, "report.md"), ReportRenderer.ToMarkdown(report)),
            (Path.Combine(folder, "report.html"), ReportRenderer.ToHtml(report)),
            (Path.Combine(folder, "report.json"), ReportRenderer.ToJson(report)),
        };
        foreach (var (path, text) in files)
        {
            File.WriteAllText(path, text);
        }

        return files.Select(f => f.Item1).ToArray();
    }

    private static CostAssumptions Assumptions(CostSettings cost) => new(
        NatProcessedGbPerMonth: cost.NatProcessedGbPerMonth,
        AwsApiGbPerMonth: cost.AwsApiGbPerMonth,
        ControlPlaneLogGbPerMonth: cost.ControlPlaneLogGbPerMonth,
        FlowLogGbPerMonth: cost.FlowLogGbPerMonth,
        LogStorageGbRetained: cost.LogStorageGbRetained,
        ContainerLogGbPerMonth: cost.ContainerLogGbPerMonth,
        DeploysPerMonth: cost.DeploysPerMonth,
        InstallerMinutesPerRun: cost.InstallerMinutesPerRun);
}
