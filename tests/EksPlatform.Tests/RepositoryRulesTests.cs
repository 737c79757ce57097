using System.Text.RegularExpressions;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests;

/// <summary>
/// Rules of the repository itself: code keeps to the line length .editorconfig sets, and nothing cites a document
/// outside the repository or holds a path of the machine it was written on.
/// </summary>
public sealed partial class RepositoryRulesTests
{
    /// <summary>The <c>max_line_length</c> of .editorconfig for C#.</summary>
    private const int MaxLineLength = 160;

    private static readonly string[] s_codeFolders = ["src", "tests", "examples"];

    [Fact]
    public void Editorconfig_sets_the_line_length_the_code_keeps()
    {
        var editorconfig = File.ReadAllText(Repo.Path(".editorconfig"));

        Assert.Matches($@"\[\*\.cs\][^\[]*max_line_length = {MaxLineLength}", editorconfig);
    }

    [Fact]
    public void Every_line_of_code_is_at_most_the_maximum_length()
    {
        var long_ = CodeFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (File: file, Line: i + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{Path.GetRelativePath(Repo.Root, l.File)}:{l.Line} ({l.Length})")
            .ToArray();

        Assert.True(long_.Length == 0, $"lines over {MaxLineLength} characters:\n{string.Join("\n", long_)}");
    }

    [Fact]
    public void Nothing_cites_documents_outside_the_repository_or_machine_paths()
    {
        var files = CodeFiles().Concat(Directory.EnumerateFiles(Repo.Path("docs"), "*.md")).Append(Repo.Path("README.md"));

        var offending = files
            .Where(file => OutsideCitation().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(Repo.Root, file))
            .ToArray();

        Assert.Empty(offending);
    }

    private static IEnumerable<string> CodeFiles() => s_codeFolders
        .SelectMany(folder => Directory.EnumerateFiles(Repo.Path(folder), "*.cs", SearchOption.AllDirectories))
        .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // Built from pieces so this file does not match itself.
    [GeneratedRegex(@"\.\./shared/|\breference" + @"\.md\b|\bdesign" + @"\.md\b|/wor" + @"k/|/hom" + @"e/[a-z]")]
    private static partial Regex OutsideCitation();
}
