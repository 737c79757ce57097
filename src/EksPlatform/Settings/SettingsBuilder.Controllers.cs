using System.Collections.Immutable;
using System.Text.Json.Nodes;
using EksPlatform.Controllers;

namespace EksPlatform.Settings;

/// <summary>The controller rules: which controllers get a role, and what external-secrets may read.</summary>
internal sealed partial class SettingsBuilder
{
    private const string NamePrefixPath = "controllers.externalSecrets.namePrefix";

    private ControllerSettings Controllers()
    {
        // One switch per controller block, read alike for all (a new controller needs only its schema entry).
        var switches = (Node("controllers") as JsonObject ?? [])
            .Where(block => Bool($"controllers.{block.Key}.enabled") is not null)
            .ToImmutableSortedDictionary(block => block.Key, block => Bool($"controllers.{block.Key}.enabled")!.Value, StringComparer.Ordinal);
        var settings = new ControllerSettings { Switches = switches, ExternalSecrets = new ExternalSecretsSettings { NamePrefix = "" } };

        var ebs = settings.IsOn(ControllerCatalog.EbsCsiDriver.SettingsKey!);
        var ebsVersion = Str("controllers.ebsCsiDriver.addonVersion");
        if (!ebs && ebsVersion is not null)
        {
            Error("controllers.ebsCsiDriver.addonVersion", "given while controllers.ebsCsiDriver.enabled is false; enable the add-on or remove the version");
        }

        if (settings.IsOn(ControllerCatalog.ClusterAutoscaler.SettingsKey!))
        {
            CheckClusterAutoscalerImage();
        }

        return settings with
        {
            ExternalSecrets = new ExternalSecretsSettings { NamePrefix = NamePrefix(settings.IsOn(ControllerCatalog.ExternalSecrets.SettingsKey!)) },
            EbsCsiDriver = new EbsCsiDriverSettings { AddonVersion = ebs ? ebsVersion : null },
        };
    }

    /// <summary>
    /// The autoscaler's image minor must match the cluster's (<see cref="ClusterAutoscalerImages"/>), so a Kubernetes
    /// version without a known image is refused here rather than when <c>controllers</c> runs after the deploy. A version
    /// that is not in the EKS table, or past extended support, is already reported on <c>cluster.kubernetesVersion</c>.
    /// </summary>
    private void CheckClusterAutoscalerImage()
    {
        const string versionPath = "cluster.kubernetesVersion";
        var version = invalid.Contains(versionPath) ? null : Str(versionPath) ?? KubernetesVersions.DefaultVersion;
        if (version is null || !KubernetesVersions.All.TryGetValue(version, out var info) || info.Unsupported(today)
            || ClusterAutoscalerImages.Tags.ContainsKey(version))
        {
            return;
        }

        Error("controllers.clusterAutoscaler.enabled",
            $"no cluster-autoscaler image is known for Kubernetes {version} (its minor must match the cluster's); images are known for " +
            $"{string.Join(", ", ClusterAutoscalerImages.Tags.Keys.Where(KubernetesVersions.All.ContainsKey))}: choose one of those versions, " +
            "or set controllers.clusterAutoscaler.enabled: false");
    }

    /// <summary>
    /// The external-secrets name prefix. The schema checks its characters (those both Secrets Manager and SSM allow)
    /// and the trailing slash that keeps <c>prod/</c> from also matching <c>production/</c>; SSM reserves names that
    /// start with <c>aws</c> or <c>ssm</c>, so such a prefix could never match a parameter.
    /// </summary>
    private string NamePrefix(bool enabled)
    {
        var given = Str(NamePrefixPath);
        var prefix = given ?? $"{Str("cluster.name") ?? ""}/";
        if (enabled && !invalid.Contains(NamePrefixPath)
            && (prefix.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || prefix.StartsWith("ssm", StringComparison.OrdinalIgnoreCase)))
        {
            Error(NamePrefixPath, given is null
                ? $"the default prefix '{prefix}' (the cluster name) starts with 'aws' or 'ssm', which SSM Parameter Store reserves; set a prefix such as 'platform/{prefix}'"
                : $"'{prefix}' starts with 'aws' or 'ssm', which SSM Parameter Store reserves for its own parameters; choose another prefix");
        }

        return prefix;
    }
}
