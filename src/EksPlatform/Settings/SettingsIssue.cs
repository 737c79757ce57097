namespace EksPlatform.Settings;

/// <summary>How bad a settings issue is.</summary>
public enum IssueSeverity
{
    /// <summary>The settings are rejected.</summary>
    Error,

    /// <summary>The settings are accepted; the user should know.</summary>
    Warning,
}

/// <summary>One problem in a settings file, at a field path such as <c>network.vpcCidr</c> or <c>cluster.admins[1]</c>.</summary>
public sealed record SettingsIssue(string Path, string Message, IssueSeverity Severity = IssueSeverity.Error)
{
    /// <inheritdoc/>
    public override string ToString() => $"{(Severity == IssueSeverity.Error ? "error" : "warning")}: {Path}: {Message}";
}

/// <summary>Thrown when settings are invalid; carries every problem found.</summary>
public sealed class InvalidSettingsException(string source, IReadOnlyList<SettingsIssue> issues)
    : Exception($"{source}: {issues.Count(i => i.Severity == IssueSeverity.Error)} problem(s) in the settings:{System.Environment.NewLine}" +
                string.Join(System.Environment.NewLine, issues.Select(i => "  " + i)))
{
    /// <summary>Where the settings came from (a file path or "embedded default").</summary>
    public string SettingsSource { get; } = source;

    /// <summary>Every problem, errors and warnings.</summary>
    public IReadOnlyList<SettingsIssue> Issues { get; } = issues;
}

/// <summary>Valid settings and the warnings found while loading them.</summary>
public sealed record LoadedSettings(PlatformSettings Settings, IReadOnlyList<SettingsIssue> Warnings);
