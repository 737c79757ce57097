using EksPlatform.Preflight;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Installer;

/// <summary>What <c>plan</c> says about the installer: its build minutes in the cost, and its path to the endpoint in the diagram.</summary>
[Collection(PlatformCollection.Name)]
public sealed class InstallerPreflightTests(PlatformFixture platform)
{
    [Fact]
    public void The_cost_counts_one_run_per_deploy_of_the_installer()
    {
        var settings = platform.Prod.Settings;

        var line = Assert.Single(Report().Cost.Lines, l => l.Item.StartsWith("CodeBuild build minutes", StringComparison.Ordinal));

        Assert.Equal(settings.Cost.DeploysPerMonth * settings.Cost.InstallerMinutesPerRun, line.Quantity);
        Assert.Equal(0.005m, line.UnitPriceUsd);
        Assert.StartsWith("InstallerProject", Assert.Single(line.Resources), StringComparison.Ordinal);
    }

    [Fact]
    public void The_diagram_shows_the_installer_reaching_the_cluster_endpoint_and_started_by_deploys()
    {
        var report = Report();

        Assert.Contains("CodeBuild eks-platform-prod-install-controllers", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Matches(@"InstallerProject\w* -->\|helm, kubectl on 443\| s0_Cluster", report.MermaidDiagram);
        Assert.Contains("EventBridge rule: stack deploy completed", report.MermaidDiagram, StringComparison.Ordinal);
        Assert.Contains("CodeBuild eks-platform-prod-install-controllers", report.SvgDiagram, StringComparison.Ordinal);
        Assert.Contains("in the VPC → API on 443", report.SvgDiagram, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installers_access_entry_passes_the_scope_check_and_its_role_only_the_documented_wildcard()
    {
        var report = Report();

        Assert.Equal(ComplianceStatus.Pass, Assert.Single(report.Compliance, c => c.Id == "EKSP-012").Status);
        var wildcard = Assert.Single(report.Compliance, c => c.Id == "EKSP-009");
        Assert.Contains(wildcard.Allowlisted, a => a.LogicalId!.StartsWith("InstallerPermissions", StringComparison.Ordinal));
    }

    private PreflightReport Report()
    {
        var synth = platform.Prod;
        var name = synth.Stack.StackName;
        var assembly = new CloudAssembly("", [new StackTemplate(name, name, $"aws://unknown-account/{synth.Settings.Region.Name}", synth.Json)]);
        var cost = synth.Settings.Cost;
        return PreflightAnalyzer.Analyze(assembly, PreflightOptions.Default with
        {
            IamAllowlist = Cli.IamAllowlist.Statements,
            Cost = PreflightOptions.Default.Cost with
            {
                DeploysPerMonth = cost.DeploysPerMonth,
                InstallerMinutesPerRun = cost.InstallerMinutesPerRun,
            },
        });
    }
}
