using System.Net;
using CsCheck;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Settings;

public sealed class SettingsLoaderTests
{
    [Fact]
    public void Minimal_settings_get_production_defaults_in_us_east_1()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal);

        Assert.Equal("us-east-1", settings.Region.Name);
        Assert.Equal(["us-east-1a", "us-east-1b", "us-east-1c"], settings.AvailabilityZones.ToArray());
        Assert.Equal(Tier.Production, settings.Tier);
        Assert.Equal(NatMode.PerAz, settings.Network.NatGateways);
        Assert.Equal(30, settings.Encryption.DeletionWindowDays);
        Assert.True(settings.Protection.RetainOnDelete);
        Assert.True(settings.Protection.TerminationProtection);
        Assert.Equal("1.35", settings.Cluster.KubernetesVersion.Version);
        Assert.Equal(UpgradePolicy.Standard, settings.Cluster.UpgradePolicy);
        Assert.Equal(30, settings.Cluster.LogRetentionDays);
        Assert.Equal(SettingsBuilder.DefaultInterfaceEndpoints, settings.Network.InterfaceEndpoints);
        Assert.False(settings.Cluster.EndpointPublicAccess);
    }

    [Fact]
    public void Development_tier_defaults_to_one_nat_short_key_window_and_destroyable_data()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + "\ntier: development\n");

        Assert.Equal(NatMode.SingleGateway, settings.Network.NatGateways);
        Assert.Equal(7, settings.Encryption.DeletionWindowDays);
        Assert.False(settings.Protection.RetainOnDelete);
        Assert.False(settings.Protection.TerminationProtection);
    }

    [Fact]
    public void Development_may_open_the_endpoint_to_everyone_but_production_may_not()
    {
        const string open = "\ncluster:\n  name: c\n  endpointPublicAccess: true\n  publicAccessCidrs: [0.0.0.0/0]\n";

        var dev = TestSettings.Yaml("environment: dev\ntier: development" + open);
        var prod = TestSettings.Problems("environment: prod" + open);

        Assert.Equal(["0.0.0.0/0"], dev.Cluster.PublicAccessCidrs.ToArray());
        Assert.Contains(prod, p => p.Path == "cluster.publicAccessCidrs[0]");
    }

    [Fact]
    public void A_version_in_extended_support_loads_with_a_warning()
    {
        var loaded = SettingsLoader.LoadYaml("environment: t\ncluster:\n  name: c\n  kubernetesVersion: \"1.34\"\n", "test", new DateOnly(2026, 12, 10));

        var warning = Assert.Single(loaded.Warnings);
        Assert.Equal("cluster.kubernetesVersion", warning.Path);
        Assert.Contains("extended support", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cn-north-1", "aws-cn", "cn-north-1a", "cn-north-1b", "cn-north-1d")]
    [InlineData("us-gov-west-1", "aws-us-gov", "us-gov-west-1a", "us-gov-west-1b", "us-gov-west-1c")]
    [InlineData("ap-northeast-1", "aws", "ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d")]
    public void Regions_of_every_partition_get_three_real_zones(string region, string partition, string a, string b, string c)
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + $"\nregion: {region}\n");

        Assert.Equal(partition, settings.Region.Partition);
        Assert.Equal([a, b, c], settings.AvailabilityZones.ToArray());
    }

    [Theory]
    [InlineData("c5.9xlarge", 36)]
    [InlineData("m7g.16xlarge", 64)]
    [InlineData("t4g.medium", 2)]
    public void Real_instance_sizes_of_each_family_are_known(string type, int vcpus)
    {
        Assert.Equal(vcpus, InstanceTypes.All[type].Vcpus);
    }

    [Fact]
    public void Cost_assumptions_are_read_whether_written_as_integers_or_fractions()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + "\ncost:\n  natProcessedGbPerMonth: 250\n  awsApiGbPerMonth: 12.5\n");

        Assert.Equal(250m, settings.Cost.NatProcessedGbPerMonth);
        Assert.Equal(12.5m, settings.Cost.AwsApiGbPerMonth);
        Assert.Equal(5m, settings.Cost.ControlPlaneLogGbPerMonth); // default
    }

    [Fact]
    public void Default_node_groups_are_a_tainted_system_group_and_an_apps_group()
    {
        var groups = TestSettings.Yaml(TestSettings.Minimal).NodeGroups;

        Assert.Equal(["system", "apps"], groups.Select(g => g.Name).ToArray());
        Assert.True(groups[0].System);
        Assert.Equal(CpuArchitecture.Arm64, groups[0].Architecture);
        Assert.Equal((2, 3, 10), (groups[1].MinSize, groups[1].DesiredSize, groups[1].MaxSize));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_shipped_config_files_are_valid(string env)
    {
        var settings = TestSettings.Env(env);

        Assert.Equal(env, settings.Environment);
    }

    [Fact]
    public void The_embedded_default_is_the_production_profile()
    {
        var settings = SettingsLoader.LoadDefault(TestSettings.Today).Settings;

        Assert.Equal(TestSettings.Env("prod"), settings, new SettingsComparer());
    }

    [Fact]
    public void Any_private_vpc_cidr_that_fits_the_subnets_is_accepted_and_one_broken_field_is_named()
    {
        var gen = from octet in Gen.Int[0, 255]
                  from prefix in Gen.Int[16, 20]
                  from privateMask in Gen.Int[prefix + 2, 24]
                  from region in Gen.OneOf(AwsRegions.All.Values.Where(r => r.ZoneLetters.Length >= 3).ToArray())
                  select (Cidr: IPNetwork.Parse($"10.{octet}.0.0/{prefix}").ToString(), PrivateMask: privateMask, Region: region);

        gen.Sample(c =>
        {
            var yaml = $"environment: t\nregion: {c.Region.Name}\nnetwork:\n  vpcCidr: {c.Cidr}\n  publicSubnetMask: 26\n  privateSubnetMask: {c.PrivateMask}\ncluster:\n  name: c\n";
            var settings = TestSettings.Yaml(yaml);
            Assert.Equal(c.Cidr, settings.Network.VpcCidr.ToString());
            Assert.All(settings.AvailabilityZones, z => Assert.StartsWith(c.Region.Name, z, StringComparison.Ordinal));

            var broken = TestSettings.Problems(yaml.Replace($"region: {c.Region.Name}", $"region: {c.Region.Name}x", StringComparison.Ordinal));
            Assert.Equal(["region"], broken.Select(p => p.Path).Distinct());
        }, iter: 40);
    }

    /// <summary>Records holding immutable arrays compare by reference; compare their JSON instead.</summary>
    private sealed class SettingsComparer : IEqualityComparer<PlatformSettings>
    {
        public bool Equals(PlatformSettings? x, PlatformSettings? y) =>
            System.Text.Json.JsonSerializer.Serialize(x, Options) == System.Text.Json.JsonSerializer.Serialize(y, Options);

        public int GetHashCode(PlatformSettings obj) => 0;

        private static readonly System.Text.Json.JsonSerializerOptions Options = new()
        {
            Converters = { new IpNetworkConverter() },
        };

        private sealed class IpNetworkConverter : System.Text.Json.Serialization.JsonConverter<IPNetwork>
        {
            public override IPNetwork Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => IPNetwork.Parse(reader.GetString()!);

            public override void Write(System.Text.Json.Utf8JsonWriter writer, IPNetwork value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
        }
    }
}
