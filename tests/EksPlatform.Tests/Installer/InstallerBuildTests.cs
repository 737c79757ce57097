using System.Text.Json.Nodes;
using EksPlatform.Controllers;
using EksPlatform.Installer;
using EksPlatform.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EksPlatform.Tests.Installer;

/// <summary>
/// The prod template's build specification, resolved as CloudFormation would resolve it, parsed as YAML, and its
/// commands run by bash against stub <c>helm</c>, <c>kubectl</c>, <c>aws</c> and <c>curl</c>: it must write exactly the
/// files <c>eks-platform controllers</c> renders from the same stack's outputs, and install exactly the enabled
/// controllers at their pinned versions, in a way a second run repeats without change.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class InstallerBuildTests(PlatformFixture platform) : IDisposable
{
    private readonly StubShell _shell = new();

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void The_build_writes_the_files_the_controllers_command_renders_from_the_stacks_outputs()
    {
        var (deploy, phases) = BuildSpec();
        var expected = ChartValuesRenderer.Render(platform.Prod.Settings, deploy.Outputs());

        var (exitCode, _, output) = RunPhase(phases, "build");

        Assert.True(exitCode == 0, output);
        var written = Directory.GetFiles(Path.Combine(_shell.Root, InstallerBuildSpec.FilesDirectory)).Select(Path.GetFileName).Order();
        Assert.Equal(expected.Files.Select(f => f.Name).Order(), written);
        Assert.Empty(expected.Placeholders);
        foreach (var file in expected.Files)
        {
            Assert.Equal(file.Content, File.ReadAllText(Path.Combine(_shell.Root, InstallerBuildSpec.FilesDirectory, file.Name)));
        }
    }

    [Fact]
    public void The_build_installs_exactly_the_enabled_controllers_at_their_pinned_versions_and_a_second_run_changes_nothing()
    {
        var (_, phases) = BuildSpec();
        var charts = ControllerCatalog.Enabled(platform.Prod.Settings.Controllers).Where(c => c.Chart is not null).ToArray();

        var first = RunPhase(phases, "build");
        var second = RunPhase(phases, "build");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        var upgrades = first.Log.Where(l => l.StartsWith("helm upgrade", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            charts.Select(c => $"helm upgrade --install {c.Chart!.ReleaseName} {c.Chart.Reference} --version {c.Chart.Version} ").Order(),
            upgrades.Select(u => u[..(u.IndexOf("--namespace", StringComparison.Ordinal))]).Order());
        // Helm and kubectl only ever upgrade-or-install and apply; the second run repeats the first and deletes nothing.
        Assert.DoesNotContain(first.Log.Concat(second.Log), l => l.StartsWith("helm install", StringComparison.Ordinal)
            || l.StartsWith("kubectl create", StringComparison.Ordinal) || l.StartsWith("kubectl delete", StringComparison.Ordinal));
        // (but for the temporary folder the load balancer controller's CRDs are pulled into)
        Assert.Equal(first.Log.Select(WithoutTempDir), second.Log.Select(WithoutTempDir));
    }

    [Fact]
    public void The_build_survives_an_unrelated_broken_repository_and_replaces_the_storage_class_of_an_old_key()
    {
        var (_, phases) = BuildSpec();

        // The stub helm fails a bare `helm repo update` as Helm does when any configured repository is broken.
        var (exitCode, log, output) = RunPhase(phases, "build", ("STUB_CURRENT_KEY", "arn:aws:kms:us-east-1:123456789012:key/old"));

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("helm repo update", log);
        var delete = log.IndexOf($"kubectl delete storageclass {ChartValuesRenderer.StorageClassName}");
        Assert.InRange(delete, 0, log.IndexOf($"kubectl apply -f {ChartValuesRenderer.StorageClassFileName}") - 1);
    }

    [Fact]
    public void Helm_is_downloaded_from_its_pinned_release_and_a_download_that_does_not_match_the_checksum_stops_the_build()
    {
        var (_, phases) = BuildSpec();
        _shell.Stub("curl", """
            while [ $# -gt 0 ]; do if [ "$1" = --output ]; then out=$2; fi; shift; done
            echo "not the helm release" > "$out"
            """);

        var (exitCode, log, output) = RunPhase(phases, "install");

        Assert.Contains($"curl --fail --silent --show-error --location --output /tmp/helm.tar.gz {InstallerBuildSpec.HelmDownloadUrl}", log);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
        Assert.Contains(InstallerBuildSpec.HelmSha256, Commands(phases, "install")[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_build_the_cluster_is_added_to_the_kubeconfig_in_its_region()
    {
        var (_, phases) = BuildSpec();
        var settings = platform.Prod.Settings;

        var (exitCode, log, output) = RunPhase(phases, "pre_build");

        Assert.True(exitCode == 0, output);
        Assert.Equal([$"aws eks update-kubeconfig --region {settings.Region.Name} --name {settings.Cluster.Name}"], log);
        Assert.All(new[] { "install", "pre_build", "build" }, phase => Assert.Equal("ABORT", ((YamlScalarNode)Phase(phases, phase)["on-failure"]).Value));
    }

    private (FakeDeploy Deploy, YamlMappingNode Phases) BuildSpec()
    {
        var template = platform.Prod.Json;
        var deploy = new FakeDeploy(template);
        var project = Assert.Single(platform.Prod.Resources("AWS::CodeBuild::Project")).Resource;
        var text = deploy.Text(project["Properties"]!["Source"]!["BuildSpec"]);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("0.2", ((YamlScalarNode)root["version"]).Value);
        Assert.Equal("bash", ((YamlScalarNode)((YamlMappingNode)root["env"])["shell"]).Value);
        return (deploy, (YamlMappingNode)root["phases"]);
    }

    private static string WithoutTempDir(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line, @"/tmp[^ ]*/tmp\.[A-Za-z0-9]+", "<tmp>");

    private static YamlMappingNode Phase(YamlMappingNode phases, string name) => (YamlMappingNode)phases[name];

    private static string[] Commands(YamlMappingNode phases, string name) =>
        [.. ((YamlSequenceNode)Phase(phases, name)["commands"]).Select(c => ((YamlScalarNode)c).Value!)];

    /// <summary>Runs a phase's commands in order, stopping at the first that fails (the phase's <c>on-failure: ABORT</c>).</summary>
    private (int ExitCode, List<string> Log, string Output) RunPhase(YamlMappingNode phases, string name, params (string, string)[] environment)
    {
        var script = Path.Combine(_shell.Root, $"{name}.sh");
        File.WriteAllText(script, "set -e\n" + string.Join('\n', Commands(phases, name)) + "\n");
        return _shell.Bash(_shell.Root, [script], environment);
    }
}
