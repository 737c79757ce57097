using Amazon.CDK;
using Amazon.CDK.CXAPI;
using EksPlatform.Settings;

namespace EksPlatform;

/// <summary>Synthesizes the platform of one environment into a cloud assembly.</summary>
public static class PlatformApp
{
    /// <summary>Builds the app and its stack without writing anything (for tests and the CDK CLI).</summary>
    /// <param name="settings">The validated settings.</param>
    /// <param name="outdir">Where a later synth writes the cloud assembly.</param>
    /// <param name="controllers">The controllers to consider; null: <see cref="Controllers.ControllerCatalog.All"/>.</param>
    public static (App App, PlatformStack Stack) Build(PlatformSettings settings, string? outdir = null,
        IReadOnlyList<Controllers.Controller>? controllers = null)
    {
        var app = new App(new AppProps { Outdir = outdir, AnalyticsReporting = false });
        return (app, new PlatformStack(app, settings, controllers));
    }

    /// <summary>Writes the cloud assembly of <paramref name="settings"/> into <paramref name="outdir"/>.</summary>
    public static CloudAssembly Synthesize(PlatformSettings settings, string outdir) => Build(settings, outdir).App.Synth();
}
