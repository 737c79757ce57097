using System.Net;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Network;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Network;

/// <summary><see cref="PlatformNetwork"/> built alone in an empty stack, from a network settings record made in code.</summary>
public sealed class PlatformNetworkAloneTests
{
    private static readonly NetworkSettings s_settings = new()
    {
        VpcCidr = IPNetwork.Parse("10.20.0.0/16"),
        PublicSubnetMask = 24,
        PrivateSubnetMask = 19,
        NatGateways = NatMode.SingleGateway,
        FlowLogRetentionDays = 14,
        InterfaceEndpoints = ["ecr.api", "sts"],
    };

    private static readonly string[] s_zones = ["euw1-az1", "euw1-az2"];

    [Fact]
    public void Two_zones_get_subnets_by_zone_id_one_nat_the_listed_endpoints_and_an_encrypted_flow_log_group()
    {
        var stack = ImportedCluster.EmptyStack();
        _ = new PlatformNetwork(stack, "Network", Props(stack, s_settings));

        var template = StackJson.Of(stack);

        Assert.Equal("10.20.0.0/16", (string?)template.Single("AWS::EC2::VPC")["CidrBlock"]);
        var subnets = template.Resources("AWS::EC2::Subnet").Select(s => s.Resource["Properties"]!).ToArray();
        Assert.Equal(4, subnets.Length);
        Assert.Equal(["euw1-az1", "euw1-az1", "euw1-az2", "euw1-az2"], subnets.Select(s => (string)s["AvailabilityZoneId"]!).Order(StringComparer.Ordinal));
        Assert.All(subnets, s => Assert.Null(s["AvailabilityZone"]));
        Assert.Equal(2, subnets.Count(s => ((string)s["CidrBlock"]!).EndsWith("/19", StringComparison.Ordinal)));
        Assert.Single(template.Resources("AWS::EC2::NatGateway"));
        var endpoints = template.Resources("AWS::EC2::VPCEndpoint").Select(e => e.Resource["Properties"]!).ToArray();
        Assert.Equal(["com.amazonaws.eu-west-1.ecr.api", "com.amazonaws.eu-west-1.sts"],
            endpoints.Where(e => (string?)e["VpcEndpointType"] == "Interface").Select(e => (string)e["ServiceName"]!).Order(StringComparer.Ordinal));
        var flowLogs = template.Single("AWS::Logs::LogGroup");
        Assert.Equal("/aws/vpc/existing/flow-logs", (string?)flowLogs["LogGroupName"]);
        Assert.Equal(14, (int)flowLogs["RetentionInDays"]!);
        Assert.Equal(StackJson.KeyArn("logs"), (string?)flowLogs["KmsKeyId"]);
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "a public vpc range", "Settings.VpcCidr" },
        { "a /12 vpc", "Settings.VpcCidr" },
        { "an ipv6 vpc range", "Settings.VpcCidr" },
        { "a vpc too small for the zones", "Settings.VpcCidr" },
        { "private subnets as large as the vpc", "Settings.PrivateSubnetMask" },
        { "public /30 subnets", "Settings.PublicSubnetMask" },
        { "a 10-day flow log retention", "Settings.FlowLogRetentionDays" },
        { "an endpoint listed twice", "Settings.InterfaceEndpoints" },
        { "one zone", "AvailabilityZoneIds" },
        { "zone names", "AvailabilityZoneIds" },
        { "zones of another region", "AvailabilityZoneIds" },
        { "a zone listed twice", "AvailabilityZoneIds" },
        { "a cluster name with a dot", "ClusterName" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var stack = ImportedCluster.EmptyStack();
        var props = Props(stack, s_settings);
        props = bad switch
        {
            "a public vpc range" => props with { Settings = s_settings with { VpcCidr = IPNetwork.Parse("8.8.0.0/16") } },
            "a /12 vpc" => props with { Settings = s_settings with { VpcCidr = IPNetwork.Parse("10.16.0.0/12") } },
            "an ipv6 vpc range" => props with { Settings = s_settings with { VpcCidr = IPNetwork.Parse("fd00:10:20::/56") } },
            "a vpc too small for the zones" => props with { Settings = s_settings with { VpcCidr = IPNetwork.Parse("10.20.0.0/22"), PrivateSubnetMask = 23 } },
            "private subnets as large as the vpc" => props with { Settings = s_settings with { VpcCidr = IPNetwork.Parse("10.20.0.0/19") } },
            "public /30 subnets" => props with { Settings = s_settings with { PublicSubnetMask = 30 } },
            "a 10-day flow log retention" => props with { Settings = s_settings with { FlowLogRetentionDays = 10 } },
            "an endpoint listed twice" => props with { Settings = s_settings with { InterfaceEndpoints = ["sts", "ecr.api", "sts"] } },
            "one zone" => props with { AvailabilityZoneIds = ["euw1-az1"] },
            "zone names" => props with { AvailabilityZoneIds = ["eu-west-1a", "eu-west-1b"] },
            "zones of another region" => props with { AvailabilityZoneIds = ["use1-az1", "use1-az2"] },
            "a zone listed twice" => props with { AvailabilityZoneIds = ["euw1-az1", "euw1-az2", "euw1-az1"] },
            "a cluster name with a dot" => props with { ClusterName = "team.eks" },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        var error = Assert.Throws<ArgumentException>(() => new PlatformNetwork(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
    }

    /// <summary>Without a known region only the form of a zone can be judged, and a zone name still fails it.</summary>
    [Fact]
    public void Zone_names_are_refused_in_a_stack_of_no_particular_region_too()
    {
        var stack = new Stack(new App(), "Agnostic");

        var error = Assert.Throws<ArgumentException>(
            () => new PlatformNetwork(stack, "Network", Props(stack, s_settings) with { AvailabilityZoneIds = ["us-east-1a", "us-east-1b"] }));

        Assert.Equal("AvailabilityZoneIds", error.ParamName);
        Assert.Contains("'us-east-1a' is not an Availability Zone ID", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The loader reports the network's own rules at network.*, the construct throws the same sentences.</summary>
    [Theory]
    [InlineData("vpcCidr: 8.8.0.0/16", "VpcCidr", "network.vpcCidr")]
    [InlineData("vpcCidr: 10.20.0.0/22\n  privateSubnetMask: 23", "VpcCidr", "network.vpcCidr")]
    [InlineData("vpcCidr: 10.20.0.0/19", "PrivateSubnetMask", "network.privateSubnetMask")]
    public void The_loader_and_the_construct_refuse_a_network_in_the_same_words(string yaml, string property, string path)
    {
        var issue = Assert.Single(
            TestSettings.Problems(TestSettings.Minimal + $"\nregion: eu-west-1\navailabilityZones: [euw1-az1, euw1-az2]\nnetwork:\n  {yaml}\n"),
            i => i.Path == path);
        var settings = s_settings with
        {
            VpcCidr = IPNetwork.Parse(yaml.Split('\n')[0]["vpcCidr: ".Length..]),
            PrivateSubnetMask = yaml.Contains("privateSubnetMask", StringComparison.Ordinal) ? 23 : 19,
        };
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.Throws<ArgumentException>(() => new PlatformNetwork(stack, "Network", Props(stack, settings)));

        Assert.Equal($"Settings.{property}", error.ParamName);
        Assert.Contains(issue.Message, error.Message, StringComparison.Ordinal);
    }

    private static PlatformNetworkProps Props(Stack stack, NetworkSettings settings) =>
        new(settings, s_zones, "existing", Key.FromKeyArn(stack, "Logs", StackJson.KeyArn("logs")), RetainOnDelete: false);
}
