using System.Text.Json.Nodes;

namespace EksPlatform.Settings;

/// <summary>
/// The one way in: YAML text → structural check against the JSON Schema → semantic checks → immutable records.
/// Every problem of a file is reported at once, with its field path.
/// </summary>
public static class SettingsLoader
{
    /// <summary>Name shown for the embedded default profile.</summary>
    public const string EmbeddedDefaultName = "embedded default (config/prod.yaml)";

    /// <summary>The largest settings file read (a real one is a few kilobytes); larger files are refused unread.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Loads a settings file.</summary>
    /// <exception cref="InvalidSettingsException">The file is invalid; every problem is listed.</exception>
    public static LoadedSettings LoadFile(string path, DateOnly? today = null)
    {
        if (!File.Exists(path))
        {
            throw new InvalidSettingsException(path, [new SettingsIssue("(file)", $"settings file '{path}' does not exist")]);
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new InvalidSettingsException(path, [new SettingsIssue("(file)",
                $"the file is larger than {MaxBytes / 1024} KiB; a settings file is a few kilobytes, so this is probably not one")]);
        }

        return LoadYaml(File.ReadAllText(path), path, today);
    }

    /// <summary>Loads the embedded production-like profile (us-east-1).</summary>
    public static LoadedSettings LoadDefault(DateOnly? today = null) => LoadYaml(DefaultYaml, EmbeddedDefaultName, today);

    /// <summary>The embedded default profile's YAML text.</summary>
    public static string DefaultYaml => ReadResource("EksPlatform.default.yaml");

    /// <summary>The published JSON Schema's text.</summary>
    public static string SchemaText => ReadResource("EksPlatform.eks-platform.schema.json");

    /// <summary>Loads settings from YAML text.</summary>
    /// <param name="yaml">The settings.</param>
    /// <param name="source">Where they came from, for messages.</param>
    /// <param name="today">The day support windows are judged on (default: today, UTC).</param>
    /// <exception cref="InvalidSettingsException">The settings are invalid; every problem is listed.</exception>
    public static LoadedSettings LoadYaml(string yaml, string source, DateOnly? today = null)
    {
        var issues = new List<SettingsIssue>();
        if (yaml.Length > MaxBytes)
        {
            throw new InvalidSettingsException(source, [new SettingsIssue("(file)",
                $"the settings are longer than {MaxBytes / 1024} KiB; a settings file is a few kilobytes, so this is probably not one")]);
        }

        var document = YamlDocument.Parse(yaml, issues);
        if (document is not null and not JsonObject)
        {
            issues.Add(new SettingsIssue("(root)",
                "the settings must be a YAML mapping of fields (environment: …, cluster: …), not a single value or a list"));
        }

        if (document is not JsonObject root || issues.Count > 0)
        {
            throw new InvalidSettingsException(source, issues);
        }

        var invalid = SettingsSchema.Check(root, issues);
        var settings = new SettingsBuilder(root, invalid, today ?? DateOnly.FromDateTime(DateTime.UtcNow), issues).Build();
        if (settings is null || issues.Any(i => i.Severity == IssueSeverity.Error))
        {
            throw new InvalidSettingsException(source, issues);
        }

        return new LoadedSettings(settings, issues);
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(SettingsLoader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
