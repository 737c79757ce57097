using System.Text.Json.Nodes;
using EksPlatform.Observability;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Observability;

/// <summary>Every metric the dashboard and the alarms read is one that exists: it is in <see cref="MetricCatalog"/>.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MetricCatalogTests(PlatformFixture platform)
{
    public static TheoryData<string> Variants => ["prod", "dev", "custom", "off"];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_dashboard_widget_metric_is_in_the_catalog_with_an_allowed_statistic(string variant)
    {
        var synth = Of(variant);
        var (body, _) = TemplateMetrics.DashboardBody(Assert.Single(synth.Resources("AWS::CloudWatch::Dashboard")).Resource["Properties"]!.AsObject());

        var metrics = TemplateMetrics.OfDashboard(body).ToArray();

        Assert.NotEmpty(metrics);
        Assert.All(metrics, AssertInCatalog);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_alarm_metric_is_in_the_catalog_with_an_allowed_statistic(string variant)
    {
        var metrics = TemplateMetrics.Alarms(Of(variant)).SelectMany(a => TemplateMetrics.OfAlarm(a.Name, a.Properties)).ToArray();

        Assert.NotEmpty(metrics);
        Assert.All(metrics, AssertInCatalog);
    }

    [Theory]
    [InlineData("AWS/EKS", "apiserver_request_total")]
    [InlineData("AWS/EKS", "apiserver_request_total_4XX")]
    [InlineData("AWS/EKS", "apiserver_request_total_5XX")]
    [InlineData("AWS/EKS", "apiserver_request_total_429")]
    [InlineData("AWS/EKS", "apiserver_request_duration_seconds_GET_P99")]
    [InlineData("AWS/EKS", "apiserver_request_duration_seconds_LIST_P99")]
    [InlineData("AWS/EKS", "scheduler_pending_pods")]
    [InlineData("AWS/EKS", "apiserver_admission_webhook_rejection_count")]
    [InlineData("AWS/EKS", "apiserver_storage_size_bytes")]
    [InlineData("ContainerInsights", "cluster_failed_node_count")]
    [InlineData("ContainerInsights", "cluster_node_count")]
    [InlineData("ContainerInsights", "node_cpu_utilization")]
    [InlineData("ContainerInsights", "node_memory_utilization")]
    [InlineData("ContainerInsights", "pod_cpu_utilization")]
    [InlineData("ContainerInsights", "pod_memory_utilization")]
    [InlineData("ContainerInsights", "pod_number_of_container_restarts")]
    public void The_prod_dashboard_shows_control_plane_and_node_health_per_cluster(string metricNamespace, string name)
    {
        var (body, tokens) = TemplateMetrics.DashboardBody(
            Assert.Single(platform.Prod.Resources("AWS::CloudWatch::Dashboard")).Resource["Properties"]!.AsObject());
        var clusterId = Assert.Single(platform.Prod.Resources("AWS::EKS::Cluster")).Id;

        var metric = Assert.Single(TemplateMetrics.OfDashboard(body),
            m => m.Namespace == metricNamespace && m.Name == name && m.Statistic == MetricCatalog.Find(m.Namespace, m.Name, m.DimensionNames)?.Statistics[0]);

        var dimension = Assert.Single(metric.Dimensions);
        Assert.Equal("ClusterName", dimension.Key);
        Assert.Equal($$"""{"Ref":"{{clusterId}}"}""", tokens[dimension.Value]);
    }

    [Fact]
    public void The_check_catches_a_metric_that_does_not_exist()
    {
        // The fabricated metric AWS does not publish (docs/observability.md §1), in the shape a dashboard body has.
        var body = JsonNode.Parse("""
            {"widgets":[{"type":"metric","properties":{"title":"bad","metrics":[
              ["AWS/EKS","cluster_failed_request_count","ClusterName","c",{"stat":"Sum"}],
              ["AWS/EKS","apiserver_request_total","ClusterName","c",{"stat":"Sum"}],
              ["AWS/EKS","apiserver_request_total","ClusterName","c","Namespace","n",{"stat":"Sum"}],
              ["AWS/EKS","apiserver_request_total","ClusterName","c",{"stat":"p99"}],
              [{"expression":"SEARCH('x', 'Sum', 60)"}]]}}]}
            """)!;

        var outside = TemplateMetrics.OfDashboard(body).Where(m => !InCatalog(m)).Select(m => m.Name).ToArray();

        Assert.Equal(4, outside.Length);
        Assert.Contains("cluster_failed_request_count", outside);
        Assert.DoesNotContain(MetricCatalog.All, m => m.Name == "cluster_failed_request_count");
    }

    [Fact]
    public void Every_catalog_entry_is_unique_and_cites_the_observability_doc()
    {
        Assert.Equal(MetricCatalog.All.Length, MetricCatalog.All.Select(m => (m.Namespace, m.Name)).Distinct().Count());
        Assert.All(MetricCatalog.All, m =>
        {
            Assert.Contains(m.Namespace, new[] { "AWS/EKS", "ContainerInsights" });
            Assert.Contains("docs/observability.md §", m.Source, StringComparison.Ordinal);
            Assert.NotEmpty(m.Statistics);
            Assert.Equal(["ClusterName"], m.Dimensions.ToArray());
        });
    }

    private Synthesized Of(string variant) => variant switch
    {
        "custom" => ObservabilityVariants.Custom,
        "off" => ObservabilityVariants.ContainerInsightsOff,
        _ => platform.Of(variant),
    };

    private static bool InCatalog(TemplateMetric metric) =>
        MetricCatalog.Find(metric.Namespace, metric.Name, metric.DimensionNames) is { } entry && entry.Statistics.Contains(metric.Statistic);

    private static void AssertInCatalog(TemplateMetric metric) =>
        Assert.True(InCatalog(metric), $"not in MetricCatalog (or statistic not allowed): {metric}");
}
