namespace EksPlatform.Cli.Tests;

public sealed class SynthCommandTests
{
    [Fact]
    public void Invalid_settings_exit_2_list_every_problem_and_leave_the_existing_output_untouched()
    {
        using var temp = new TempDir();
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "cdk.out")).FullName;
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{\"previous\": true}");
        File.WriteAllText(Path.Combine(output, "EksPlatform-prod.template.json"), "{\"Resources\": {}}");
        var before = TempDir.Fingerprint(output);
        var config = temp.File("bad.yaml", "environment: prod\nregion: us-east-9\nnetwork:\n  natGateways: many\ncluster:\n  name: -x\n");

        var result = Cli.Run(temp.Path, "synth", "--config", config, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("region: 'us-east-9' is not an AWS region", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("network.natGateways", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("allowed values: perAz | single", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("cluster.name", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, TempDir.Fingerprint(output));
        Assert.Equal(2, Directory.GetFiles(output).Length);
    }

    /// <summary>Hostile files end like any bad settings: exit 2, a path and a sentence, no .NET exception text, output untouched.</summary>
    [Theory]
    [InlineData("alias-bomb")]
    [InlineData("two-documents")]
    [InlineData("huge")]
    [InlineData("deep")]
    public void Hostile_settings_files_exit_2_with_a_sentence_and_touch_nothing(string kind)
    {
        using var temp = new TempDir();
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "cdk.out")).FullName;
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{\"previous\": true}");
        var before = TempDir.Fingerprint(output);
        var text = kind switch
        {
            "alias-bomb" => "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 8).Select(i =>
                $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n")),
            "two-documents" => "environment: a\ncluster: { name: a }\n---\nenvironment: b\n",
            "huge" => "environment: a\n# " + new string('x', 2 * 1024 * 1024) + "\n",
            _ => new string('[', 5000) + new string(']', 5000),
        };
        var config = temp.File("hostile.yaml", text);

        var result = Cli.Run(temp.Path, "synth", "--config", config, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid settings", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, TempDir.Fingerprint(output));
    }

    [Fact]
    public void A_missing_settings_file_is_invalid_settings()
    {
        using var temp = new TempDir();

        var result = Cli.Run(temp.Path, "synth", "--env", "nowhere");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("config/nowhere.yaml", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "cdk.out")));
    }

    [Fact]
    public void Synth_of_an_environment_replaces_the_previous_output()
    {
        using var temp = new TempDir();
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "out")).FullName;
        File.WriteAllText(Path.Combine(output, "stale.txt"), "from an earlier run");

        var result = Cli.Run(Cli.RepoRoot, "synth", "--env", "dev", "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(File.Exists(Path.Combine(output, "EksPlatform-dev.template.json")));
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
        Assert.False(File.Exists(Path.Combine(output, "stale.txt")));
        Assert.DoesNotContain(Directory.GetDirectories(temp.Path), d => d.Contains(".staging-", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_arguments_it_synthesizes_the_embedded_default_into_cdk_out()
    {
        using var temp = new TempDir();

        var result = Cli.Run(temp.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var template = File.ReadAllText(Path.Combine(temp.Path, "cdk.out", "EksPlatform-prod.template.json"));
        Assert.Contains("\"AvailabilityZoneId\": \"use1-az1\"", template, StringComparison.Ordinal);
        Assert.Contains("AWS::EC2::VPC", template, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("synth", "--help")]
    public void Help_is_available_for_every_command(params string[] args)
    {
        using var temp = new TempDir();

        var result = Cli.Run(temp.Path, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--out", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_and_config_together_are_a_usage_error()
    {
        using var temp = new TempDir();

        var result = Cli.Run(temp.Path, "synth", "--env", "dev", "--config", "x.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("either --env or --config", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }
}
