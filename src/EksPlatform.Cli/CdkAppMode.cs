using Amazon.CDK;
using EksPlatform.Settings;

namespace EksPlatform.Cli;

/// <summary>
/// Runs as the app of <c>cdk.json</c>: the CDK CLI passes the output folder and context; <c>-c env=NAME</c> or
/// <c>-c config=FILE</c> select the settings, as <c>--env</c> / <c>--config</c> do.
/// </summary>
internal static class CdkAppMode
{
    public static bool IsActive => System.Environment.GetEnvironmentVariable("CDK_OUTDIR") is not null;

    public static int Run() => Guard.Run(() =>
    {
        var app = new App();
        var loaded = app.Node.TryGetContext("config") is string file ? SettingsLoader.LoadFile(file)
            : app.Node.TryGetContext("env") is string env ? SettingsLoader.LoadFile(Path.Combine("config", $"{env}.yaml"))
            : SettingsLoader.LoadDefault();
        Guard.PrintWarnings(loaded);
        _ = new PlatformStack(app, loaded.Settings);
        app.Synth();
        return ExitCodes.Success;
    });
}
