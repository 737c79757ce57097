using System.Collections.Immutable;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using EksPlatform.Cluster;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Cluster;

/// <summary><see cref="CoreAddons"/> built alone for an existing cluster, with imported IRSA roles.</summary>
public sealed class CoreAddonsAloneTests
{
    private const string CniRole = "arn:aws:iam::111122223333:role/existing-vpc-cni";
    private const string EbsRole = "arn:aws:iam::111122223333:role/existing-ebs-csi";

    private static readonly ClusterSettings s_settings = new()
    {
        Name = "existing",
        KubernetesVersion = KubernetesVersions.All["1.33"],
        EndpointAccess = new EndpointAccessSettings { Cidrs = ["10.20.0.0/16"], SecurityGroupIds = [] },
        AddonVersions = ImmutableSortedDictionary<string, string>.Empty.Add("coredns", "v1.11.4-eksbuild.2"),
    };

    [Fact]
    public void The_core_addons_join_the_existing_cluster_with_pins_roles_and_their_order_around_the_nodes()
    {
        var stack = ImportedCluster.EmptyStack();
        var addons = new CoreAddons(stack, "Addons", Props(stack, s_settings) with { EbsCsiDriverVersion = "v1.40.0-eksbuild.1" });

        var template = StackJson.Of(stack);

        var byName = template.Resources("AWS::EKS::Addon").Select(a => a.Resource["Properties"]!).ToDictionary(a => (string)a["AddonName"]!);
        Assert.Equal(["aws-ebs-csi-driver", "coredns", "eks-pod-identity-agent", "kube-proxy", "vpc-cni"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.All(byName.Values, a =>
        {
            Assert.Equal("existing", (string?)a["ClusterName"]);
            Assert.Equal("OVERWRITE", (string?)a["ResolveConflicts"]);
        });
        Assert.Equal("v1.11.4-eksbuild.2", (string?)byName["coredns"]["AddonVersion"]);
        Assert.Null(byName["kube-proxy"]["AddonVersion"]);
        Assert.Equal(CniRole, (string?)byName["vpc-cni"]["ServiceAccountRoleArn"]);
        Assert.Equal(EbsRole, (string?)byName["aws-ebs-csi-driver"]["ServiceAccountRoleArn"]);
        Assert.Equal("v1.40.0-eksbuild.1", (string?)byName["aws-ebs-csi-driver"]["AddonVersion"]);
        Assert.Equal(CoreAddons.BeforeNodes, addons.NeededByNodes.Select(a => a.AddonName));
        Assert.Equal(["coredns", "aws-ebs-csi-driver"], addons.NeedingNodes.Select(a => a.AddonName));
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "a pin for an unknown add-on", "Settings.AddonVersions" },
        { "a pin that is not an add-on version", "Settings.AddonVersions" },
        { "an ebs version without the ebs role", "EbsCsiDriverVersion" },
        { "an ebs version that is not an add-on version", "EbsCsiDriverVersion" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var stack = ImportedCluster.EmptyStack();
        var good = Props(stack, s_settings);
        var props = bad switch
        {
            "a pin for an unknown add-on" =>
                good with { Settings = s_settings with { AddonVersions = s_settings.AddonVersions.Add("vpc_cni", "v1.19.2-eksbuild.1") } },
            "a pin that is not an add-on version" =>
                good with { Settings = s_settings with { AddonVersions = s_settings.AddonVersions.SetItem("coredns", "1.11") } },
            "an ebs version without the ebs role" => good with { EbsCsiDriverRole = null, EbsCsiDriverVersion = "v1.40.0-eksbuild.1" },
            "an ebs version that is not an add-on version" => good with { EbsCsiDriverVersion = "latest" },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        var error = Assert.Throws<ArgumentException>(() => new CoreAddons(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
    }

    private static CoreAddonsProps Props(Stack stack, ClusterSettings settings) => new(
        ImportedCluster.Attributes, settings,
        VpcCniRole: Role.FromRoleArn(stack, "Cni", CniRole),
        EbsCsiDriverRole: Role.FromRoleArn(stack, "Ebs", EbsRole));
}
