using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Cluster;
using EksPlatform.Nodes;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.AutoMode;

/// <summary>The Auto Mode example profile (config/automode.yaml) and the Auto Mode constructs alone (docs/auto-mode.md).</summary>
[Collection(PlatformCollection.Name)]
public sealed class AutoModePlatformTests(PlatformFixture platform)
{
    private static readonly string[] s_replacedTypes =
        ["AWS::EKS::Nodegroup", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::AutoScalingGroup"];

    /// <summary>README "EKS Auto Mode: what it manages": the three properties on together, as the user guide requires (§1).</summary>
    [Fact]
    public void The_cluster_enables_compute_block_storage_and_load_balancing_together_without_zonal_shift()
    {
        var auto = platform.Auto;

        auto.Template.HasResourceProperties("AWS::EKS::Cluster", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ComputeConfig"] = Match.ObjectEquals(new Dictionary<string, object>
            {
                ["Enabled"] = true,
                ["NodePools"] = new[] { "system" },
                ["NodeRoleArn"] = new Dictionary<string, object> { ["Fn::GetAtt"] = new[] { Id(auto, "ClusterAutoNodeRole"), "Arn" } },
            }),
            ["StorageConfig"] = new Dictionary<string, object> { ["BlockStorage"] = new Dictionary<string, object> { ["Enabled"] = true } },
            ["KubernetesNetworkConfig"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["ElasticLoadBalancing"] = new Dictionary<string, object> { ["Enabled"] = true },
            }),
            ["BootstrapSelfManagedAddons"] = false,
            ["AccessConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["AuthenticationMode"] = "API" }),
            ["ZonalShiftConfig"] = Match.Absent(),
        }));
    }

    /// <summary>§2: the cluster role trusts EKS with sts:TagSession and has the four Auto Mode managed policies.</summary>
    [Fact]
    public void The_cluster_role_trusts_eks_with_tag_session_and_has_the_auto_mode_policies()
    {
        var auto = platform.Auto;
        var role = auto.Properties(Id(auto, "ClusterRole"));

        var statement = role["AssumeRolePolicyDocument"]!["Statement"]![0]!;
        Assert.Equal(["sts:AssumeRole", "sts:TagSession"], statement["Action"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("eks.amazonaws.com", (string?)statement["Principal"]!["Service"]);
        var policies = role["ManagedPolicyArns"]!.AsArray().Select(p => p!.ToJsonString()).ToList();
        Assert.All(PlatformCluster.AutoModeClusterPolicies.Append("AmazonEKSClusterPolicy"),
            name => Assert.Contains(policies, p => p.Contains($":iam::aws:policy/{name}\"", StringComparison.Ordinal)));
    }

    /// <summary>§3: two node roles with the documented policies and no SSM; only the NodeClass role has a declared EC2 entry.</summary>
    [Fact]
    public void Node_roles_have_the_documented_policies_and_the_nodeclass_role_has_its_ec2_access_entry()
    {
        var auto = platform.Auto;
        foreach (var id in new[] { Id(auto, "ClusterAutoNodeRole"), Id(auto, "AutoModeNodesNodeClassRole") })
        {
            var role = auto.Properties(id);
            Assert.Equal("ec2.amazonaws.com", (string?)role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
            var policies = role["ManagedPolicyArns"]!.ToJsonString();
            Assert.Contains("AmazonEKSWorkerNodeMinimalPolicy", policies, StringComparison.Ordinal);
            Assert.Contains("AmazonEC2ContainerRegistryPullOnly", policies, StringComparison.Ordinal);
            Assert.DoesNotContain("SSM", policies, StringComparison.Ordinal);
        }

        var entries = auto.Resources("AWS::EKS::AccessEntry").Select(e => e.Resource["Properties"]!).ToList();
        var ec2 = Assert.Single(entries, e => (string?)e["Type"] == "EC2");
        Assert.Equal(Id(auto, "AutoModeNodesNodeClassRole"), Synthesized.RefId(ec2["PrincipalArn"]));
        Assert.Contains(":eks::aws:cluster-access-policy/AmazonEKSAutoNodePolicy", ec2["AccessPolicies"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("cluster", (string?)ec2["AccessPolicies"]![0]!["AccessScope"]!["Type"]);
        // EKS creates the entry of ComputeConfig.NodeRoleArn itself (§3): none is declared for it.
        Assert.DoesNotContain(entries, e => Synthesized.RefId(e["PrincipalArn"]) == Id(auto, "ClusterAutoNodeRole"));
    }

    /// <summary>README "what the platform does not create": nothing Auto Mode replaces is in the template.</summary>
    [Fact]
    public void Nothing_auto_mode_replaces_is_created()
    {
        var auto = platform.Auto;

        Assert.All(s_replacedTypes, type => Assert.Empty(auto.Resources(type)));
        var addons = auto.Resources("AWS::EKS::Addon").Select(a => (string?)a.Resource["Properties"]!["AddonName"]).ToList();
        Assert.Equal(["amazon-cloudwatch-observability"], addons);
        var subjects = auto.Json["Resources"]!.ToJsonString();
        Assert.DoesNotContain("system:serviceaccount:kube-system:cluster-autoscaler", subjects, StringComparison.Ordinal);
        Assert.DoesNotContain("system:serviceaccount:kube-system:aws-load-balancer-controller", subjects, StringComparison.Ordinal);
        Assert.DoesNotContain("system:serviceaccount:kube-system:ebs-csi-controller-sa", subjects, StringComparison.Ordinal);
        Assert.DoesNotContain("system:serviceaccount:kube-system:aws-node", subjects, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccount:external-secrets:external-secrets", subjects, StringComparison.Ordinal);
        Assert.Null(auto.Stack.Nodes);
    }

    /// <summary>Container Insights stays; the node utilisation alarms go (Auto Mode consolidates nodes), failed nodes and pending pods stay.</summary>
    [Fact]
    public void Observability_keeps_container_insights_and_drops_only_the_node_utilisation_alarms()
    {
        var names = platform.Auto.Resources("AWS::CloudWatch::Alarm").Select(a => (string?)a.Resource["Properties"]!["AlarmName"]).ToList();
        var prodNames = platform.Prod.Resources("AWS::CloudWatch::Alarm").Select(a => (string?)a.Resource["Properties"]!["AlarmName"]).ToList();

        Assert.Equal(prodNames.Count - 2, names.Count);
        Assert.Contains(names, n => n!.EndsWith("failed-nodes", StringComparison.Ordinal));
        Assert.Contains(names, n => n!.EndsWith("pending-pods", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n!.EndsWith("node-cpu", StringComparison.Ordinal) || n.EndsWith("node-memory", StringComparison.Ordinal));
        Assert.Single(platform.Auto.Resources("AWS::CloudWatch::Dashboard"));
    }

    /// <summary>§5: the EBS key policy gives the cluster role the two statements the user guide documents, and nothing to the node roles.</summary>
    [Fact]
    public void The_ebs_key_policy_grants_the_cluster_role_what_the_user_guide_documents()
    {
        var auto = platform.Auto;
        var key = auto.Resources("AWS::KMS::Key").Single(k => k.Resource["Properties"]!["Description"]!.ToString().Contains("EBS", StringComparison.Ordinal));
        var statements = key.Resource["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray().OfType<JsonObject>().ToList();

        var use = statements.Single(s => (string?)s["Sid"] == "AutoModeNodeVolumes");
        var grants = statements.Single(s => (string?)s["Sid"] == "AutoModeNodeVolumeGrants");
        Assert.Equal(AutoModeNodes.KeyUseActions, use["Action"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(AutoModeNodes.KeyGrantActions, grants["Action"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("true", (string?)grants["Condition"]!["Bool"]!["kms:GrantIsForAWSResource"]);
        Assert.All([use, grants], s => Assert.Equal(Id(auto, "ClusterRole"), Synthesized.RefId(s["Principal"]!["AWS"])));
        Assert.DoesNotContain(statements, s => s["Principal"]!.ToJsonString().Contains("NodeRole", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_built_in_pools_there_is_no_node_role_arn_and_the_nodeclass_role_still_has_its_entry()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + "\ncompute:\n  mode: autoMode\n  autoMode:\n    nodePools: []\n");
        var (_, stack) = PlatformApp.Build(settings);
        var template = Template.FromStack(stack);

        template.HasResourceProperties("AWS::EKS::Cluster", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ComputeConfig"] = Match.ObjectEquals(new Dictionary<string, object> { ["Enabled"] = true }),
        }));
        template.ResourcePropertiesCountIs("AWS::EKS::AccessEntry", Match.ObjectLike(new Dictionary<string, object> { ["Type"] = "EC2" }), 1);
        Assert.Null(stack.Cluster.AutoNodeRole);
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "zonal shift", "Settings.ZonalShift" },
        { "unknown pool", "Compute.AutoMode.nodePools[0]" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void PlatformCluster_alone_refuses_what_auto_mode_rules_out(string bad, string prop)
    {
        var stack = ImportedCluster.EmptyStack();
        var auto = new ComputeSettings { Mode = ComputeMode.AutoMode };
        var (settings, compute) = bad switch
        {
            "zonal shift" => (Settings() with { ZonalShift = true }, auto),
            "unknown pool" => (Settings(), auto with { NodePools = ["gpu"] }),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        var error = Assert.Throws<ArgumentException>(() => new PlatformCluster(stack, "Bad", Props(stack, settings, compute)));

        Assert.Equal(prop, error.ParamName);
    }

    [Fact]
    public void AutoModeNodes_alone_refuses_managed_node_groups()
    {
        var stack = ImportedCluster.EmptyStack();
        var key = Key.FromKeyArn(stack, "Ebs", $"arn:aws:kms:{ImportedCluster.Region}:{ImportedCluster.Account}:key/11111111-2222-3333-4444-555555555555");
        var role = Role.FromRoleArn(stack, "ClusterRole", $"arn:aws:iam::{ImportedCluster.Account}:role/cluster");

        var error = Assert.Throws<ArgumentException>(() => new AutoModeNodes(stack, "Bad",
            new AutoModeNodesProps(ImportedCluster.Attributes, new ComputeSettings(), key, role)));

        Assert.Equal("Compute.Mode", error.ParamName);
    }

    [Fact]
    public void AutoModeNodes_alone_builds_the_role_and_entry_for_an_imported_cluster()
    {
        var stack = ImportedCluster.EmptyStack();
        var key = Key.FromKeyArn(stack, "Ebs", $"arn:aws:kms:{ImportedCluster.Region}:{ImportedCluster.Account}:key/11111111-2222-3333-4444-555555555555");
        var role = Role.FromRoleArn(stack, "ClusterRole", $"arn:aws:iam::{ImportedCluster.Account}:role/cluster");

        var compute = new ComputeSettings { Mode = ComputeMode.AutoMode };
        _ = new AutoModeNodes(stack, "Auto", new AutoModeNodesProps(ImportedCluster.Attributes, compute, key, role));

        var template = Template.FromStack(stack);
        template.ResourceCountIs("AWS::IAM::Role", 1);
        template.HasResourceProperties("AWS::EKS::AccessEntry", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ClusterName"] = "existing",
            ["Type"] = "EC2",
        }));
    }

    private static string Id(Synthesized synthesized, string prefix) =>
        synthesized.Json["Resources"]!.AsObject().Single(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)
            && (string?)r.Value!["Type"] == "AWS::IAM::Role").Key;

    private static ClusterSettings Settings() => new()
    {
        Name = "team-cluster",
        KubernetesVersion = KubernetesVersions.All["1.33"],
        EndpointAccess = new EndpointAccessSettings { Cidrs = ["10.20.0.0/16"], SecurityGroupIds = [] },
    };

    private static PlatformClusterProps Props(Amazon.CDK.Stack stack, ClusterSettings settings, ComputeSettings compute)
    {
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0",
            VpcCidrBlock = "10.20.0.0/16",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            PrivateSubnetIds = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
        });
        IKey MakeKey(string id) => Key.FromKeyArn(stack, id,
            $"arn:aws:kms:{ImportedCluster.Region}:{ImportedCluster.Account}:key/{id.ToLowerInvariant()}-2222-3333-4444-555555555555");
        return new PlatformClusterProps(settings, vpc, MakeKey("Secrets"), MakeKey("Logs"), RetainOnDelete: false, IPNetwork.Parse("10.20.0.0/16"),
            DeletionProtection: false, Compute: compute);
    }
}
