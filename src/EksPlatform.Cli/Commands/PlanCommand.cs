using System.CommandLine;
using EksPlatform.Preflight;
using EksPlatform.Settings;
using Spectre.Console;

namespace EksPlatform.Cli.Commands;

/// <summary>
/// <c>plan</c>: synth, then the preflight report (compliance, monthly cost, NAT-versus-endpoint break-even,
/// replacement warnings against the previous synth or a baseline, diagram). Exit 3 when a resource that holds
/// data would be replaced or removed, unless <c>--allow-replacement</c>.
/// </summary>
internal static class PlanCommand
{
    private static readonly string[] s_formats = ["text", "md", "html", "json"];

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
        var command = new Command("plan", "Synthesize, then report compliance, monthly cost, replacements and a diagram before anything is deployed");
        settings.AddTo(command);
        command.Options.Add(outdir);
        command.Options.Add(baseline);
        command.Options.Add(format);
        command.Options.Add(allowReplacement);
        command.Options.Add(assembly);
        command.SetAction(parse => Guard.Run(() => parse.GetValue(assembly) is { } existing
            ? Report(CloudAssembly.Load(existing.FullName), settings.Load(parse).Settings.Cost, existing,
                parse.GetValue(baseline) is { } b ? CloudAssembly.Load(b.FullName) : null, parse.GetValue(format)!, parse.GetValue(allowReplacement))
            : Run(settings.Load(parse), parse.GetValue(outdir)!, parse.GetValue(baseline), parse.GetValue(format)!, parse.GetValue(allowReplacement))));
        return command;
    }

    private static int Run(LoadedSettings loaded, DirectoryInfo outdir, DirectoryInfo? baselineDir, string format, bool allowReplacement)
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

        // The new synth replaces the output only when the plan accepts it: a refused replacement keeps the
        // previous synth as the baseline, so running plan again does not wave the same replacement through.
        var exitCode = Report(CloudAssembly.Load(staged.Directory), loaded.Settings.Cost, outdir, baseline, format, allowReplacement);
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

    private static int Report(CloudAssembly assembly, CostSettings cost, DirectoryInfo outdir, CloudAssembly? baseline, string format, bool allowReplacement)
    {
        var report = PreflightAnalyzer.Analyze(assembly, new PreflightOptions(Assumptions(cost), baseline, IamAllowlist.Statements));
        var files = WriteReports(report, outdir);
        Console.Out.Write(format switch
        {
            "json" => ReportRenderer.ToJson(report),
            "md" => ReportRenderer.ToMarkdown(report),
            "html" => ReportRenderer.ToHtml(report),
            _ => ReportRenderer.ToText(report),
        });
        Console.Error.WriteLine($"Reports: {string.Join(", ", files.Select(f => Path.GetRelativePath(Environment.CurrentDirectory, f)))}");

        if (report.HasStatefulReplacement && !allowReplacement)
        {
            Console.Error.WriteLine("A resource that holds data would be replaced or removed (see the replacement warnings). " +
                "Re-run with --allow-replacement if that is intended.");
            return ExitCodes.StatefulReplacement;
        }

        return ExitCodes.Success;
    }

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
