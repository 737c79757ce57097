using System.Diagnostics;

namespace EksPlatform.Cli.Tests;

/// <summary>
/// The command line as users get it: packed as a .NET tool, installed into a temporary tool path, and run in a folder
/// outside the repository, where only the embedded default settings exist.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public void The_packed_tool_installs_and_synthesizes_the_embedded_default_outside_the_repository()
    {
        using var scratch = new TempDir();
        var packages = Path.Combine(scratch.Path, "packages");
        var tools = Path.Combine(scratch.Path, "tools");
        var work = Directory.CreateDirectory(Path.Combine(scratch.Path, "work")).FullName;

        // The Debug build dotnet test made is packed as is (no second build), as the tool package EksPlatform.Cli.
        Run(Cli.RepoRoot, "dotnet", "pack", Path.Combine("src", "EksPlatform.Cli"), "-c", "Debug", "--no-build", "-o", packages);
        var package = Assert.Single(Directory.GetFiles(packages, "EksPlatform.Cli.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["EksPlatform.Cli.".Length..];
        Run(scratch.Path, "dotnet", "tool", "install", "EksPlatform.Cli", "--version", version, "--tool-path", tools, "--add-source", packages);

        var synth = Run(work, Path.Combine(tools, "eks-platform"), "synth");

        Assert.Contains("Synthesized EksPlatform-prod", synth, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(work, "cdk.out", "EksPlatform-prod.template.json")).Length > 10_000);
        Assert.False(File.Exists(Path.Combine(work, "config", "prod.yaml")), "the tool must not need the repository's config folder");
    }

    private static string Run(string workingDirectory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result + stderr.Result;
    }
}
