using EksPlatform.Controllers;
using EksPlatform.Settings;
using YamlDotNet.Serialization;

namespace EksPlatform.Installer;

/// <summary>
/// Renders, from the settings and the deployed stack's outputs, the Helm values of the in-cluster controllers for
/// their pinned charts, the encrypted default StorageClass, and an install script. It never starts the CDK's jsii
/// runtime (the controllers' values are plain C#), so it runs in milliseconds. Each controller's class gives its values
/// and service account, the same class its role is built from. Chart values: docs/iam-policies.md §2-§4, docs/karpenter.md §8.
/// </summary>
public static class ChartValuesRenderer
{
    /// <summary>File name of the install script.</summary>
    public const string InstallScriptName = "install.sh";

    /// <summary>File name of the StorageClass manifest (written when the EBS CSI driver is on).</summary>
    public const string StorageClassFileName = "ebs-storage-class.yaml";

    /// <summary>Name of the encrypted default StorageClass.</summary>
    public const string StorageClassName = "ebs-gp3-encrypted";

    /// <summary>What the placeholder for a missing output says: where the value comes from.</summary>
    public const string PlaceholderHint = "run cdk deploy --outputs-file outputs.json, then eks-platform controllers --outputs outputs.json";

    private static readonly ISerializer s_yaml = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .Build();

    /// <summary>Every file name the renderer can write, for any settings.</summary>
    public static IReadOnlyList<string> AllFileNames { get; } =
        [
            .. ControllerCatalog.All.Where(c => c.Chart is not null).Select(ValuesFileName), StorageClassFileName, .. AutoModeManifests.FileNames,
            InstallScriptName,
        ];

    /// <summary>The values file name of a chart-installed controller.</summary>
    public static string ValuesFileName(Controller controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        return $"{controller.Name}.values.yaml";
    }

    /// <summary>The file name of a controller's manifest.</summary>
    public static string ManifestFileName(Controller controller, KubernetesManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(manifest);
        return $"{controller.Name}.{manifest.Name}.yaml";
    }

    /// <summary>The placeholder written where an output value is not known.</summary>
    public static string Placeholder(string what) => $"<{what}: {PlaceholderHint}>";

    /// <summary>Renders the files for <paramref name="settings"/>; without <paramref name="outputs"/> every
    /// deploy-time value is a placeholder.</summary>
    /// <param name="settings">The validated settings.</param>
    /// <param name="outputs">The deployed stack's outputs by key (<see cref="StackOutputKeys"/>, each controller's
    /// <see cref="Controller.RoleOutputKey"/>), if known. The installer passes the stack's own values, as tokens that
    /// CloudFormation resolves in the build specification.</param>
    /// <param name="controllers">The controllers to consider; null: <see cref="ControllerCatalog.All"/>.</param>
    /// <exception cref="InvalidOperationException">The outputs belong to another cluster, or no autoscaler image
    /// is known for the Kubernetes version.</exception>
    public static ChartBundle Render(
        PlatformSettings settings, IReadOnlyDictionary<string, string>? outputs, IReadOnlyList<Controller>? controllers = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var clusterName = settings.Cluster.Name;
        if (Get(StackOutputKeys.ClusterName) is { } deployed && !Amazon.CDK.Token.IsUnresolved(deployed) && deployed != clusterName)
        {
            throw new InvalidOperationException($"the outputs are for cluster '{deployed}', but the settings name cluster '{clusterName}'");
        }

        string? Get(string key) => outputs is not null && outputs.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        var placeholders = new List<string>();
        string Output(string key, string what)
        {
            if (Get(key) is { } value)
            {
                return value;
            }

            placeholders.Add(key);
            return Placeholder(what);
        }

        var enabled = ControllerCatalog.Enabled(settings.Controllers, controllers);
        var files = new List<RenderedFile>();
        var autoMode = settings.Compute.IsAutoMode;
        var ebsKeyArn = enabled.Contains(ControllerCatalog.EbsCsiDriver) || autoMode ? Output(StackOutputKeys.EbsKeyArn, "EBS KEY ARN") : null;
        if (ebsKeyArn is not null)
        {
            files.Add(new RenderedFile(StorageClassFileName, Yaml(
                autoMode
                    ? $"Encrypted gp3 default StorageClass for the EKS Auto Mode block storage of {clusterName} (docs/auto-mode.md §6), " +
                        "volumes encrypted with the platform's EBS key."
                    : $"Encrypted gp3 default StorageClass for the EBS CSI driver add-on of {clusterName}, volumes encrypted with the platform's EBS key.",
                StorageClass(ebsKeyArn, autoMode ? AutoModeManifests.StorageProvisioner : "ebs.csi.aws.com"))));
        }

        // Platform manifests that belong to no chart: applied by install.sh before the charts.
        var platformManifests = new List<string>();
        if (autoMode)
        {
            files.Add(new RenderedFile(AutoModeManifests.NodeClassFileName, Yaml(
                $"EKS Auto Mode NodeClass of {clusterName}: node volumes encrypted with the platform's EBS key (docs/auto-mode.md §5).",
                AutoModeManifests.NodeClass(settings, Output, ebsKeyArn!))));
            files.Add(new RenderedFile(AutoModeManifests.NodePoolFileName, Yaml(
                $"EKS Auto Mode NodePool of {clusterName}: nodes from the NodeClass {AutoModeManifests.NodeClassName} (docs/auto-mode.md §5).",
                AutoModeManifests.NodePool(settings.Compute))));
            platformManifests.AddRange(AutoModeManifests.FileNames);
        }

        var manifests = new Dictionary<Controller, IReadOnlyList<KubernetesManifest>>();
        foreach (var controller in enabled.Where(c => c.Chart is not null))
        {
            // IRSA: the service account carries the role's ARN. EKS Pod Identity: the stack's association names the account.
            var irsa = controller.IdentityIn(settings.Controllers) == ControllerIdentity.Irsa;
            var roleArn = irsa ? Output(controller.RoleOutputKey, "ROLE ARN") : null;
            var values = controller.ChartValues(new ChartValuesContext(settings, roleArn, Output));
            var account = $"{controller.ServiceAccount.Namespace}/{controller.ServiceAccount.Name}";
            files.Add(new RenderedFile(ValuesFileName(controller), Yaml(
                $"Helm values for {controller.Chart!.Reference} {controller.Chart.Version}, {settings.StackName} " +
                $"(cluster {clusterName}, {settings.Region.Name}).\n" +
                (irsa
                    ? $"The IRSA role trusts only the service account {account}: keep its name and namespace."
                    : $"The stack's EKS Pod Identity association gives the role to the service account {account} only: keep its name and namespace."),
                values)));
            manifests[controller] = controller.Manifests(new ChartValuesContext(settings, roleArn, Output));
            foreach (var manifest in manifests[controller])
            {
                files.Add(new RenderedFile(ManifestFileName(controller, manifest), Yaml(manifest.Description, manifest.Document)));
            }
        }

        files.Add(new RenderedFile(InstallScriptName, InstallScript.Render(settings, enabled, ebsKeyArn, c => manifests[c], platformManifests),
            Executable: true));
        return new ChartBundle(files, placeholders.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The default StorageClass of the EBS CSI driver add-on, or of Auto Mode's block storage (docs/auto-mode.md §6; the same
    /// parameters): gp3, encrypted with the platform's EBS key (the driver's <c>type</c>,
    /// <c>encrypted</c> and <c>kmsKeyId</c> parameters), created when a pod first uses the claim so the volume lands
    /// in the pod's zone.
    /// </summary>
    private static Dictionary<string, object> StorageClass(string kmsKeyArn, string provisioner) => new()
    {
        ["apiVersion"] = "storage.k8s.io/v1",
        ["kind"] = "StorageClass",
        ["metadata"] = new Dictionary<string, object>
        {
            ["name"] = StorageClassName,
            ["annotations"] = new Dictionary<string, object> { ["storageclass.kubernetes.io/is-default-class"] = "true" },
        },
        ["provisioner"] = provisioner,
        ["volumeBindingMode"] = "WaitForFirstConsumer",
        ["allowVolumeExpansion"] = true,
        ["reclaimPolicy"] = "Delete",
        ["parameters"] = new Dictionary<string, object>
        {
            ["type"] = "gp3",
            ["encrypted"] = "true",
            ["kmsKeyId"] = kmsKeyArn,
        },
    };

    private static string Yaml(string header, object document) =>
        string.Concat(header.Split('\n').Select(line => $"# {line}\n")) + s_yaml.Serialize(document).ReplaceLineEndings("\n");
}
