using EksPlatform.Installer;
using EksPlatform.Controllers;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Controllers;

/// <summary>
/// The rendered install.sh run for real by bash, against stub <c>helm</c> and <c>kubectl</c> executables that record
/// their arguments. The stub helm fails a bare <c>helm repo update</c>, as Helm does when any configured repository is
/// broken, so the script must name its own repositories. Prod installs from chart repositories; the Karpenter example
/// (config/karpenter.yaml) adds Karpenter's OCI charts and manifests.
/// </summary>
public sealed class InstallScriptTests : IDisposable
{
    private const string OldKey = "arn:aws:kms:us-east-1:123456789012:key/old";

    private readonly StubShell _shell = new();

    public InstallScriptTests()
    {
        var settings = TestSettings.Env("prod");
        var values = new Dictionary<string, string>
        {
            [StackOutputKeys.ClusterName] = settings.Cluster.Name,
            [StackOutputKeys.VpcId] = "vpc-0123456789abcdef0",
            [StackOutputKeys.EbsKeyArn] = "arn:aws:kms:us-east-1:123456789012:key/new",
        };
        foreach (var controller in ControllerCatalog.All)
        {
            values[controller.RoleOutputKey] = $"arn:aws:iam::123456789012:role/{controller.ConstructId}";
        }

        ChartValuesRenderer.Render(settings, values).WriteTo(Path.Combine(_shell.Root, "out"));
    }

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void A_first_install_updates_only_its_own_repositories_applies_the_crds_first_and_waits_with_a_timeout()
    {
        var (exitCode, log, stderr) = Run();

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("helm repo update eks autoscaler external-secrets", log);
        Assert.DoesNotContain("helm repo update", log.Where(l => l.Trim() == "helm repo update"));
        Assert.Contains("kubectl apply -f ebs-storage-class.yaml", log);
        Assert.DoesNotContain(log, l => l.StartsWith("kubectl delete", StringComparison.Ordinal));
        var crds = log.FindIndex(l => l.StartsWith("kubectl apply -f", StringComparison.Ordinal)
            && l.EndsWith("/aws-load-balancer-controller/crds/crds.yaml", StringComparison.Ordinal));
        var controller = log.FindIndex(l => l.StartsWith("helm upgrade --install aws-load-balancer-controller", StringComparison.Ordinal));
        Assert.InRange(crds, 0, controller - 1);
        Assert.Contains(log, l => l.StartsWith("helm pull eks/aws-load-balancer-controller --version 3.5.0 --untar", StringComparison.Ordinal));
        var upgrades = log.Where(l => l.StartsWith("helm upgrade --install", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, upgrades.Length);
        Assert.All(upgrades, u => Assert.EndsWith($"--wait --timeout {InstallScript.HelmTimeout}", u, StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_ebs_key_replaces_the_storage_class_before_applying_it()
    {
        var (exitCode, log, stderr) = Run(("STUB_CURRENT_KEY", OldKey));

        Assert.True(exitCode == 0, stderr);
        var delete = log.IndexOf($"kubectl delete storageclass {ChartValuesRenderer.StorageClassName}");
        Assert.InRange(delete, 0, log.IndexOf("kubectl apply -f ebs-storage-class.yaml") - 1);
        Assert.Contains("existing volumes keep their key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_ebs_key_leaves_the_storage_class_in_place()
    {
        var (exitCode, log, stderr) = Run(("STUB_CURRENT_KEY", "arn:aws:kms:us-east-1:123456789012:key/new"));

        Assert.True(exitCode == 0, stderr);
        Assert.DoesNotContain(log, l => l.StartsWith("kubectl delete", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("v3.6.3")]
    [InlineData("v2.17.0")]
    public void An_unsupported_helm_stops_the_script_before_any_change(string version)
    {
        var (exitCode, log, stderr) = Run(("STUB_HELM_VERSION", version));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"Helm {version} is not supported", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(log, l => l.StartsWith("kubectl apply", StringComparison.Ordinal) || l.StartsWith("helm upgrade", StringComparison.Ordinal));
    }

    [Fact]
    public void Karpenter_comes_from_its_oci_registry_without_a_repository_crds_first_and_its_manifests_after_its_chart()
    {
        RenderKarpenter();

        var (exitCode, log, stderr) = Run("karpenter");

        Assert.True(exitCode == 0, stderr);
        Assert.DoesNotContain(log, l => l.StartsWith("helm repo", StringComparison.Ordinal) && l.Contains("karpenter", StringComparison.Ordinal));
        Assert.Contains("helm repo update eks external-secrets", log);
        var crds = log.FindIndex(l => l.StartsWith(
            "helm upgrade --install karpenter-crd oci://public.ecr.aws/karpenter/karpenter-crd --version 1.14.1 --namespace kube-system",
            StringComparison.Ordinal));
        var chart = log.FindIndex(l => l.StartsWith(
            "helm upgrade --install karpenter oci://public.ecr.aws/karpenter/karpenter --version 1.14.1 --namespace kube-system", StringComparison.Ordinal));
        var nodeClass = log.IndexOf("kubectl apply -f karpenter.ec2nodeclass.yaml");
        var nodePool = log.IndexOf("kubectl apply -f karpenter.nodepool.yaml");
        Assert.InRange(crds, 0, chart - 1);
        Assert.InRange(chart, 0, nodeClass - 1);
        Assert.InRange(nodeClass, 0, nodePool - 1);
        Assert.EndsWith($"-f karpenter.values.yaml --wait --timeout {InstallScript.HelmTimeout}", log[chart], StringComparison.Ordinal);
        Assert.DoesNotContain(log, l => l.Contains("cluster-autoscaler", StringComparison.Ordinal));
    }

    [Fact]
    public void Helm_3_7_is_refused_when_an_oci_chart_is_to_be_installed_and_accepted_otherwise()
    {
        RenderKarpenter();

        var (exitCode, log, stderr) = Run("karpenter", ("STUB_HELM_VERSION", "v3.7.2"));
        var prod = Run("out", ("STUB_HELM_VERSION", "v3.7.2"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Helm v3.7.2 is not supported: install Helm 3.8 or later", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(log, l => l.StartsWith("helm upgrade", StringComparison.Ordinal) || l.StartsWith("kubectl apply", StringComparison.Ordinal));
        Assert.True(prod.ExitCode == 0, prod.Stderr);
    }

    /// <summary>The Karpenter example's files, with the outputs of a deployed stack, into the folder "karpenter".</summary>
    private void RenderKarpenter()
    {
        var settings = TestSettings.Env("karpenter");
        ChartValuesRenderer.Render(settings, new Dictionary<string, string>
        {
            [StackOutputKeys.ClusterName] = settings.Cluster.Name,
            [StackOutputKeys.VpcId] = "vpc-0123456789abcdef0",
            [StackOutputKeys.EbsKeyArn] = "arn:aws:kms:us-east-1:123456789012:key/new",
            [StackOutputKeys.ClusterEndpoint] = "https://ABC.gr7.us-east-1.eks.amazonaws.com",
            [StackOutputKeys.ClusterSecurityGroupId] = "sg-0123456789abcdef0",
            [StackOutputKeys.KarpenterInterruptionQueueName] = "queue",
            [StackOutputKeys.KarpenterNodeRoleName] = "node-role",
        }).WriteTo(Path.Combine(_shell.Root, "karpenter"));
    }

    private (int ExitCode, List<string> Log, string Stderr) Run(params (string Name, string Value)[] environment) => Run("out", environment);

    private (int ExitCode, List<string> Log, string Stderr) Run(string folder, params (string Name, string Value)[] environment) =>
        _shell.Bash(_shell.Root, [Path.Combine(_shell.Root, folder, ChartValuesRenderer.InstallScriptName)], environment);
}
