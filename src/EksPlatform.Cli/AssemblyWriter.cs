using EksPlatform.Settings;

namespace EksPlatform.Cli;

/// <summary>Writes a cloud assembly through a <see cref="StagedAssembly"/>: the previous output survives any failure.</summary>
internal static class AssemblyWriter
{
    /// <summary>Synthesizes into <paramref name="outdir"/>; returns the path of the stack's template.</summary>
    public static string Write(PlatformSettings settings, string outdir)
    {
        using var staged = StagedAssembly.Synthesize(settings, outdir);
        return Path.Combine(staged.Commit(), $"{settings.StackName}.template.json");
    }
}
