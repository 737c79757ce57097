using EksPlatform.Cli.Charts;
using EksPlatform.Installer;
using EksPlatform.Controllers;
using EksPlatform.Settings;
using EksPlatform.Tests.Identity;
using EksPlatform.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EksPlatform.Tests.Controllers;

[Collection(PlatformCollection.Name)]
public sealed class ChartValuesRendererTests(PlatformFixture platform)
{
    private const string Arn = "arn:aws:iam::123456789012:role/";

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Service_accounts_in_the_values_are_exactly_those_the_trust_policies_name(string env)
    {
        var synth = platform.Of(env);
        var subjects = IrsaTrust.All(synth).Select(t => t.Subject).ToHashSet();

        var bundle = ChartValuesRenderer.Render(synth.Settings, Outputs(synth.Settings).Values);

        var charts = ControllerCatalog.Enabled(synth.Settings.Controllers).Where(c => c.Chart is not null).ToArray();
        Assert.Equal(3, charts.Length);
        foreach (var controller in charts)
        {
            var values = Values(bundle, controller);
            var account = controller == ControllerCatalog.ClusterAutoscaler ? values.Map("rbac").Map("serviceAccount") : values.Map("serviceAccount");
            var name = account.Scalar("name");
            var ns = Namespace(bundle, controller);
            Assert.Contains($"system:serviceaccount:{ns}:{name}", subjects);
            Assert.Equal("true", account.Scalar("create"));
            Assert.Equal($"{Arn}{controller.RoleOutputKey}", account.Map("annotations").Scalar(Controller.RoleArnAnnotation));
        }
    }

    [Fact]
    public void Required_chart_values_come_from_settings_and_outputs()
    {
        var settings = platform.Prod.Settings;

        var bundle = ChartValuesRenderer.Render(settings, Outputs(settings).Values);

        Assert.Empty(bundle.Placeholders);
        var autoscaler = Values(bundle, ControllerCatalog.ClusterAutoscaler);
        Assert.Equal("eks-platform-prod", autoscaler.Map("autoDiscovery").Scalar("clusterName"));
        Assert.Equal("us-east-1", autoscaler.Scalar("awsRegion"));
        Assert.Equal("aws", autoscaler.Scalar("cloudProvider"));
        Assert.Equal("v1.35.2", autoscaler.Map("image").Scalar("tag"));
        var lbc = Values(bundle, ControllerCatalog.AwsLoadBalancerController);
        Assert.Equal("eks-platform-prod", lbc.Scalar("clusterName"));
        Assert.Equal("us-east-1", lbc.Scalar("region"));
        Assert.Equal("vpc-0abc", lbc.Scalar("vpcId"));
        var storage = Yaml(bundle, ChartValuesRenderer.StorageClassFileName);
        Assert.Equal("ebs.csi.aws.com", storage.Scalar("provisioner"));
        Assert.Equal("gp3", storage.Map("parameters").Scalar("type"));
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/abc", storage.Map("parameters").Scalar("kmsKeyId"));
        // Quoted: Kubernetes wants the strings "true", not booleans, in annotations and StorageClass parameters.
        Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, storage.Map("parameters").Node("encrypted").Style);
        Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted,
            storage.Map("metadata").Map("annotations").Node("storageclass.kubernetes.io/is-default-class").Style);
    }

    [Fact]
    public void Without_outputs_every_deploy_time_value_is_a_marked_placeholder_and_install_refuses_them()
    {
        var settings = platform.Prod.Settings;

        var bundle = ChartValuesRenderer.Render(settings, null);

        Assert.Equal(["AwsLoadBalancerControllerRoleArn", "ClusterAutoscalerRoleArn", "EbsKeyArn", "ExternalSecretsRoleArn", "VpcId"],
            bundle.Placeholders.Order(StringComparer.Ordinal));
        Assert.Equal(ChartValuesRenderer.Placeholder("VPC ID"), Values(bundle, ControllerCatalog.AwsLoadBalancerController).Scalar("vpcId"));
        Assert.StartsWith("<ROLE ARN: run cdk deploy --outputs-file",
            Values(bundle, ControllerCatalog.ExternalSecrets).Map("serviceAccount").Map("annotations").Scalar(Controller.RoleArnAnnotation),
            StringComparison.Ordinal);
        Assert.Contains($"grep -l -- '{ChartValuesRenderer.PlaceholderHint}' *.yaml", File(bundle, ChartValuesRenderer.InstallScriptName),
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_install_script_pins_every_chart_in_the_trusted_namespace()
    {
        var bundle = ChartValuesRenderer.Render(platform.Prod.Settings, null);
        var script = File(bundle, ChartValuesRenderer.InstallScriptName);

        Assert.StartsWith("#!/usr/bin/env bash\n", script, StringComparison.Ordinal);
        Assert.True(bundle.Files.Single(f => f.Name == ChartValuesRenderer.InstallScriptName).Executable);
        Assert.Contains("helm upgrade --install cluster-autoscaler autoscaler/cluster-autoscaler --version 9.59.0 --namespace kube-system " +
            "--create-namespace -f cluster-autoscaler.values.yaml", script, StringComparison.Ordinal);
        Assert.Contains("helm upgrade --install aws-load-balancer-controller eks/aws-load-balancer-controller --version 3.5.0 --namespace kube-system " +
            "--create-namespace -f aws-load-balancer-controller.values.yaml", script, StringComparison.Ordinal);
        Assert.Contains("helm upgrade --install external-secrets external-secrets/external-secrets --version 2.9.0 --namespace external-secrets " +
            "--create-namespace -f external-secrets.values.yaml", script, StringComparison.Ordinal);
        Assert.Contains("helm repo add eks https://aws.github.io/eks-charts", script, StringComparison.Ordinal);
        Assert.Contains("kubectl apply -f ebs-storage-class.yaml", script, StringComparison.Ordinal);
        Assert.True(script.IndexOf("eks/aws-load-balancer-controller --version", StringComparison.Ordinal)
            < script.IndexOf("external-secrets/external-secrets --version", StringComparison.Ordinal),
            "the load balancer controller's webhook must be up before other charts create Services");
    }

    [Fact]
    public void A_disabled_controller_gets_no_values_and_a_rerun_removes_its_old_file_but_nothing_else()
    {
        var settings = TestSettings.Yaml("environment: t\nobservability: { alarmEmail: oncall@example.com }\ncluster:\n  name: c\n" +
            "controllers:\n  externalSecrets: { enabled: false }\n  ebsCsiDriver: { enabled: false }\n");
        var dir = Directory.CreateTempSubdirectory("eksp-addons-").FullName;
        try
        {
            System.IO.File.WriteAllText(Path.Combine(dir, "external-secrets.values.yaml"), "from an earlier run");
            System.IO.File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

            var bundle = ChartValuesRenderer.Render(settings, null);
            bundle.WriteTo(dir);

            Assert.Equal(["aws-load-balancer-controller.values.yaml", "cluster-autoscaler.values.yaml", "install.sh", "notes.txt"],
                Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.DoesNotContain("external-secrets", File(bundle, ChartValuesRenderer.InstallScriptName), StringComparison.Ordinal);
            Assert.DoesNotContain(ChartValuesRenderer.StorageClassFileName, File(bundle, ChartValuesRenderer.InstallScriptName), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("1.34", "v1.34.5")]
    [InlineData("1.35", "v1.35.2")]
    public void The_autoscaler_image_matches_the_cluster_minor(string version, string tag)
    {
        var settings = TestSettings.Yaml($"environment: t\nobservability: {{ alarmEmail: oncall@example.com }}\ncluster:\n  name: c\n" +
            $"  kubernetesVersion: \"{version}\"\n");

        var bundle = ChartValuesRenderer.Render(settings, null);

        Assert.Equal(tag, Values(bundle, ControllerCatalog.ClusterAutoscaler).Map("image").Scalar("tag"));
    }

    [Fact]
    public void A_kubernetes_version_without_a_verified_autoscaler_image_is_an_error_unless_the_autoscaler_is_off()
    {
        // Settings refuse the autoscaler on such a version (InvalidSettingsTests); with it off they load.
        var off = TestSettings.Yaml("environment: t\nobservability: { alarmEmail: oncall@example.com }\ncluster:\n  name: c\n  kubernetesVersion: \"1.33\"\n" +
            "controllers:\n  clusterAutoscaler: { enabled: false }\n");
        // Settings built in code skip that check; the renderer still refuses to guess an image.
        var on = off with { Controllers = off.Controllers with { Switches = off.Controllers.Switches.SetItem("clusterAutoscaler", true) } };

        var error = Assert.Throws<InvalidOperationException>(() => ChartValuesRenderer.Render(on, null));

        Assert.Contains("no verified cluster-autoscaler image tag for Kubernetes 1.33", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ChartValuesRenderer.Render(off, null).Files, f => f.Name.StartsWith("cluster-autoscaler", StringComparison.Ordinal));
    }

    [Fact]
    public void Outputs_of_another_cluster_are_refused()
    {
        var settings = platform.Prod.Settings;
        var outputs = Outputs(settings) with
        {
            Values = new Dictionary<string, string>(Outputs(settings).Values) { [StackOutputKeys.ClusterName] = "someone-else" },
        };

        var error = Assert.Throws<InvalidOperationException>(() => ChartValuesRenderer.Render(settings, outputs.Values));

        Assert.Contains("'someone-else'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"EksPlatform-dev\": {\"VpcId\": \"vpc-1\"}}", "no outputs of stack EksPlatform-prod (stacks in the file: EksPlatform-dev)")]
    [InlineData("[1, 2]", "not a cdk deploy --outputs-file file")]
    [InlineData("{nope", "is not JSON")]
    public void An_outputs_file_without_the_stack_is_refused(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => StackOutputs.Parse(json, "EksPlatform-prod"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Controllers_are_all_on_by_default_but_karpenter_and_read_secrets_under_the_cluster_name()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal);

        Assert.Equal(ControllerCatalog.All.Where(c => c != ControllerCatalog.Karpenter), ControllerCatalog.Enabled(settings.Controllers));
        Assert.Equal("test-cluster/", settings.Controllers.ExternalSecrets.NamePrefix);
        Assert.Null(settings.Controllers.EbsCsiDriver.AddonVersion);
    }

    internal static StackOutputs Outputs(PlatformSettings settings) => new(settings.StackName, new Dictionary<string, string>
    {
        [StackOutputKeys.ClusterName] = settings.Cluster.Name,
        [StackOutputKeys.VpcId] = "vpc-0abc",
        [StackOutputKeys.EbsKeyArn] = "arn:aws:kms:us-east-1:123456789012:key/abc",
        ["ClusterAutoscalerRoleArn"] = $"{Arn}ClusterAutoscalerRoleArn",
        ["AwsLoadBalancerControllerRoleArn"] = $"{Arn}AwsLoadBalancerControllerRoleArn",
        ["ExternalSecretsRoleArn"] = $"{Arn}ExternalSecretsRoleArn",
        ["EbsCsiDriverRoleArn"] = $"{Arn}EbsCsiDriverRoleArn",
        ["VpcCniRoleArn"] = $"{Arn}VpcCniRoleArn",
    });

    private static string File(ChartBundle bundle, string name) => Assert.Single(bundle.Files, f => f.Name == name).Content;

    /// <summary>Placeholders hold a colon and angle brackets, so they must be quoted: every YAML file parses before the deploy too.</summary>
    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Every_yaml_file_with_placeholders_parses_and_keeps_the_placeholder_text(string env)
    {
        var bundle = ChartValuesRenderer.Render(platform.Of(env).Settings, null);

        var yamlFiles = bundle.Files.Where(f => f.Name.EndsWith(".yaml", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(yamlFiles);
        Assert.All(yamlFiles, f =>
        {
            var root = Yaml(bundle, f.Name);
            var scalars = root.AllNodes.OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToArray();
            Assert.Contains(scalars, v => v.EndsWith(ChartValuesRenderer.PlaceholderHint + ">", StringComparison.Ordinal));
        });
    }

    private static YamlMappingNode Yaml(ChartBundle bundle, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File(bundle, name)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Values(ChartBundle bundle, Controller controller) => Yaml(bundle, ChartValuesRenderer.ValuesFileName(controller));

    /// <summary>The namespace the install script installs the chart into.</summary>
    private static string Namespace(ChartBundle bundle, Controller controller)
    {
        var line = File(bundle, ChartValuesRenderer.InstallScriptName).Split('\n')
            .Single(l => l.StartsWith("helm upgrade --install", StringComparison.Ordinal)
                && l.Contains($" {controller.Chart!.Reference} ", StringComparison.Ordinal));
        var words = line.Split(' ');
        return words[Array.IndexOf(words, "--namespace") + 1];
    }
}

/// <summary>Reading rendered YAML in tests.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode Map(this YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    public static YamlScalarNode Node(this YamlNode node, string key) => (YamlScalarNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    public static string? Scalar(this YamlNode node, string key) => node.Node(key).Value;
}
