using System.Text.Json.Nodes;
using EksPlatform.Preflight;

namespace EksPlatform.Cli.Tests;

public sealed class PlanCommandTests
{
    [Fact]
    public void Plan_of_prod_as_json_holds_compliance_cost_break_even_and_no_replacements()
    {
        using var temp = new TempDir();
        var output = Path.Combine(temp.Path, "cdk.out");

        var result = Cli.Run(Cli.RepoRoot, "plan", "--env", "prod", "--out", output, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = JsonNode.Parse(result.Stdout)!;
        var compliance = report["compliance"]!.AsArray();
        Assert.True(compliance.Count >= 11);
        // EKSP-010 is about nodes a controller launches (Karpenter), which prod does not have.
        Assert.All(compliance, c => Assert.True((string?)c!["status"] == ((string?)c["id"] == "EKSP-010" ? "notApplicable" : "pass"),
            $"{c["id"]} {c["status"]}: {c["findings"]?.ToJsonString()}"));
        Assert.Contains(compliance, c => (string?)c!["id"] == "EKSP-009" && c["allowlisted"]!.AsArray().Count > 0);
        var deploy = report["deployReadiness"]!.AsArray();
        Assert.Equal(11, deploy.Count);
        Assert.All(deploy, c => Assert.True((string?)c!["status"] == "pass", $"{c["id"]} {c["status"]}: {c["findings"]?.ToJsonString()}"));
        Assert.False((bool)report["hasDeployBlocker"]!);
        Assert.Empty(CreateOnlyCatalog.UncoveredTypes(CloudAssembly.Load(output)));
        Assert.True((decimal)report["cost"]!["totalMonthlyUsd"]! > 0);
        Assert.NotEmpty(report["cost"]!["lines"]!.AsArray());
        Assert.NotNull(report["cost"]!["assumptions"]!["natProcessedGbPerMonth"]);
        Assert.NotNull(report["natVersusEndpoints"]!["breakEvenGbPerMonth"]);
        Assert.Empty(report["replacements"]!.AsArray());
        Assert.True(File.Exists(Path.Combine(temp.Path, "preflight", "report.html")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "preflight", "report.md")));
    }

    [Fact]
    public void A_new_cluster_name_against_the_previous_synth_exits_3_and_names_the_cluster_but_a_new_desired_size_does_not()
    {
        using var temp = new TempDir();
        var output = Path.Combine(temp.Path, "cdk.out");
        var prod = File.ReadAllText(Path.Combine(Cli.RepoRoot, "config", "prod.yaml"));
        var baseline = Cli.Run(temp.Path, "synth", "--config", temp.File("base.yaml", prod), "--out", output);
        Assert.True(baseline.ExitCode == 0, baseline.Stderr);

        var resized = Cli.Run(temp.Path, "plan", "--config",
            temp.File("resized.yaml", prod.Replace("desiredSize: 3", "desiredSize: 4", StringComparison.Ordinal)), "--out", output, "--format", "json");
        var renamed = Cli.Run(temp.Path, "plan", "--config",
            temp.File("renamed.yaml", prod.Replace("name: eks-platform-prod", "name: eks-platform-blue", StringComparison.Ordinal)),
            "--out", output, "--format", "json");

        Assert.True(resized.ExitCode == 0, resized.Stderr + resized.Stdout);
        Assert.Empty(JsonNode.Parse(resized.Stdout)!["replacements"]!.AsArray());
        Assert.Equal(3, renamed.ExitCode);
        var warnings = JsonNode.Parse(renamed.Stdout)!["replacements"]!.AsArray();
        Assert.Contains(warnings, w => (string?)w!["resourceType"] == "AWS::EKS::Cluster" && (bool)w["stateful"]! && (string?)w["property"] == "Name");
        Assert.Contains("--allow-replacement", renamed.Stderr, StringComparison.Ordinal);

        // The refused synth did not become the new baseline: asking again is refused again.
        Assert.Contains("eks-platform-prod", File.ReadAllText(Path.Combine(output, "EksPlatform-prod.template.json")), StringComparison.Ordinal);
        var again = Cli.Run(temp.Path, "plan", "--config", Path.Combine(temp.Path, "renamed.yaml"), "--out", output, "--format", "json");
        Assert.Equal(3, again.ExitCode);
    }

    /// <summary>
    /// README "EKS Auto Mode: switching an existing cluster": prod switched to Auto Mode against prod's synth as the baseline
    /// (docs/auto-mode.md §9). The cluster is updated in place, so no stateful replacement stops the plan: it exits 0 and lists
    /// the node groups it removes.
    /// </summary>
    [Fact]
    public void Plan_against_prod_lists_the_node_groups_switching_to_auto_mode_removes_and_exits_0()
    {
        using var temp = new TempDir();
        var baseline = Path.Combine(temp.Path, "prod.out");
        var prod = File.ReadAllText(Path.Combine(Cli.RepoRoot, "config", "prod.yaml"));
        Assert.Equal(0, Cli.Run(temp.Path, "synth", "--config", temp.File("prod.yaml", prod), "--out", baseline).ExitCode);
        var auto = prod[..prod.IndexOf("nodeGroups:", StringComparison.Ordinal)]
            .Replace("  clusterAutoscaler: { enabled: true }\n", "", StringComparison.Ordinal)
            .Replace("  awsLoadBalancerController: { enabled: true }\n", "", StringComparison.Ordinal)
            .Replace("  ebsCsiDriver: { enabled: true }\n", "", StringComparison.Ordinal) + "compute:\n  mode: autoMode\n";

        var result = Cli.Run(temp.Path, "plan", "--config", temp.File("auto.yaml", auto), "--out", Path.Combine(temp.Path, "cdk.out"),
            "--baseline", baseline, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var replacements = JsonNode.Parse(result.Stdout)!["replacements"]!.AsArray();
        Assert.DoesNotContain(replacements, r => (string?)r!["resourceType"] == "AWS::EKS::Cluster");
        Assert.DoesNotContain(replacements, r => (bool)r!["stateful"]!);
        var removedGroups = replacements.Where(r => (string?)r!["resourceType"] == "AWS::EKS::Nodegroup").ToList();
        Assert.Equal(2, removedGroups.Count);
        Assert.All(removedGroups, r => Assert.Contains("will be deleted", (string?)r!["message"], StringComparison.Ordinal));
    }

    [Fact]
    public void Allow_replacement_turns_the_exit_code_back_to_0()
    {
        using var temp = new TempDir();
        var output = Path.Combine(temp.Path, "cdk.out");
        var prod = File.ReadAllText(Path.Combine(Cli.RepoRoot, "config", "prod.yaml"));
        Assert.Equal(0, Cli.Run(temp.Path, "synth", "--config", temp.File("base.yaml", prod), "--out", output).ExitCode);

        var result = Cli.Run(temp.Path, "plan", "--config",
            temp.File("renamed.yaml", prod.Replace("name: eks-platform-prod", "name: eks-platform-blue", StringComparison.Ordinal)),
            "--out", output, "--allow-replacement");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("AWS::EKS::Cluster", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_container_log_setting_prices_the_container_insights_logs_of_prod()
    {
        using var temp = new TempDir();
        var prod = File.ReadAllText(Path.Combine(Cli.RepoRoot, "config", "prod.yaml")) + "\ncost:\n  containerLogGbPerMonth: 300\n";

        var result = Cli.Run(temp.Path, "plan", "--config", temp.File("prod.yaml", prod), "--out", Path.Combine(temp.Path, "cdk.out"), "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var cost = JsonNode.Parse(result.Stdout)!["cost"]!;
        Assert.Equal(300m, (decimal)cost["assumptions"]!["containerLogGbPerMonth"]!);
        var line = Assert.Single(cost["lines"]!.AsArray(), l => (string?)l!["item"] == "CloudWatch Logs ingestion: Container Insights logs")!;
        Assert.Equal(300m, (decimal)line["quantity"]!);
        Assert.Equal(150.00m, (decimal)line["monthlyUsd"]!); // 300 GB × $0.50 (10 GB/day, the README's example)
    }

    [Fact]
    public void Plan_with_invalid_settings_exits_2_before_synthesizing()
    {
        using var temp = new TempDir();

        var result = Cli.Run(temp.Path, "plan", "--config", temp.File("bad.yaml", "environment: x\ncluster:\n  name: c\n  upgradePolicy: sometimes\n"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cluster.upgradePolicy", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "cdk.out")));
    }
}
