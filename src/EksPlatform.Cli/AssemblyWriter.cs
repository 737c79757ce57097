using EksPlatform.Settings;

namespace EksPlatform.Cli;

/// <summary>
/// Writes a cloud assembly so that an existing one is never half-overwritten: synthesize into a fresh sibling
/// folder, then swap it in. If synthesis fails, the previous output is left exactly as it was.
/// </summary>
internal static class AssemblyWriter
{
    public static string Write(PlatformSettings settings, string outdir)
    {
        var target = Path.GetFullPath(outdir);
        var staging = $"{target.TrimEnd(Path.DirectorySeparatorChar)}.staging-{Guid.NewGuid():N}";
        try
        {
            PlatformApp.Synthesize(settings, staging);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
            return Path.Combine(target, $"{settings.StackName}.template.json");
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
