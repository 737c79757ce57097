using System.CommandLine;
using EksPlatform.Cli;
using EksPlatform.Cli.Commands;

// JSII prints a notice on every start for Node 20; the toolchain is pinned on purpose (docs/versions.md §5).
Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");

// The CDK CLI (cdk synth/diff/deploy through cdk.json) sets CDK_OUTDIR and passes -c context.
if (CdkAppMode.IsActive)
{
    return CdkAppMode.Run();
}

var settings = new SettingsSource();
var outdir = new Option<DirectoryInfo>("--out")
{
    Description = "Output directory of the cloud assembly",
    DefaultValueFactory = _ => new DirectoryInfo("cdk.out"),
};

var root = new RootCommand(
    "EksPlatform: a production Amazon EKS platform from native CloudFormation. Without a command: synth of the embedded default profile.");
root.Subcommands.Add(SynthCommand.Create(settings, outdir));
root.Subcommands.Add(PlanCommand.Create(settings, outdir));
root.Subcommands.Add(ControllersCommand.Create(settings));
root.Options.Add(outdir);
root.SetAction(parse => SynthCommand.Run(settings, parse.GetValue(outdir)!, parse));
return root.Parse(args).Invoke();
