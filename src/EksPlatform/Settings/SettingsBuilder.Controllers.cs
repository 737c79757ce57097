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
        var identities = (Node("controllers") as JsonObject ?? [])
            .Where(block => Identity($"controllers.{block.Key}.identity") is not null)
            .ToImmutableSortedDictionary(block => block.Key, block => Identity($"controllers.{block.Key}.identity")!.Value, StringComparer.Ordinal);
        var settings = new ControllerSettings
        {
            Switches = switches,
            AutoMode = autoMode,
            NodeAutoscaler = AutoscalingMode(),
            Identity = Identity("controllers.identity"),
            Identities = identities,
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
        CheckPodIdentityAddonVersions(settings);
        return settings;
    }

    /// <summary><c>autoscaling.mode</c>: cluster-autoscaler unless the file says karpenter.</summary>
    private NodeAutoscaler AutoscalingMode() => Str("autoscaling.mode") == "karpenter" ? NodeAutoscaler.Karpenter : NodeAutoscaler.ClusterAutoscaler;

    private ControllerIdentity? Identity(string path) => Str(path) switch
    {
        "irsa" => ControllerIdentity.Irsa,
        "podIdentity" => ControllerIdentity.PodIdentity,
        _ => null,
    };

    /// <summary>
    /// The VPC CNI add-on takes a Pod Identity association from v1.15.5-eksbuild.1 (docs/karpenter.md §9); its version is
    /// pinned under <c>cluster.addons</c>, so the rule joins two sections and is checked here.
    /// </summary>
    private void CheckPodIdentityAddonVersions(ControllerSettings settings)
    {
        const string path = "cluster.addons.vpc-cni";
        if (ControllerCatalog.VpcCni.IdentityIn(settings) == ControllerIdentity.PodIdentity && !invalid.Contains(path)
            && Str(path) is { } version && EksAddonVersion.IsValid(version)
            && ObservabilitySettings.VersionNumber(version) < VpcCni.PodIdentityVersion)
        {
            Error(path, $"{version} predates EKS Pod Identity support in vpc-cni (v{VpcCni.PodIdentityVersion} and later); " +
                "pin a later version or set controllers.vpcCni.identity: irsa");
        }
    }

    /// <summary>
    /// The IAM OIDC provider exists for IRSA: by default only while a controller uses IRSA. <c>cluster.oidcProvider: false</c>
    /// with such a controller would leave its role unusable.
    /// </summary>
    private void CheckOidcProvider(ClusterSettings? cluster, ControllerSettings controllers)
    {
        if (cluster?.OidcProvider == false && ControllerCatalog.Enabled(controllers).FirstOrDefault(c => c.IdentityIn(controllers) == ControllerIdentity.Irsa)
            is { } irsa)
        {
            Error("cluster.oidcProvider", $"is false, but {irsa.Name} uses IRSA, which needs the provider; " +
                $"set controllers.{irsa.IdentityKey ?? "identity"}{(irsa.IdentityKey is null ? "" : ".identity")}: podIdentity or remove cluster.oidcProvider");
        }
    }

    /// <summary>
    /// <c>autoscaling.karpenter</c>: the NodePool and EC2NodeClass. Capacity types default by tier: on-demand in production,
    /// spot first then on-demand in development. Given while the mode is cluster-autoscaler, it would do nothing: refused.
    /// </summary>
    private KarpenterSettings Karpenter(bool production)
    {
        const string karpenterPath = "autoscaling.karpenter";
        var karpenter = AutoscalingMode() == NodeAutoscaler.Karpenter;
        if (!karpenter && Node(karpenterPath) is not null)
        {
            Error(karpenterPath, "given while autoscaling.mode is clusterAutoscaler (the default); set autoscaling.mode: karpenter or remove it");
        }

        string P(string field) => $"{karpenterPath}.nodePool.{field}";
        string C(string field) => $"{karpenterPath}.nodeClass.{field}";
        ImmutableArray<string> List(string path, ImmutableArray<string> fallback) => Strings(path) is { IsDefault: false } given ? given : fallback;
        var defaults = new KarpenterNodePoolSettings();
        var budgets = Node(P("budgets")) is JsonArray array
            ? array.Select((_, i) => new DisruptionBudget(
                Str(P($"budgets[{i}].nodes")) ?? "10%", Str(P($"budgets[{i}].schedule")), Str(P($"budgets[{i}].duration")))
            {
                Reasons = List(P($"budgets[{i}].reasons"), []),
            }).ToImmutableArray()
            : defaults.Budgets;
        var settings = new KarpenterSettings
        {
            NodePool = new KarpenterNodePoolSettings
            {
                InstanceCategories = List(P("instanceCategories"), defaults.InstanceCategories),
                InstanceFamilies = List(P("instanceFamilies"), defaults.InstanceFamilies),
                Architectures = List(P("architectures"), defaults.Architectures),
                CapacityTypes = List(P("capacityTypes"), production ? ["on-demand"] : ["spot", "on-demand"]),
                CpuLimit = Int(P("cpuLimit")) ?? defaults.CpuLimit,
                MemoryLimitGiB = Int(P("memoryLimitGiB")),
                ConsolidationPolicy = Str(P("consolidationPolicy")) ?? defaults.ConsolidationPolicy,
                ConsolidateAfter = Str(P("consolidateAfter")) ?? defaults.ConsolidateAfter,
                ExpireAfter = Str(P("expireAfter")) ?? defaults.ExpireAfter,
                Budgets = budgets,
            },
            NodeClass = new KarpenterNodeClassSettings
            {
                BottlerocketVersion = Str(C("bottlerocketVersion")),
                OsVolumeGiB = Int(C("osVolumeGiB")) ?? 4,
                DataVolumeGiB = Int(C("dataVolumeGiB")) ?? 50,
                ControlContainer = Bool(C("controlContainer")) ?? true,
                ExtraSettings = Node(C("bottlerocketSettings")) is JsonObject extra
                    ? BottlerocketSettings(new JsonObject { ["bottlerocketSettings"] = extra.DeepClone() }, $"{karpenterPath}.nodeClass")
                    : ImmutableSortedDictionary<string, object>.Empty,
            },
        };
        if (!karpenter)
        {
            return settings;
        }

        // The record's own rules (shared with the Karpenter constructs), except where the schema already refused the field.
        foreach (var (field, message) in settings.Problems())
        {
            var path = $"{karpenterPath}.{field}";
            if (!invalid.Contains(path) && !field.Contains("bottlerocketSettings.", StringComparison.Ordinal))
            {
                Error(path, message);
            }
        }

        // Karpenter's compatibility matrix (docs/karpenter.md §2); a version EKS does not offer is reported at its field already.
        var version = invalid.Contains("cluster.kubernetesVersion") ? null : Str("cluster.kubernetesVersion") ?? KubernetesVersions.DefaultVersion;
        if (version is not null && KubernetesVersions.All.ContainsKey(version) && !KarpenterController.SupportedKubernetesVersions.Contains(version))
        {
            Error("autoscaling.mode", $"Karpenter {KarpenterController.Version} does not support Kubernetes {version} (it supports " +
                $"{string.Join(", ", KarpenterController.SupportedKubernetesVersions)}); choose one of those or autoscaling.mode: clusterAutoscaler");
        }

        // The platform's tags go on Karpenter's instances through the EC2NodeClass, which refuses some keys.
        foreach (var (key, _) in root["tags"] as JsonObject ?? [])
        {
            if (KarpenterController.RestrictedNodeClassTags.Contains(key) || key.StartsWith("kubernetes.io/cluster", StringComparison.Ordinal))
            {
                Error($"tags.{key}", "is a tag Karpenter sets on its instances itself, and its EC2NodeClass refuses it; choose another key");
            }
        }

        if (production && settings.NodeClass.BottlerocketVersion is null)
        {
            issues.Add(new SettingsIssue(C("bottlerocketVersion"),
                "not pinned, so Karpenter follows bottlerocket@latest and replaces every node it launched when a release comes out " +
                "(Karpenter's documentation advises against latest in production); pin a release such as 1.57.0",
                IssueSeverity.Warning));
        }

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
