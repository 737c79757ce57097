using EksPlatform.Controllers;
using EksPlatform.Installer;
using EksPlatform.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EksPlatform.Tests.AutoMode;

/// <summary>
/// The NodeClass, NodePool and StorageClass the <c>controllers</c> command and the in-VPC installer render for the Auto Mode
/// example (docs/auto-mode.md §5, §6), parsed as YAML, and the install script that applies them, run by bash against stubs.
/// </summary>
public sealed class AutoModeManifestsTests : IDisposable
{
    private const string EbsKey = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

    private static readonly Dictionary<string, string> s_outputs = new()
    {
        [StackOutputKeys.ClusterName] = "eks-platform-auto",
        [StackOutputKeys.VpcId] = "vpc-0123456789abcdef0",
        [StackOutputKeys.EbsKeyArn] = EbsKey,
        [StackOutputKeys.ClusterSecurityGroupId] = "sg-0123456789abcdef0",
        [StackOutputKeys.AutoModeNodeRoleName] = "EksPlatform-auto-NodeClassRole-ABC",
        [AutoModeManifests.SubnetOutputKey(0)] = "subnet-01",
        [AutoModeManifests.SubnetOutputKey(1)] = "subnet-02",
        [AutoModeManifests.SubnetOutputKey(2)] = "subnet-03",
        [ControllerCatalog.ExternalSecrets.RoleOutputKey] = "arn:aws:iam::123456789012:role/ExternalSecrets",
    };

    private readonly StubShell _shell = new();

    public void Dispose() => _shell.Dispose();

    /// <summary>README "EKS Auto Mode: what the platform still adds": node volumes with the platform EBS key.</summary>
    [Fact]
    public void The_nodeclass_names_the_platform_ebs_key_the_nodeclass_role_the_private_subnets_and_the_cluster_security_group()
    {
        var spec = (YamlMappingNode)Parse(AutoModeManifests.NodeClassFileName)["spec"];

        Assert.Equal(EbsKey, Text(((YamlMappingNode)spec["ephemeralStorage"])["kmsKeyID"]));
        Assert.Equal("EksPlatform-auto-NodeClassRole-ABC", Text(spec["role"]));
        Assert.Equal(["subnet-01", "subnet-02", "subnet-03"], ((YamlSequenceNode)spec["subnetSelectorTerms"]).Select(t => Text(((YamlMappingNode)t)["id"])));
        Assert.Equal("sg-0123456789abcdef0", Text(((YamlMappingNode)((YamlSequenceNode)spec["securityGroupSelectorTerms"])[0])["id"]));
        var document = Parse(AutoModeManifests.NodeClassFileName);
        Assert.Equal("eks.amazonaws.com/v1", Text(document["apiVersion"]));
        Assert.Equal("NodeClass", Text(document["kind"]));
        Assert.NotEqual("default", Text(((YamlMappingNode)document["metadata"])["name"]));
    }

    [Fact]
    public void The_nodepool_launches_from_the_nodeclass_within_the_vcpu_limit()
    {
        var document = Parse(AutoModeManifests.NodePoolFileName);
        var spec = (YamlMappingNode)document["spec"];
        var template = (YamlMappingNode)((YamlMappingNode)spec["template"])["spec"];
        var reference = (YamlMappingNode)template["nodeClassRef"];

        Assert.Equal("karpenter.sh/v1", Text(document["apiVersion"]));
        Assert.Equal("NodePool", Text(document["kind"]));
        Assert.Equal("eks.amazonaws.com", Text(reference["group"]));
        Assert.Equal("NodeClass", Text(reference["kind"]));
        Assert.Equal(AutoModeManifests.NodeClassName, Text(reference["name"]));
        Assert.Equal("100", Text(((YamlMappingNode)spec["limits"])["cpu"]));
        Assert.Equal("336h", Text(template["expireAfter"]));
        Assert.Contains(((YamlSequenceNode)template["requirements"]).Cast<YamlMappingNode>(),
            r => Text(r["key"]) == "karpenter.sh/capacity-type" && ((YamlSequenceNode)r["values"]).Select(Text).SequenceEqual(["on-demand"]));
    }

    [Fact]
    public void The_storage_class_uses_the_auto_mode_provisioner_gp3_and_the_platform_key()
    {
        var document = Parse(ChartValuesRenderer.StorageClassFileName);
        var parameters = (YamlMappingNode)document["parameters"];

        Assert.Equal("ebs.csi.eks.amazonaws.com", Text(document["provisioner"]));
        Assert.Equal("gp3", Text(parameters["type"]));
        Assert.Equal("true", Text(parameters["encrypted"]));
        Assert.Equal(EbsKey, Text(parameters["kmsKeyId"]));
    }

    [Fact]
    public void Managed_node_groups_keep_the_ebs_csi_provisioner_and_no_auto_mode_files()
    {
        var bundle = ChartValuesRenderer.Render(TestSettings.Env("prod"), null);

        Assert.DoesNotContain(bundle.Files, f => AutoModeManifests.FileNames.Contains(f.Name));
        Assert.Contains("provisioner: ebs.csi.aws.com", bundle.Files.Single(f => f.Name == ChartValuesRenderer.StorageClassFileName).Content,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Before_deploy_every_deploy_time_value_is_a_placeholder_the_script_refuses()
    {
        var bundle = ChartValuesRenderer.Render(TestSettings.Env("automode"), null);

        Assert.Contains(StackOutputKeys.AutoModeNodeRoleName, bundle.Placeholders);
        Assert.Contains(AutoModeManifests.SubnetOutputKey(2), bundle.Placeholders);
        Assert.Contains(StackOutputKeys.ClusterSecurityGroupId, bundle.Placeholders);
        bundle.WriteTo(Path.Combine(_shell.Root, "out"));
        var (exitCode, log, _) = Run();
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain(log, l => l.StartsWith("kubectl apply", StringComparison.Ordinal));
    }

    /// <summary>Platform manifests of no chart are applied after the StorageClass and before the only chart, external-secrets.</summary>
    [Fact]
    public void Install_sh_applies_the_storage_class_then_the_nodeclass_and_nodepool_then_the_charts()
    {
        Render();

        var (exitCode, log, output) = Run();

        Assert.True(exitCode == 0, output);
        var storage = log.IndexOf($"kubectl apply -f {ChartValuesRenderer.StorageClassFileName}");
        var nodeClass = log.IndexOf($"kubectl apply -f {AutoModeManifests.NodeClassFileName}");
        var nodePool = log.IndexOf($"kubectl apply -f {AutoModeManifests.NodePoolFileName}");
        var chart = log.FindIndex(l => l.StartsWith("helm upgrade --install external-secrets", StringComparison.Ordinal));
        Assert.True(storage >= 0 && storage < nodeClass && nodeClass < nodePool && nodePool < chart, string.Join('\n', log));
        Assert.Single(log, l => l.StartsWith("helm upgrade --install", StringComparison.Ordinal));
    }

    /// <summary>README "EKS Auto Mode: switching": the EBS CSI class left from managed node groups is replaced (its provisioner cannot change).</summary>
    [Fact]
    public void A_storage_class_of_the_ebs_csi_add_on_is_replaced_by_the_auto_mode_one()
    {
        Render();

        var (exitCode, log, output) = Run(("STUB_CURRENT_PROVISIONER", "ebs.csi.aws.com"));

        Assert.True(exitCode == 0, output);
        var delete = log.IndexOf($"kubectl delete storageclass {ChartValuesRenderer.StorageClassName}");
        Assert.InRange(delete, 0, log.IndexOf($"kubectl apply -f {ChartValuesRenderer.StorageClassFileName}") - 1);
        Assert.Contains("replacing it for EKS Auto Mode", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_provisioner_and_key_leave_the_storage_class_in_place()
    {
        Render();

        var (exitCode, log, output) = Run(("STUB_CURRENT_PROVISIONER", "ebs.csi.eks.amazonaws.com"), ("STUB_CURRENT_KEY", EbsKey));

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(log, l => l.StartsWith("kubectl delete", StringComparison.Ordinal));
    }

    private void Render() => ChartValuesRenderer.Render(TestSettings.Env("automode"), s_outputs).WriteTo(Path.Combine(_shell.Root, "out"));

    private static YamlMappingNode Parse(string fileName)
    {
        var file = ChartValuesRenderer.Render(TestSettings.Env("automode"), s_outputs).Files.Single(f => f.Name == fileName);
        var stream = new YamlStream();
        stream.Load(new StringReader(file.Content));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value!;

    private (int ExitCode, List<string> Log, string Output) Run(params (string Name, string Value)[] environment)
    {
        // kubectl get answers the provisioner or the key, whichever jsonpath asks.
        _shell.Stub("kubectl", """
            case "$1" in
              get) case "$*" in *provisioner*) printf '%s' "${STUB_CURRENT_PROVISIONER:-}" ;; *) printf '%s' "${STUB_CURRENT_KEY:-}" ;; esac ;;
            esac
            """);
        return _shell.Bash(_shell.Root, [Path.Combine(_shell.Root, "out", ChartValuesRenderer.InstallScriptName)], environment);
    }
}
