using YamlDotNet.RepresentationModel;

namespace EksPlatform.Cli.Tests;

public sealed class ControllersCommandTests
{
    private const string Account = "123456789012";

    /// <summary>What <c>cdk deploy --outputs-file</c> writes for the prod stack (the dev stack is there too).</summary>
    private static readonly string s_outputs = $$"""
        {
          "EksPlatform-dev": { "ClusterName": "eks-platform-dev", "VpcId": "vpc-0dev" },
          "EksPlatform-prod": {
            "ClusterName": "eks-platform-prod",
            "ClusterEndpoint": "https://ABC.gr7.us-east-1.eks.amazonaws.com",
            "VpcId": "vpc-0123456789abcdef0",
            "EbsKeyArn": "arn:aws:kms:us-east-1:{{Account}}:key/11111111-2222-3333-4444-555555555555",
            "VpcCniRoleArn": "arn:aws:iam::{{Account}}:role/EksPlatform-prod-ControllersVpcCni-A",
            "EbsCsiDriverRoleArn": "arn:aws:iam::{{Account}}:role/EksPlatform-prod-ControllersEbsCsiDriver-B",
            "ClusterAutoscalerRoleArn": "arn:aws:iam::{{Account}}:role/EksPlatform-prod-ControllersClusterAutoscaler-C",
            "AwsLoadBalancerControllerRoleArn": "arn:aws:iam::{{Account}}:role/EksPlatform-prod-ControllersAwsLoadBalancer-D",
            "ExternalSecretsRoleArn": "arn:aws:iam::{{Account}}:role/EksPlatform-prod-ControllersExternalSecrets-E"
          }
        }
        """;

    [Fact]
    public void With_stack_outputs_it_writes_three_values_files_the_storage_class_and_the_install_script()
    {
        using var temp = new TempDir();
        var outputs = temp.File("outputs.json", s_outputs);
        var dir = Path.Combine(temp.Path, "controllers");

        var result = Cli.Run(Cli.RepoRoot, "controllers", "--env", "prod", "--outputs", outputs, "--out", dir);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["aws-load-balancer-controller.values.yaml", "cluster-autoscaler.values.yaml", "ebs-storage-class.yaml", "external-secrets.values.yaml",
            "install.sh"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("placeholder", result.Stderr, StringComparison.Ordinal);

        var autoscaler = Load(dir, "cluster-autoscaler.values.yaml");
        Assert.Equal("eks-platform-prod", autoscaler.Scalar("autoDiscovery", "clusterName"));
        Assert.Equal("us-east-1", autoscaler.Scalar("awsRegion"));
        Assert.Equal("v1.35.2", autoscaler.Scalar("image", "tag"));
        Assert.Equal("cluster-autoscaler", autoscaler.Scalar("rbac", "serviceAccount", "name"));
        Assert.Equal("true", autoscaler.Scalar("rbac", "serviceAccount", "create"));
        Assert.Equal($"arn:aws:iam::{Account}:role/EksPlatform-prod-ControllersClusterAutoscaler-C",
            autoscaler.Scalar("rbac", "serviceAccount", "annotations", "eks.amazonaws.com/role-arn"));

        var lbc = Load(dir, "aws-load-balancer-controller.values.yaml");
        Assert.Equal("eks-platform-prod", lbc.Scalar("clusterName"));
        Assert.Equal("us-east-1", lbc.Scalar("region"));
        Assert.Equal("vpc-0123456789abcdef0", lbc.Scalar("vpcId"));
        Assert.Equal("true", lbc.Scalar("serviceAccount", "create"));
        Assert.Equal("aws-load-balancer-controller", lbc.Scalar("serviceAccount", "name"));
        Assert.Equal($"arn:aws:iam::{Account}:role/EksPlatform-prod-ControllersAwsLoadBalancer-D",
            lbc.Scalar("serviceAccount", "annotations", "eks.amazonaws.com/role-arn"));

        var eso = Load(dir, "external-secrets.values.yaml");
        Assert.Equal("external-secrets", eso.Scalar("serviceAccount", "name"));
        Assert.Equal($"arn:aws:iam::{Account}:role/EksPlatform-prod-ControllersExternalSecrets-E",
            eso.Scalar("serviceAccount", "annotations", "eks.amazonaws.com/role-arn"));

        var storage = Load(dir, "ebs-storage-class.yaml");
        Assert.Equal("arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555", storage.Scalar("parameters", "kmsKeyId"));
        Assert.Equal("true", storage.Scalar("metadata", "annotations", "storageclass.kubernetes.io/is-default-class"));

        var script = File.ReadAllText(Path.Combine(dir, "install.sh"));
        Assert.Contains("helm upgrade --install aws-load-balancer-controller eks/aws-load-balancer-controller --version 3.5.0 " +
            "--namespace kube-system --create-namespace -f aws-load-balancer-controller.values.yaml", script, StringComparison.Ordinal);
        Assert.Contains("helm upgrade --install cluster-autoscaler autoscaler/cluster-autoscaler --version 9.59.0 " +
            "--namespace kube-system --create-namespace -f cluster-autoscaler.values.yaml", script, StringComparison.Ordinal);
        Assert.Contains("helm upgrade --install external-secrets external-secrets/external-secrets --version 2.9.0 " +
            "--namespace external-secrets --create-namespace -f external-secrets.values.yaml", script, StringComparison.Ordinal);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(dir, "install.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(0, Bash("-n", Path.Combine(dir, "install.sh")).ExitCode);
    }

    /// <summary>The Karpenter example (config/karpenter.yaml): every controller on EKS Pod Identity, Karpenter's files beside the others.</summary>
    [Fact]
    public void With_karpenter_it_writes_karpenters_values_node_class_and_node_pool_and_no_role_annotations()
    {
        using var temp = new TempDir();
        var outputs = temp.File("outputs.json", $$"""
            {
              "EksPlatform-karpenter": {
                "ClusterName": "eks-platform-karpenter",
                "ClusterEndpoint": "https://ABC.gr7.us-east-1.eks.amazonaws.com",
                "ClusterSecurityGroupId": "sg-0123456789abcdef0",
                "VpcId": "vpc-0123456789abcdef0",
                "EbsKeyArn": "arn:aws:kms:us-east-1:{{Account}}:key/11111111-2222-3333-4444-555555555555",
                "KarpenterInterruptionQueueName": "EksPlatform-karpenter-KarpenterInterruptionQueue-A",
                "KarpenterNodeRoleName": "EksPlatform-karpenter-KarpenterNodeRole-B"
              }
            }
            """);
        var dir = Path.Combine(temp.Path, "controllers");

        var result = Cli.Run(Cli.RepoRoot, "controllers", "--env", "karpenter", "--outputs", outputs, "--out", dir);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["aws-load-balancer-controller.values.yaml", "ebs-storage-class.yaml", "external-secrets.values.yaml", "install.sh",
            "karpenter.ec2nodeclass.yaml", "karpenter.nodepool.yaml", "karpenter.values.yaml"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var karpenter = Load(dir, "karpenter.values.yaml");
        Assert.Equal("EksPlatform-karpenter-KarpenterInterruptionQueue-A", karpenter.Scalar("settings", "interruptionQueue"));
        Assert.Equal("EksPlatform-karpenter-KarpenterNodeRole-B", Load(dir, "karpenter.ec2nodeclass.yaml").Scalar("spec", "role"));
        Assert.DoesNotContain("eks.amazonaws.com/role-arn", File.ReadAllText(Path.Combine(dir, "external-secrets.values.yaml")), StringComparison.Ordinal);
        var script = File.ReadAllText(Path.Combine(dir, "install.sh"));
        Assert.Contains("helm upgrade --install karpenter oci://public.ecr.aws/karpenter/karpenter --version 1.14.1 --namespace kube-system",
            script, StringComparison.Ordinal);
        Assert.DoesNotContain("cluster-autoscaler", script, StringComparison.Ordinal);
        Assert.Equal(0, Bash("-n", Path.Combine(dir, "install.sh")).ExitCode);
    }

    [Fact]
    public void Without_outputs_the_values_hold_marked_placeholders_it_says_so_and_install_refuses_to_run()
    {
        using var temp = new TempDir();

        var result = Cli.Run(Cli.RepoRoot, "controllers", "--env", "dev", "--out", temp.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("placeholders", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("run cdk deploy --outputs-file outputs.json, then eks-platform controllers --outputs outputs.json", result.Stderr,
            StringComparison.Ordinal);
        Assert.Equal("<ROLE ARN: run cdk deploy --outputs-file outputs.json, then eks-platform controllers --outputs outputs.json>",
            Load(temp.Path, "external-secrets.values.yaml").Scalar("serviceAccount", "annotations", "eks.amazonaws.com/role-arn"));
        Assert.StartsWith("<VPC ID:", Load(temp.Path, "aws-load-balancer-controller.values.yaml").Scalar("vpcId"), StringComparison.Ordinal);
        // The guard stops before helm or kubectl run.
        var (exitCode, stderr) = Bash(Path.Combine(temp.Path, "install.sh"));
        Assert.Equal(1, exitCode);
        Assert.Contains("error: the files above still hold placeholders", stderr, StringComparison.Ordinal);
        Assert.Contains("external-secrets.values.yaml", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_output_folder_is_controllers()
    {
        using var temp = new TempDir();

        var result = Cli.Run(temp.Path, "controllers");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(File.Exists(Path.Combine(temp.Path, "controllers", "install.sh")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "controllers", "cluster-autoscaler.values.yaml")));
    }

    [Fact]
    public void Invalid_settings_exit_2_and_write_nothing()
    {
        using var temp = new TempDir();
        var config = temp.File("bad.yaml", "environment: prod\ncluster:\n  name: c\ncontrollers:\n  externalSecrets:\n    namePrefix: prod\n");
        var dir = Path.Combine(temp.Path, "controllers");

        var result = Cli.Run(temp.Path, "controllers", "--config", config, "--out", dir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("controllers.externalSecrets.namePrefix", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("{\"EksPlatform-dev\": {\"VpcId\": \"vpc-1\"}}", "no outputs of stack EksPlatform-prod")]
    [InlineData("{\"EksPlatform-prod\": {\"ClusterName\": \"other\"}}", "for cluster 'other'")]
    public void Outputs_of_another_stack_or_cluster_exit_1_and_write_nothing(string outputs, string message)
    {
        using var temp = new TempDir();
        var file = temp.File("outputs.json", outputs);
        var dir = Path.Combine(temp.Path, "controllers");

        var result = Cli.Run(Cli.RepoRoot, "controllers", "--env", "prod", "--outputs", file, "--out", dir);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Help_describes_the_controllers_options()
    {
        using var temp = new TempDir();

        var result = Cli.Run(temp.Path, "controllers", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--outputs", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--out", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--env", result.Stdout, StringComparison.Ordinal);
    }

    private static YamlMappingNode Load(string dir, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(dir, name))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>Runs bash; with KUBECONFIG pointing nowhere, so a kubectl that did run could reach no cluster.</summary>
    private static (int ExitCode, string Stderr) Bash(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["KUBECONFIG"] = "/nonexistent/kubeconfig";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stderr.Result);
    }

    [Fact]
    public void The_old_name_addons_still_renders_the_same_files()
    {
        using var temp = new TempDir();
        var dir = Path.Combine(temp.Path, "out");

        var result = Cli.Run(Cli.RepoRoot, "addons", "--env", "dev", "--out", dir);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "install.sh")));
    }
}

/// <summary>Reading rendered YAML in tests.</summary>
internal static class YamlPath
{
    public static string? Scalar(this YamlMappingNode root, params string[] path)
    {
        YamlNode node = root;
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return ((YamlScalarNode)node).Value;
    }

}
