using System.CommandLine;

namespace EksPlatform.Cli.Commands;

/// <summary><c>synth</c>: validate the settings and write the cloud assembly.</summary>
internal static class SynthCommand
{
    public static Command Create(SettingsSource settings, Option<DirectoryInfo> outdir)
    {
        var command = new Command("synth", "Validate the settings and write the CloudFormation cloud assembly (default: cdk.out)");
        settings.AddTo(command);
        command.Options.Add(outdir);
        command.SetAction(parse => Run(settings, parse.GetValue(outdir)!, parse));
        return command;
    }

    public static int Run(SettingsSource settings, DirectoryInfo outdir, ParseResult parse) => Guard.Run(() =>
    {
        var loaded = settings.Load(parse);
        Guard.PrintWarnings(loaded);
        var template = AssemblyWriter.Write(loaded.Settings, outdir.FullName);
        Console.WriteLine(
            $"Synthesized {loaded.Settings.StackName} ({loaded.Settings.Region.Name}) to {Path.GetRelativePath(Environment.CurrentDirectory, template)}");
        return ExitCodes.Success;
    });
}
