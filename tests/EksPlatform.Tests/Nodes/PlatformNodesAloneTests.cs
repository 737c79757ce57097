using System.Collections.Immutable;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Nodes;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Nodes;

/// <summary><see cref="PlatformNodes"/> built alone for an existing cluster, in an imported VPC.</summary>
public sealed class PlatformNodesAloneTests
{
    private static readonly NodeGroupSettings s_apps = new()
    {
        Name = "apps",
        InstanceTypes = [InstanceTypes.All["m7i.large"]],
        MinSize = 1,
        DesiredSize = 2,
        MaxSize = 4,
        ControlContainer = false,
    };

    /// <summary>A Graviton group on a custom AMI: its AMI comes from an SSM-typed parameter.</summary>
    private static readonly NodeGroupSettings s_batch = s_apps with
    {
        Name = "batch",
        InstanceTypes = [InstanceTypes.All["m7g.large"], InstanceTypes.All["m6g.large"]],
        CapacityType = CapacityType.Spot,
        AmiMode = AmiMode.Custom,
        ControlContainer = true,
    };

    [Fact]
    public void Each_group_joins_the_existing_cluster_in_the_private_subnets_with_one_shared_role_and_security_group()
    {
        var stack = ImportedCluster.EmptyStack();
        var nodes = new PlatformNodes(stack, "Nodes", Props(stack, [s_apps, s_batch]));

        var template = StackJson.Of(stack);

        var (roleId, role) = Assert.Single(template.Resources("AWS::IAM::Role"));
        var groups = template.Resources("AWS::EKS::Nodegroup").Select(g => g.Resource["Properties"]!).ToArray();
        Assert.Equal(2, groups.Length);
        Assert.All(groups, g =>
        {
            Assert.Equal("existing", (string?)g["ClusterName"]);
            Assert.Equal(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"], g["Subnets"]!.AsArray().Select(s => (string)s!));
            Assert.Equal(roleId, Synthesized.RefId(g["NodeRole"]));
        });
        Assert.Equal(["apps", "batch"], nodes.Groups.Keys.Order(StringComparer.Ordinal));
        // One group keeps the control container, so the shared role carries the SSM policy it needs.
        var policies = role["Properties"]!["ManagedPolicyArns"]!.AsArray().Select(p => p!.ToJsonString()).ToArray();
        Assert.Equal(3, policies.Length);
        Assert.Contains(policies, p => p.Contains("AmazonSSMManagedInstanceCore", StringComparison.Ordinal));
        Assert.Equal("vpc-0123456789abcdef0", (string?)template.Single("AWS::EC2::SecurityGroup")["VpcId"]);
        var parameter = Assert.Single(template["Parameters"]!.AsObject(), p => (string?)p.Value!["Type"] == "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>");
        Assert.Equal("/aws/service/bottlerocket/aws-k8s-1.33/arm64/latest/image_id", (string?)parameter.Value!["Default"]);
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "no groups", "Groups" },
        { "two groups named apps", "Groups[1].Name" },
        { "a second group with min above desired", "Groups[1].DesiredSize" },
        { "a reserved bottlerocket setting", "Groups[0].BottlerocketSettings.kubernetes.node-labels" },
        { "a spot group of one type", "Groups[1].InstanceTypes" },
        { "a vpc without private subnets", "Vpc" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var stack = ImportedCluster.EmptyStack();
        var good = Props(stack, [s_apps, s_batch]);
        var props = bad switch
        {
            "no groups" => good with { Groups = [] },
            "two groups named apps" => good with { Groups = [s_apps, s_batch with { Name = "apps" }] },
            "a second group with min above desired" => good with { Groups = [s_apps, s_batch with { MinSize = 3 }] },
            "a reserved bottlerocket setting" => good with
            {
                Groups = [s_apps with { ExtraSettings = ImmutableSortedDictionary<string, object>.Empty.Add("kubernetes.node-labels", "x") }, s_batch],
            },
            "a spot group of one type" => good with { Groups = [s_apps, s_batch with { InstanceTypes = [InstanceTypes.All["m7g.large"]] }] },
            "a vpc without private subnets" => good with
            {
                Vpc = Vpc.FromVpcAttributes(stack, "Isolated", new VpcAttributes
                {
                    VpcId = "vpc-0fedcba9876543210",
                    AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
                    IsolatedSubnetIds = ["subnet-0bbbbbbbbbbbbbbb1", "subnet-0bbbbbbbbbbbbbbb2"],
                }),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        var error = Assert.Throws<ArgumentException>(() => new PlatformNodes(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
        Assert.Empty(stack.Node.FindAll().OfType<Amazon.CDK.AWS.EKS.CfnNodegroup>()); // refused before any group exists
    }

    private static PlatformNodesProps Props(Stack stack, IReadOnlyList<NodeGroupSettings> groups) => new(
        groups,
        ImportedCluster.Attributes,
        ImportedCluster.Attributes.KubernetesVersion,
        Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            PrivateSubnetIds = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
        }),
        Key.FromKeyArn(stack, "Ebs", StackJson.KeyArn("ebs")),
        new Dictionary<string, string> { ["Team"] = "platform" });
}
