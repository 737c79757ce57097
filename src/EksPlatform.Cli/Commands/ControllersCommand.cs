using System.CommandLine;
using EksPlatform.Cli.Charts;
using EksPlatform.Installer;

namespace EksPlatform.Cli.Commands;

/// <summary>
/// <c>controllers</c> (formerly <c>addons</c>, kept as an alias): render the controllers' Helm values, the encrypted default StorageClass and an install script
/// from the settings and the deployed stack's outputs. No CDK synthesis, no AWS calls.
/// </summary>
internal static class ControllersCommand
{
    public static Command Create(SettingsSource settings)
    {
        var outputs = new Option<FileInfo?>("--outputs")
        {
            Description = "Stack outputs written by `cdk deploy --outputs-file FILE` (role ARNs, VPC id); without it they are placeholders",
        };
        var outdir = new Option<DirectoryInfo>("--out")
        {
            Description = "Output directory of the values files and install.sh",
            DefaultValueFactory = _ => new DirectoryInfo("controllers"),
        };
        var command = new Command("controllers",
            "Render Helm values (pinned charts, IRSA role annotations) and an install script for the in-cluster controllers");
        // The command's old name: "add-on" now means an EKS managed add-on only (docs/architecture.md §1).
        command.Aliases.Add("addons");
        settings.AddTo(command);
        command.Options.Add(outputs);
        command.Options.Add(outdir);
        command.SetAction(parse => Run(settings, parse.GetValue(outputs), parse.GetValue(outdir)!, parse));
        return command;
    }

    private static int Run(SettingsSource settings, FileInfo? outputsFile, DirectoryInfo outdir, ParseResult parse) => Guard.Run(() =>
    {
        var loaded = settings.Load(parse);
        Guard.PrintWarnings(loaded);
        var stackName = loaded.Settings.StackName;
        var outputs = outputsFile is null ? null : StackOutputs.Load(outputsFile.FullName, stackName);

        // Render everything before writing anything: a failure leaves the output folder as it was.
        var bundle = ChartValuesRenderer.Render(loaded.Settings, outputs?.Values);
        var written = bundle.WriteTo(outdir.FullName);

        foreach (var path in written)
        {
            Console.WriteLine($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
        }

        if (bundle.Placeholders.Count > 0)
        {
            Console.Error.WriteLine(outputs is null
                ? $"note: no --outputs given, so role ARNs and the VPC id are placeholders ({string.Join(", ", bundle.Placeholders)})."
                : $"note: {outputsFile!.Name} lacks outputs of {stackName}: {string.Join(", ", bundle.Placeholders)}; " +
                    "they are placeholders (redeploy the stack?).");
            Console.Error.WriteLine($"      To fill them in: {ChartValuesRenderer.PlaceholderHint}. install.sh refuses to run until then.");
        }

        Console.WriteLine(
            $"Install with: {Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(outdir.FullName, ChartValuesRenderer.InstallScriptName))}");
        return ExitCodes.Success;
    });
}
