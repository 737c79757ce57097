using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using EksPlatform.Installer;
using EksPlatform.Controllers;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Controllers;

/// <summary>
/// A controller added without touching src/: one class here, given to the platform beside the catalog's. Its role,
/// stack output, Helm values and install line all follow from the class.
/// </summary>
public sealed class TestOnlyControllerTests
{
    /// <summary>A made-up exporter that writes reports into one bucket.</summary>
    private sealed class ReportsExporter : Controller
    {
        public override string Name => "reports-exporter";

        public override string ConstructId => "ReportsExporter";

        public override ServiceAccountRef ServiceAccount { get; } = new("reports", "exporter");

        public override HelmChart Chart { get; } = new("example", "https://charts.example.com", "reports-exporter", "1.2.3", "reports-exporter");

        public override bool IsEnabled(ControllerSettings settings) => true;

        public override string RoleDescription(ControllerContext context) => $"reports exporter of {context.Cluster.Name}";

        public override IReadOnlyList<PolicyStatement> Statements(ControllerContext context) =>
        [
            new(new PolicyStatementProps
            {
                Actions = ["s3:PutObject"],
                Resources =
                [
                    context.Stack.FormatArn(new ArnComponents { Service = "s3", Region = "", Account = "", Resource = "reports-bucket/exports/monthly.csv" }),
                ],
            }),
        ];

        public override IReadOnlyDictionary<string, object> ChartValues(ChartValuesContext context) => new Dictionary<string, object>
        {
            ["serviceAccount"] = ServiceAccountValues(context.RoleArn),
        };

        public override IReadOnlyList<KubernetesManifest> Manifests(ChartValuesContext context) =>
        [
            new("schedule", "The monthly export.", new Dictionary<string, object>
            {
                ["apiVersion"] = "reports.example.com/v1",
                ["kind"] = "Schedule",
                ["metadata"] = new Dictionary<string, object> { ["name"] = "monthly" },
            }),
        ];
    }

    private static readonly ReportsExporter s_exporter = new();

    [Fact]
    public void The_added_controller_gets_its_role_output_values_and_install_line()
    {
        var settings = TestSettings.Env("dev");

        var (_, stack) = PlatformApp.Build(settings, controllers: [.. ControllerCatalog.All, s_exporter]);
        var roleId = (string)stack.Resolve(stack.Controllers.Roles[s_exporter].Resource.LogicalId);
        var bundle = ChartValuesRenderer.Render(settings, null, [.. ControllerCatalog.All, s_exporter]);

        Assert.StartsWith("ControllersReportsExporter", roleId, StringComparison.Ordinal);
        var template = Amazon.CDK.Assertions.Template.FromStack(stack);
        template.HasOutput(s_exporter.RoleOutputKey, new Dictionary<string, object>());
        template.HasResourceProperties("AWS::IAM::ManagedPolicy", new Dictionary<string, object>
        {
            ["Description"] = "Permissions of reports/exporter: reports exporter of " + settings.Cluster.Name,
        });
        Assert.Contains(bundle.Files, f => f.Name == "reports-exporter.values.yaml");
        var script = Assert.Single(bundle.Files, f => f.Name == ChartValuesRenderer.InstallScriptName).Content;
        Assert.Contains("helm upgrade --install reports-exporter example/reports-exporter --version 1.2.3 --namespace reports", script,
            StringComparison.Ordinal);
        // Its manifest is written and applied after its chart, which installs the CRD it needs.
        var manifest = Assert.Single(bundle.Files, f => f.Name == "reports-exporter.schedule.yaml").Content;
        Assert.Contains("kind: Schedule", manifest, StringComparison.Ordinal);
        Assert.True(script.IndexOf("kubectl apply -f reports-exporter.schedule.yaml", StringComparison.Ordinal)
            > script.IndexOf("helm upgrade --install reports-exporter", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_it_the_platform_is_the_catalogs()
    {
        var (_, stack) = PlatformApp.Build(TestSettings.Env("dev"));

        Assert.DoesNotContain(stack.Controllers.Roles.Keys, c => c.Name == s_exporter.Name);
    }
}
