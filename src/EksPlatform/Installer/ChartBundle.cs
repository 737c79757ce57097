using EksPlatform.Controllers;

namespace EksPlatform.Installer;

/// <summary>A file of the <c>controllers</c> output.</summary>
/// <param name="Name">File name, relative to the output folder.</param>
/// <param name="Content">The text (LF line ends).</param>
/// <param name="Executable">Whether to mark it executable (the install script).</param>
public sealed record RenderedFile(string Name, string Content, bool Executable = false);

/// <summary>What <see cref="ChartValuesRenderer"/> produces: the files, and the stack outputs it had to leave as placeholders.</summary>
/// <param name="Files">Values files, manifests and the install script.</param>
/// <param name="Placeholders">Output keys that were not available, each rendered as a clearly marked placeholder.</param>
public sealed record ChartBundle(IReadOnlyList<RenderedFile> Files, IReadOnlyList<string> Placeholders)
{
    /// <summary>
    /// Writes the files into <paramref name="directory"/> (created if needed) and deletes files this renderer wrote
    /// earlier that no longer belong (a controller that was disabled since). Other files are left alone.
    /// </summary>
    /// <returns>The paths written.</returns>
    public IReadOnlyList<string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var current = Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in ChartValuesRenderer.AllFileNames.Where(name => !current.Contains(name)))
        {
            File.Delete(Path.Combine(directory, stale));
        }

        // Manifests of controllers (named <controller>.<manifest>.yaml) that the settings no longer produce.
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml"))
        {
            var name = Path.GetFileName(path);
            if (!current.Contains(name) && ControllerCatalog.All.Any(c => name.StartsWith($"{c.Name}.", StringComparison.Ordinal)))
            {
                File.Delete(path);
            }
        }

        var written = new List<string>();
        foreach (var file in Files)
        {
            var path = Path.Combine(directory, file.Name);
            File.WriteAllText(path, file.Content);
            if (file.Executable && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }

            written.Add(path);
        }

        return written;
    }
}
