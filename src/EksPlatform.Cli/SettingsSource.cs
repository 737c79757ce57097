using System.CommandLine;
using EksPlatform.Settings;

namespace EksPlatform.Cli;

/// <summary>The shared <c>--env</c> / <c>--config</c> options and how they resolve to settings.</summary>
internal sealed class SettingsSource
{
    public Option<string?> Env { get; } = new("--env") { Description = "Environment name: reads config/<NAME>.yaml from the current directory" };

    public Option<FileInfo?> Config { get; } = new("--config") { Description = "Path of a settings file (YAML)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Env);
        command.Options.Add(Config);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Env) is not null && result.GetValue(Config) is not null)
            {
                result.AddError("give either --env or --config, not both");
            }
        });
    }

    /// <summary>Loads and validates; no option means the embedded default profile.</summary>
    public LoadedSettings Load(ParseResult parse)
    {
        if (parse.GetValue(Config) is { } file)
        {
            return SettingsLoader.LoadFile(file.FullName);
        }

        if (parse.GetValue(Env) is { } env)
        {
            return SettingsLoader.LoadFile(Path.Combine("config", $"{env}.yaml"));
        }

        return SettingsLoader.LoadDefault();
    }
}
