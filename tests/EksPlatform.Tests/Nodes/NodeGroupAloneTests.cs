using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Nodes;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Nodes;

/// <summary><see cref="NodeGroup"/> built alone for an existing cluster, with imported subnets, role, group and key.</summary>
public sealed class NodeGroupAloneTests
{
    private static readonly NodeGroupSettings s_group = new()
    {
        Name = "batch",
        InstanceTypes = [InstanceTypes.All["m7i.large"], InstanceTypes.All["m6i.large"]],
        CapacityType = CapacityType.Spot,
        MinSize = 0,
        DesiredSize = 1,
        MaxSize = 4,
    };

    [Fact]
    public void The_group_joins_the_existing_cluster_on_its_own_launch_template()
    {
        var stack = ImportedCluster.EmptyStack();
        _ = new NodeGroup(stack, "Batch", Props(stack, s_group));

        var template = JsonNode.Parse(JsonSerializer.Serialize(Template.FromStack(stack).ToJSON()))!["Resources"]!.AsObject();

        var group = template.Single(r => (string?)r.Value!["Type"] == "AWS::EKS::Nodegroup").Value!["Properties"]!;
        Assert.Equal("existing", (string?)group["ClusterName"]);
        Assert.Equal("SPOT", (string?)group["CapacityType"]);
        Assert.Equal("1.33", (string?)group["Version"]);
        var data = template.Single(r => (string?)r.Value!["Type"] == "AWS::EC2::LaunchTemplate").Value!["Properties"]!["LaunchTemplateData"]!;
        Assert.Contains(data["SecurityGroupIds"]!.AsArray(), g => (string?)g == ImportedCluster.Attributes.ClusterSecurityGroupId);
        Assert.Equal(1, (int)data["MetadataOptions"]!["HttpPutResponseHopLimit"]!);
    }

    public static TheoryData<string, string> BadGroups => new()
    {
        { "min 5, max 1", "Settings.DesiredSize" },
        { "desired above max", "Settings.MaxSize" },
        { "spot with one type", "Settings.InstanceTypes" },
        { "mixed architectures", "Settings.InstanceTypes" },
        { "hop limit 3", "Settings.ImdsHopLimit" },
        { "release pin in custom mode", "Settings.ReleaseVersion" },
        { "upper-case name", "Settings.Name" },
        { "reserved bottlerocket setting", "Settings.BottlerocketSettings.kubernetes.node-labels" },
    };

    [Theory]
    [MemberData(nameof(BadGroups))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var group = bad switch
        {
            "min 5, max 1" => s_group with { MinSize = 5, DesiredSize = 1, MaxSize = 1 },
            "desired above max" => s_group with { DesiredSize = 5, MaxSize = 4 },
            "spot with one type" => s_group with { InstanceTypes = [InstanceTypes.All["m7i.large"]] },
            "mixed architectures" =>
                s_group with { CapacityType = CapacityType.OnDemand, InstanceTypes = [InstanceTypes.All["m7i.large"], InstanceTypes.All["m7g.large"]] },
            "hop limit 3" => s_group with { ImdsHopLimit = 3 },
            "release pin in custom mode" => s_group with { AmiMode = AmiMode.Custom, ReleaseVersion = "1.33.0-abcdef01" },
            "upper-case name" => s_group with { Name = "Batch" },
            "reserved bottlerocket setting" =>
                s_group with { ExtraSettings = ImmutableSortedDictionary<string, object>.Empty.Add("kubernetes.node-labels", "x") },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.Throws<ArgumentException>(() => new NodeGroup(stack, "Bad", Props(stack, group)));

        Assert.Equal(prop, error.ParamName);
    }

    private static NodeGroupProps Props(Amazon.CDK.Stack stack, NodeGroupSettings group) => new(
        group,
        ImportedCluster.Attributes,
        ImportedCluster.Attributes.KubernetesVersion,
        [Subnet.FromSubnetAttributes(stack, "A", new SubnetAttributes { SubnetId = "subnet-0123456789abcdef0", AvailabilityZone = "eu-west-1a" }),
         Subnet.FromSubnetAttributes(stack, "B", new SubnetAttributes { SubnetId = "subnet-0123456789abcdef1", AvailabilityZone = "eu-west-1b" })],
        Role.FromRoleArn(stack, "NodeRole", $"arn:aws:iam::{ImportedCluster.Account}:role/nodes"),
        SecurityGroup.FromSecurityGroupId(stack, "Nodes", "sg-0fedcba9876543210"),
        Key.FromKeyArn(stack, "Ebs", $"arn:aws:kms:{ImportedCluster.Region}:{ImportedCluster.Account}:key/11111111-2222-3333-4444-555555555555"),
        null,
        new Dictionary<string, string>());
}
