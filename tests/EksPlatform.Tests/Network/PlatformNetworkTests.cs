using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Network;

[Collection(PlatformCollection.Name)]
public sealed class PlatformNetworkTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Subnets_are_placed_by_zone_id_in_three_zones_eks_accepts(string env)
    {
        var synth = platform.Of(env);
        var subnets = synth.Resources("AWS::EC2::Subnet").Select(s => s.Resource["Properties"]!).ToArray();

        var zones = subnets.Select(s => (string)s["AvailabilityZoneId"]!).ToHashSet();

        Assert.Equal(["use1-az1", "use1-az2", "use1-az4"], zones.Order().ToArray());
        Assert.All(subnets, s => Assert.Null(s["AvailabilityZone"]));
        Assert.DoesNotContain("use1-az3", zones);
        Assert.DoesNotContain("dummy", synth.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prod", 3)]
    [InlineData("dev", 1)]
    public void Nat_gateways_follow_the_tier(string env, int expected)
    {
        platform.Of(env).Template.ResourceCountIs("AWS::EC2::NatGateway", expected);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void The_s3_gateway_endpoint_is_on_every_private_route_table_and_nothing_else(string env)
    {
        var synth = platform.Of(env);
        var privateSubnets = synth.Resources("AWS::EC2::Subnet")
            .Where(s => s.Resource["Properties"]!["Tags"]!.AsArray().Any(t => (string?)t!["Key"] == "kubernetes.io/role/internal-elb"))
            .Select(s => s.Id).ToHashSet();
        var privateRouteTables = synth.Resources("AWS::EC2::SubnetRouteTableAssociation")
            .Where(a => privateSubnets.Contains(Synthesized.RefId(a.Resource["Properties"]!["SubnetId"])))
            .Select(a => Synthesized.RefId(a.Resource["Properties"]!["RouteTableId"])).ToHashSet();

        var gateway = Assert.Single(synth.Resources("AWS::EC2::VPCEndpoint"), e => (string?)e.Resource["Properties"]!["VpcEndpointType"] == "Gateway");
        var attached = gateway.Resource["Properties"]!["RouteTableIds"]!.AsArray().Select(Synthesized.RefId).ToHashSet();

        Assert.Equal(3, privateRouteTables.Count);
        Assert.Equal(privateRouteTables.Order(), attached.Order());
        Assert.Contains(".s3", gateway.Resource["Properties"]!["ServiceName"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecr.api")]
    [InlineData("ecr.dkr")]
    [InlineData("sts")]
    [InlineData("ec2")]
    [InlineData("logs")]
    [InlineData("eks")]
    [InlineData("eks-auth")]
    [InlineData("elasticloadbalancing")]
    [InlineData("autoscaling")]
    [InlineData("ssm")]
    public void Default_interface_endpoints_use_private_dns_in_the_private_subnets(string service)
    {
        platform.Prod.Template.HasResourceProperties("AWS::EC2::VPCEndpoint", new Dictionary<string, object>
        {
            ["ServiceName"] = $"com.amazonaws.us-east-1.{service}",
            ["VpcEndpointType"] = "Interface",
            ["PrivateDnsEnabled"] = true,
            ["SubnetIds"] = Match.AnyValue(),
        });
    }

    [Fact]
    public void Endpoint_security_group_admits_https_from_the_vpc_only()
    {
        var synth = platform.Prod;
        var (groupId, group) = Assert.Single(synth.Resources("AWS::EC2::SecurityGroup"),
            g => ((string?)g.Resource["Properties"]!["GroupDescription"])!.Contains("Interface endpoints", StringComparison.Ordinal));

        var ingress = Assert.Single(group["Properties"]!["SecurityGroupIngress"]!.AsArray());

        Assert.Equal(443, (int)ingress!["FromPort"]!);
        Assert.Equal(443, (int)ingress["ToPort"]!);
        Assert.Equal("tcp", (string?)ingress["IpProtocol"]);
        Assert.Equal("10.0.0.0/16", (string?)ingress["CidrIp"]);
        Assert.All(synth.Resources("AWS::EC2::VPCEndpoint").Where(e => (string?)e.Resource["Properties"]!["VpcEndpointType"] == "Interface"),
            e => Assert.Equal(groupId, Synthesized.RefId(e.Resource["Properties"]!["SecurityGroupIds"]![0])));
    }

    [Fact]
    public void The_endpoint_list_is_configurable()
    {
        var synth = new Synthesized(TestSettings.Yaml(TestSettings.Minimal + "\nnetwork:\n  interfaceEndpoints: [ecr.api, secretsmanager]\n"));

        var names = synth.Resources("AWS::EC2::VPCEndpoint").Select(e => e.Resource["Properties"]!["ServiceName"]!.ToJsonString()).ToArray();

        Assert.Equal(3, names.Length); // two interface endpoints and the S3 gateway
        Assert.Contains(names, n => n.Contains("secretsmanager", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("kubernetes.io/role/elb", true)]
    [InlineData("kubernetes.io/role/internal-elb", false)]
    public void Subnets_carry_the_eks_load_balancer_tags(string tag, bool mapsPublicIp)
    {
        var tagged = platform.Prod.Resources("AWS::EC2::Subnet")
            .Where(s => s.Resource["Properties"]!["Tags"]!.AsArray().Any(t => (string?)t!["Key"] == tag && (string?)t["Value"] == "1"))
            .ToArray();

        Assert.Equal(3, tagged.Length);
        Assert.All(tagged, s => Assert.Equal(mapsPublicIp ? "Public" : "Private",
            (string?)s.Resource["Properties"]!["Tags"]!.AsArray().First(t => (string?)t!["Key"] == "aws-cdk:subnet-type")!["Value"]));
    }

    [Fact]
    public void Flow_logs_go_to_an_encrypted_log_group()
    {
        var synth = platform.Prod;
        var flowLog = Assert.Single(synth.Resources("AWS::EC2::FlowLog")).Resource["Properties"]!;
        var groupId = Synthesized.RefId(flowLog["LogGroupName"]);
        var group = synth.Properties(groupId);

        Assert.Equal("ALL", (string?)flowLog["TrafficType"]);
        Assert.Equal("/aws/vpc/eks-platform-prod/flow-logs", (string?)group["LogGroupName"]);
        Assert.Equal(90, (int)group["RetentionInDays"]!);
        Assert.Equal(synth.Stack.Keys.Logs.Node.DefaultChild is Amazon.CDK.CfnElement key ? synth.Stack.GetLogicalId(key) : null,
            Synthesized.RefId(group["KmsKeyId"]));
    }

    [Fact]
    public void The_vpc_resolves_dns_for_private_endpoints_and_skips_the_lambda_backed_default_sg_restriction()
    {
        platform.Prod.Template.HasResourceProperties("AWS::EC2::VPC", new Dictionary<string, object>
        {
            ["CidrBlock"] = "10.0.0.0/16",
            ["EnableDnsHostnames"] = true,
            ["EnableDnsSupport"] = true,
        });
        Assert.DoesNotContain(platform.Prod.Json["Resources"]!.AsObject(), r => ((string?)r.Value!["Type"])!.StartsWith("Custom::", StringComparison.Ordinal));
    }
}
