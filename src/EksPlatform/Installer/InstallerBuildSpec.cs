using System.Text;
using EksPlatform.Controllers;
using EksPlatform.Settings;
using YamlDotNet.Serialization;

namespace EksPlatform.Installer;

/// <summary>
/// The build specification of the in-VPC installer (CodeBuild buildspec version 0.2; docs/installer.md §6). It installs
/// a pinned Helm whose download is checked against its published SHA-256, adds the cluster to the build's kubeconfig
/// with the build role, writes the very files <c>eks-platform controllers</c> renders for the same settings, and runs
/// their <c>install.sh</c>. Every step is safe to repeat: <c>helm upgrade --install</c>, <c>kubectl apply</c>, and a
/// StorageClass replaced only when its key changed.
/// </summary>
public static class InstallerBuildSpec
{
    /// <summary>The Helm release the build installs (docs/installer.md §7; the newest 3.x whose checksum is recorded).</summary>
    public const string HelmVersion = "v3.19.2";

    /// <summary>SHA-256 of <see cref="HelmDownloadUrl"/> (docs/installer.md §7).</summary>
    public const string HelmSha256 = "2114c9dea2844dce6d0ee2d792a9aae846be8cf53d5b19dc2988b5a0e8fec26e";

    /// <summary>Helm's official download of <see cref="HelmVersion"/> for Linux x86-64.</summary>
    public const string HelmDownloadUrl = $"https://get.helm.sh/helm-{HelmVersion}-linux-amd64.tar.gz";

    /// <summary>The folder, relative to the build's working directory, that the rendered files are written to.</summary>
    public const string FilesDirectory = "controllers";

    private static readonly ISerializer s_yaml = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    /// <summary>Renders the build specification.</summary>
    /// <param name="settings">The platform settings.</param>
    /// <param name="stackValues">The stack's values by output key, as references (see <see cref="ControllerInstallerProps"/>).</param>
    /// <param name="controllers">The controllers to consider; null: <see cref="ControllerCatalog.All"/>.</param>
    /// <exception cref="InvalidOperationException">A value the Helm values need is missing from <paramref name="stackValues"/>.</exception>
    public static string Render(PlatformSettings settings, IReadOnlyDictionary<string, string> stackValues, IReadOnlyList<Controller>? controllers = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stackValues);
        var bundle = ChartValuesRenderer.Render(settings, stackValues, controllers);
        if (bundle.Placeholders.Count > 0)
        {
            throw new InvalidOperationException(
                $"the installer lacks stack values for {string.Join(", ", bundle.Placeholders)}: pass them in {nameof(ControllerInstallerProps.StackValues)}");
        }

        var writeFiles = bundle.Files.Select(file => WriteFile($"{FilesDirectory}/{file.Name}", file.Content));
        var spec = new Dictionary<string, object>
        {
            ["version"] = "0.2",
            ["env"] = new Dictionary<string, object> { ["shell"] = "bash" },
            ["phases"] = new Dictionary<string, object>
            {
                ["install"] = Phase(
                    $"curl --fail --silent --show-error --location --output /tmp/helm.tar.gz {HelmDownloadUrl}",
                    $"echo '{HelmSha256}  /tmp/helm.tar.gz' | sha256sum --check --strict -",
                    "tar -xzf /tmp/helm.tar.gz -C /tmp linux-amd64/helm",
                    "install -m 0755 /tmp/linux-amd64/helm /usr/local/bin/helm"),
                ["pre_build"] = Phase(
                    $"aws eks update-kubeconfig --region {settings.Region.Name} --name {settings.Cluster.Name}"),
                ["build"] = Phase([$"mkdir -p {FilesDirectory}", .. writeFiles, $"bash {FilesDirectory}/{ChartValuesRenderer.InstallScriptName}"]),
            },
        };
        return s_yaml.Serialize(spec).ReplaceLineEndings("\n");
    }

    /// <summary>A phase that stops the build at its first failing command.</summary>
    private static Dictionary<string, object> Phase(params string[] commands) => new()
    {
        ["on-failure"] = "ABORT",
        ["commands"] = commands,
    };

    /// <summary>
    /// One command that writes a file: <c>printf '%s\n'</c> with each line single-quoted, so nothing in the file is
    /// expanded by the shell. Kept on one line, so the command does not depend on how CodeBuild joins lines.
    /// </summary>
    internal static string WriteFile(string path, string content)
    {
        var lines = content.EndsWith('\n') ? content[..^1].Split('\n') : content.Split('\n');
        var command = new StringBuilder("printf '%s\\n'");
        foreach (var line in lines)
        {
            command.Append(" '").Append(line.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'');
        }

        return command.Append(" > ").Append(path).ToString();
    }
}
