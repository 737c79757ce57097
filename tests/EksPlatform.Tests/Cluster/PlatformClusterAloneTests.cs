using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Cluster;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Cluster;

/// <summary><see cref="PlatformCluster"/> built alone in an existing VPC, from a cluster settings record made in code.</summary>
public sealed class PlatformClusterAloneTests
{
    private static readonly ClusterSettings s_settings = new()
    {
        Name = "team-cluster",
        KubernetesVersion = KubernetesVersions.All["1.33"],
        EndpointAccess = new EndpointAccessSettings { Cidrs = ["10.20.0.0/16"], SecurityGroupIds = [] },
    };

    [Fact]
    public void A_cluster_made_from_code_defaults_is_private_encrypted_and_logs_30_days()
    {
        var stack = ImportedCluster.EmptyStack();
        var cluster = new PlatformCluster(stack, "Cluster", Props(stack, s_settings));

        var template = JsonNode.Parse(JsonSerializer.Serialize(Template.FromStack(stack).ToJSON()))!["Resources"]!.AsObject();

        var properties = template.Single(r => (string?)r.Value!["Type"] == "AWS::EKS::Cluster").Value!["Properties"]!;
        Assert.Equal("team-cluster", (string?)properties["Name"]);
        Assert.False((bool)properties["ResourcesVpcConfig"]!["EndpointPublicAccess"]!);
        Assert.Equal(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
            properties["ResourcesVpcConfig"]!["SubnetIds"]!.AsArray().Select(s => (string)s!));
        Assert.NotNull(properties["EncryptionConfig"]);
        var logs = template.Single(r => (string?)r.Value!["Type"] == "AWS::Logs::LogGroup").Value!["Properties"]!;
        Assert.Equal(30, (int)logs["RetentionInDays"]!);
        Assert.IsAssignableFrom<IEksCluster>(cluster);
        Assert.Equal("1.33", cluster.KubernetesVersion);
        Assert.Equal("172.20.0.0/16", cluster.ServiceIpv4Cidr); // the VPC is in 10.0.0.0/8
    }

    public static TheoryData<string, string> BadSettings => new()
    {
        { "name with a dot", "Settings.Name" },
        { "public endpoint without cidrs", "Settings.PublicAccessCidrs" },
        { "cidrs without public endpoint", "Settings.PublicAccessCidrs" },
        { "retention of 42 days", "Settings.LogRetentionDays" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var settings = bad switch
        {
            "name with a dot" => s_settings with { Name = "team.cluster" },
            "public endpoint without cidrs" => s_settings with { EndpointPublicAccess = true },
            "cidrs without public endpoint" => s_settings with { PublicAccessCidrs = ["203.0.113.0/24"] },
            "retention of 42 days" => s_settings with { LogRetentionDays = 42 },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.Throws<ArgumentException>(() => new PlatformCluster(stack, "Bad", Props(stack, settings)));

        Assert.Equal(prop, error.ParamName);
    }

    private static PlatformClusterProps Props(Amazon.CDK.Stack stack, ClusterSettings settings)
    {
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0",
            VpcCidrBlock = "10.20.0.0/16",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            PrivateSubnetIds = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
        });
        IKey Key(string id) => Amazon.CDK.AWS.KMS.Key.FromKeyArn(stack, id,
            $"arn:aws:kms:{ImportedCluster.Region}:{ImportedCluster.Account}:key/{id.ToLowerInvariant()}-2222-3333-4444-555555555555");
        return new PlatformClusterProps(settings, vpc, Key("Secrets"), Key("Logs"), RetainOnDelete: false, IPNetwork.Parse("10.20.0.0/16"),
            DeletionProtection: false);
    }
}
