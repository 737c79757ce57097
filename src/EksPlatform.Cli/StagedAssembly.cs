using EksPlatform.Settings;

namespace EksPlatform.Cli;

/// <summary>
/// A cloud assembly synthesized into a fresh sibling folder of the output. It replaces the output only when
/// committed, so a failed synthesis (or a plan that refuses a replacement) leaves the previous output exactly as
/// it was; an uncommitted stage is deleted on dispose.
/// </summary>
internal sealed class StagedAssembly : IDisposable
{
    private readonly string _target;
    private bool _committed;

    private StagedAssembly(string target, string directory)
    {
        _target = target;
        Directory = directory;
    }

    /// <summary>Where the staged assembly is.</summary>
    public string Directory { get; }

    public static StagedAssembly Synthesize(PlatformSettings settings, string outdir)
    {
        var target = Path.GetFullPath(outdir).TrimEnd(Path.DirectorySeparatorChar);
        var staged = new StagedAssembly(target, $"{target}.staging-{Guid.NewGuid():N}");
        try
        {
            PlatformApp.Synthesize(settings, staged.Directory);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the output with the staged assembly; returns the output folder.</summary>
    public string Commit()
    {
        if (System.IO.Directory.Exists(_target))
        {
            System.IO.Directory.Delete(_target, recursive: true);
        }

        System.IO.Directory.Move(Directory, _target);
        _committed = true;
        return _target;
    }

    public void Dispose()
    {
        if (!_committed && System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
