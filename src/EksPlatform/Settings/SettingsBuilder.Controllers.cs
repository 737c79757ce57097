using System.Collections.Immutable;
using System.Text.Json.Nodes;
using EksPlatform.Controllers;

namespace EksPlatform.Settings;

/// <summary>The controller rules: which controllers get a role, and what external-secrets may read.</summary>
internal sealed partial class SettingsBuilder
{
    private const string NamePrefixPath = "controllers.externalSecrets.namePrefix";

    private ControllerSettings Controllers(bool autoMode)
    {
        // One switch per controller block, read alike for all (a new controller needs only its schema entry).
        var switches = (Node("controllers") as JsonObject ?? [])
            .Where(block => Bool($"controllers.{block.Key}.enabled") is not null)
            .ToImmutableSortedDictionary(block => block.Key, block => Bool($"controllers.{block.Key}.enabled")!.Value, StringComparer.Ordinal);
        var given = Str(NamePrefixPath);
        var settings = new ControllerSettings
        {
            Switches = switches,
            AutoMode = autoMode,
            ExternalSecrets = new ExternalSecretsSettings { NamePrefix = given ?? $"{Str("cluster.name") ?? ""}/" },
            // As written, so the rule against a version for a disabled add-on sees it (such settings are refused anyway).
            EbsCsiDriver = new EbsCsiDriverSettings { AddonVersion = Str("controllers.ebsCsiDriver.addonVersion") },
        };
        if (ControllerCatalog.ClusterAutoscaler.IsEnabled(settings))
        {
            CheckClusterAutoscalerImage();
        }

        // The controllers' own rules (shared with ControllerRoles), except where the schema already refused the field. A
        // default prefix comes from the cluster name, whose form is reported at cluster.name; it is judged below instead.
        foreach (var (field, message) in settings.Problems())
        {
            var path = $"controllers.{field}";
            if (!invalid.Contains(path) && !(path == NamePrefixPath && given is null))
            {
                Error(path, message);
            }
        }

        CheckDefaultNamePrefix(settings, given);
        return settings;
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
    /// The default external-secrets name prefix, the cluster name and '/'. The schema checks a given prefix's characters
    /// (those both Secrets Manager and SSM allow) and the trailing slash that keeps <c>prod/</c> from also matching
    /// <c>production/</c>, and <see cref="ControllerSettings.Problems"/> the names SSM reserves (<c>aws</c>, <c>ssm</c>),
    /// which no parameter under such a prefix could have; a default prefix is told how to avoid them in its own words.
    /// </summary>
    private void CheckDefaultNamePrefix(ControllerSettings settings, string? given)
    {
        var prefix = settings.ExternalSecrets.NamePrefix;
        if (given is null && settings.IsOn(ControllerCatalog.ExternalSecrets.SettingsKey) && !invalid.Contains(NamePrefixPath)
            && ControllerSettings.IsReservedPrefix(prefix))
        {
            Error(NamePrefixPath, $"the default prefix '{prefix}' (the cluster name) starts with 'aws' or 'ssm', which SSM Parameter Store reserves; " +
                $"set a prefix such as 'platform/{prefix}'");
        }
    }
}
