using EksPlatform.Preflight;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Settings;

/// <summary>Rules that keep a valid settings file from failing at deploy (docs/eks-deploy-facts.md, docs/limits-and-policies.md).</summary>
[Collection(PlatformCollection.Name)]
public sealed class DeployReadinessTests(PlatformFixture platform)
{
    [Fact]
    public void The_loader_refuses_every_zone_id_the_preflight_refuses_and_never_defaults_to_one()
    {
        Assert.All(EksZoneRules.RefusedForControlPlane, zone =>
        {
            // Refused in its region; where the region's recorded IDs include it, for the EKS reason itself.
            var region = Assert.Single(AwsRegions.All.Values, r => r.HasZoneIdForm(zone));
            var problem = region.ZoneIdProblem(zone);
            Assert.NotNull(problem);
            if (region.ZoneIds.IsEmpty || region.ZoneIds.Contains(zone))
            {
                Assert.Contains("EKS does not accept cluster subnets", problem, StringComparison.Ordinal);
            }
        });
        Assert.All(AwsRegions.All.Values, r => Assert.DoesNotContain(r.DefaultZoneIds, EksZoneRules.RefusedForControlPlane.Contains));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void No_resource_carries_more_platform_tags_than_the_loader_reserves(string env)
    {
        var synth = platform.Of(env);
        var userTags = synth.Settings.Tags.Count;

        var most = synth.Json["Resources"]!.AsObject().Select(r => r.Value!["Properties"]?["Tags"] switch
        {
            System.Text.Json.Nodes.JsonArray list => list.Count,
            System.Text.Json.Nodes.JsonObject map => map.Count,
            _ => 0,
        }).Max();

        Assert.True(most - userTags <= SettingsBuilder.PlatformTagsPerResource, $"a resource carries {most - userTags} platform tags");
        Assert.Equal(SettingsBuilder.PlatformTagsPerResource, most - userTags); // the reservation is exact, not generous
    }

    [Fact]
    public void Every_name_derived_from_the_cluster_name_is_the_one_the_template_uses()
    {
        var synth = platform.Prod;
        var clusterName = synth.Settings.Cluster.Name;
        var derived = DerivedNames.All(clusterName).Select(n => n.Value).ToHashSet();
        var templateText = synth.Json.ToJsonString();

        Assert.All(derived, name => Assert.Contains($"\"{name}\"", templateText, StringComparison.Ordinal));
        Assert.All(synth.Resources("AWS::CloudWatch::Alarm"), a => Assert.Contains((string)a.Resource["Properties"]!["AlarmName"]!, derived));
        Assert.All(DerivedNames.All(clusterName), n => Assert.Null(n.Problem()));
    }

    [Theory]
    [InlineData("2027-03-26", true)]  // 1 day before the end of standard support of 1.35
    [InlineData("2026-12-27", true)]  // 90 days before
    [InlineData("2026-12-26", false)] // 91 days before
    [InlineData("2027-03-28", false)] // after: extended support, a different warning
    public void Plan_and_synth_warn_from_90_days_before_eks_upgrades_the_control_plane_itself(string day, bool warned)
    {
        var loaded = SettingsLoader.LoadYaml(TestSettings.Minimal, "test", DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        var warning = loaded.Warnings.FirstOrDefault(
            w => w.Message.Contains("standard support for Kubernetes 1.35 ends on 2027-03-27", StringComparison.Ordinal));
        Assert.Equal(warned, warning is not null);
        if (warning is not null)
        {
            Assert.Equal(IssueSeverity.Warning, warning.Severity);
            Assert.Equal("cluster.kubernetesVersion", warning.Path);
            Assert.Contains("upgradePolicy EXTENDED", warning.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Extended_support_suppresses_the_automatic_upgrade_warning()
    {
        var loaded = SettingsLoader.LoadYaml(
            TestSettings.Minimal.Replace("  name: test-cluster\n", "  name: test-cluster\n  upgradePolicy: EXTENDED\n", StringComparison.Ordinal),
            "test", new DateOnly(2027, 3, 1));

        Assert.DoesNotContain(loaded.Warnings, w => w.Message.Contains("standard support", StringComparison.Ordinal));
    }
}
