using System.Net;
using CsCheck;
using EksPlatform.Cluster;
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
        Assert.Equal(["use1-az1", "use1-az2", "use1-az4"], settings.AvailabilityZoneIds.ToArray());
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

    /// <summary>"Open to the internet" is judged by the public addresses the blocks cover together (README "Compliance").</summary>
    public static TheoryData<string, bool> PublicEndpointCidrs => new()
    {
        { "[0.0.0.0/0]", true },
        { "[0.0.0.0/1, 128.0.0.0/1]", true },
        { "[11.0.0.0/8]", true },
        { "[16.0.0.0/11, 16.32.0.0/11, 16.64.0.0/11, 16.96.0.0/11, 16.128.0.0/11, 16.160.0.0/11, 16.192.0.0/11, 16.224.0.0/11]", true },
        { "['2000::/3']", true },
        { "[203.0.113.0/24]", false },
        { "[203.0.113.0/24, 198.51.100.0/24, 203.0.113.128/25]", false },
        { "[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]", false },
        { "[11.0.0.0/9, 11.0.0.0/10]", false },
        { "[0.0.0.0/1, 0.0.0.0/2, 128.0.0.0/1]", true },
    };

    [Theory]
    [MemberData(nameof(PublicEndpointCidrs))]
    public void Production_refuses_endpoint_cidrs_that_together_cover_the_internet_and_development_warns(string cidrs, bool open)
    {
        var yaml = $"\ncluster:\n  name: c\n  endpointPublicAccess: true\n  publicAccessCidrs: {cidrs}\n";

        var dev = SettingsLoader.LoadYaml("environment: dev\ntier: development" + yaml, "test");
        IReadOnlyList<SettingsIssue> prod;
        try
        {
            _ = SettingsLoader.LoadYaml("environment: prod\nobservability: { alarmEmail: oncall@example.com }" + yaml, "test", TestSettings.Today);
            prod = [];
        }
        catch (InvalidSettingsException error)
        {
            prod = error.Issues;
        }

        static bool SaysOpen(SettingsIssue issue) =>
            issue.Path == "cluster.publicAccessCidrs" && issue.Message.Contains("open to the internet", StringComparison.Ordinal);
        Assert.Equal(open, dev.Warnings.Any(SaysOpen));
        Assert.Equal(open, prod.Any(SaysOpen));
    }

    [Fact]
    public void A_version_in_extended_support_loads_with_a_warning()
    {
        var loaded = SettingsLoader.LoadYaml(
            "environment: t\nobservability: { alarmEmail: oncall@example.com }\ncluster:\n  name: c\n  kubernetesVersion: \"1.34\"\n",
            "test", new DateOnly(2026, 12, 10));

        var warning = Assert.Single(loaded.Warnings);
        Assert.Equal("cluster.kubernetesVersion", warning.Path);
        Assert.Contains("extended support", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eu-west-1", "euw1-az1", "euw1-az2", "euw1-az3")]
    [InlineData("ap-northeast-1", "apne1-az1", "apne1-az2", "apne1-az3")]
    [InlineData("ca-central-1", "cac1-az1", "cac1-az2", "cac1-az4")]
    public void Commercial_regions_default_to_three_listed_zone_ids_that_eks_accepts(string region, string a, string b, string c)
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + $"\nregion: {region}\n");

        Assert.Equal("aws", settings.Region.Partition);
        Assert.Equal([a, b, c], settings.AvailabilityZoneIds.ToArray());
    }

    [Theory]
    [InlineData("cn-north-1", "aws-cn", "cnn1-az1", "cnn1-az2", "cnn1-az4")]
    [InlineData("us-gov-west-1", "aws-us-gov", "usgw1-az1", "usgw1-az2", "usgw1-az3")]
    public void Regions_whose_zone_ids_aws_does_not_list_take_the_ids_the_user_gives(string region, string partition, string a, string b, string c)
    {
        var yaml = TestSettings.Minimal + $"\nregion: {region}\n";
        var settings = TestSettings.Yaml(yaml + $"availabilityZones: [{a}, {b}, {c}]\n");

        Assert.Equal(partition, settings.Region.Partition);
        Assert.Equal([a, b, c], settings.AvailabilityZoneIds.ToArray());
        var missing = Assert.Single(TestSettings.Problems(yaml), p => p.Path == "availabilityZones");
        Assert.Contains("describe-availability-zones", missing.Message, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("", true, 60)]
    [InlineData("\ninstaller:\n  enabled: false\n", false, 60)]
    [InlineData("\ninstaller:\n  timeoutMinutes: 30\n", true, 30)]
    public void The_installer_is_on_by_default_and_its_timeout_is_a_setting(string yaml, bool enabled, int timeout)
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + yaml);

        Assert.Equal((enabled, timeout), (settings.Installer.Enabled, settings.Installer.TimeoutMinutes));
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
                  from region in Gen.OneOf(AwsRegions.All.Values.Where(r => !r.DefaultZoneIds.IsEmpty).ToArray())
                  select (Cidr: IPNetwork.Parse($"10.{octet}.0.0/{prefix}").ToString(), PrivateMask: privateMask, Region: region);

        gen.Sample(c =>
        {
            var yaml = $"environment: t\nobservability: {{ alarmEmail: oncall@example.com }}\nregion: {c.Region.Name}\n" +
                $"network:\n  vpcCidr: {c.Cidr}\n  publicSubnetMask: 26\n  privateSubnetMask: {c.PrivateMask}\ncluster:\n  name: c\n";
            var settings = TestSettings.Yaml(yaml);
            Assert.Equal(c.Cidr, settings.Network.VpcCidr.ToString());
            Assert.All(settings.AvailabilityZoneIds, z => Assert.StartsWith(c.Region.ZoneIdPrefix + "-az", z, StringComparison.Ordinal));
            Assert.False(ServiceRange.Overlaps(settings.Network.VpcCidr, ServiceRange.For(settings.Network.VpcCidr)));

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
            public override IPNetwork Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert,
                System.Text.Json.JsonSerializerOptions options) => IPNetwork.Parse(reader.GetString()!);

            public override void Write(System.Text.Json.Utf8JsonWriter writer, IPNetwork value,
                System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
        }
    }
}
