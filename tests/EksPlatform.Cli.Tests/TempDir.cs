using System.Security.Cryptography;

namespace EksPlatform.Cli.Tests;

/// <summary>A scratch folder deleted after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("eksp-cli-").FullName;

    public string File(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Every file's relative path, bytes hash and write time: equal fingerprints mean an untouched folder.</summary>
    public static string Fingerprint(string dir) => string.Join("\n", Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => $"{System.IO.Path.GetRelativePath(dir, f)} {Convert.ToHexString(SHA256.HashData(System.IO.File.ReadAllBytes(f)))} " +
            $"{System.IO.File.GetLastWriteTimeUtc(f):O}"));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
