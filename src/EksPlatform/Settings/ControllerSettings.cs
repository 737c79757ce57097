using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace EksPlatform.Settings;

/// <summary>
/// Which in-cluster controllers get an IRSA role (and Helm values from the <c>controllers</c> command), and the options of
/// those that have any. The switches are read the same way for every controller, so a new controller needs no code
/// here: only its block under <c>controllers</c> in the settings schema.
/// </summary>
public sealed partial record ControllerSettings
{
    /// <summary>The settings schema's rule for <see cref="ExternalSecretsSettings.NamePrefix"/>; a test keeps the two in step.</summary>
    public const string NamePrefixPattern = "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*/$";

    /// <summary>The settings block of the External Secrets Operator, whose options this record holds.</summary>
    public const string ExternalSecretsKey = "externalSecrets";

    /// <summary>The settings block of the EBS CSI driver, whose options this record holds.</summary>
    public const string EbsCsiDriverKey = "ebsCsiDriver";

    /// <summary>The settings block of cluster-autoscaler, which <see cref="NodeAutoscaler"/> turns off for Karpenter.</summary>
    public const string ClusterAutoscalerKey = "clusterAutoscaler";

    /// <summary>The settings block of the VPC CNI add-on's role, which has an identity but no switch (it is always on).</summary>
    public const string VpcCniKey = "vpcCni";

    /// <summary>The settings block of Karpenter's identity (Karpenter itself is on when <see cref="NodeAutoscaler"/> says so).</summary>
    public const string KarpenterKey = "karpenter";

    /// <summary>The first EBS CSI driver add-on version that supports EKS Pod Identity (docs/karpenter.md §9).</summary>
    public static readonly Version EbsCsiDriverPodIdentityVersion = new(1, 26, 0);

    /// <summary><c>controllers.&lt;key&gt;.enabled</c> of every controller block the settings hold, by key.</summary>
    public ImmutableSortedDictionary<string, bool> Switches { get; init; } = ImmutableSortedDictionary<string, bool>.Empty;

    /// <summary>External Secrets Operator: read-only, under one name prefix.</summary>
    public required ExternalSecretsSettings ExternalSecrets { get; init; }

    /// <summary>The EBS CSI driver managed add-on.</summary>
    public EbsCsiDriverSettings EbsCsiDriver { get; init; } = new();

    /// <summary>Whether EKS Auto Mode runs the compute: controllers it replaces are off (docs/auto-mode.md §4).</summary>
    public bool AutoMode { get; init; }

    /// <summary>What adds and removes nodes (settings <c>autoscaling.mode</c>): cluster-autoscaler, or Karpenter.</summary>
    public NodeAutoscaler NodeAutoscaler { get; init; } = NodeAutoscaler.ClusterAutoscaler;

    /// <summary>
    /// The platform default identity (settings <c>controllers.identity</c>); null when the file gives none, so each controller
    /// keeps its own default (IRSA, or Pod Identity for Karpenter).
    /// </summary>
    public ControllerIdentity? Identity { get; init; }

    /// <summary><c>controllers.&lt;key&gt;.identity</c> of every controller block that gives one, by key.</summary>
    public ImmutableSortedDictionary<string, ControllerIdentity> Identities { get; init; } =
        ImmutableSortedDictionary<string, ControllerIdentity>.Empty;

    /// <summary>
    /// The identity of the controller whose settings block is <paramref name="key"/>: its own <c>identity</c>, else the
    /// platform default <c>controllers.identity</c>, else <paramref name="controllerDefault"/> (docs/karpenter.md §9).
    /// </summary>
    public ControllerIdentity IdentityOf(string? key, ControllerIdentity controllerDefault) =>
        key is not null && Identities.TryGetValue(key, out var own) ? own : Identity ?? controllerDefault;

    /// <summary>Whether the controller whose settings block is <paramref name="key"/> is on: every controller is, unless its
    /// block says <c>enabled: false</c>.</summary>
    public bool IsOn(string key) => !Switches.TryGetValue(key, out var on) || on;

    /// <summary>
    /// The controllers' own invariants, shared by the settings loader (which reports them at <c>controllers.*</c>) and
    /// <see cref="Identity.ControllerRoles"/> (which throws on the first with the prop's name). The external-secrets prefix
    /// scopes what the operator may read (docs/iam-policies.md §4): it ends in '/', so <c>prod/</c> never also matches
    /// <c>production/</c>, and an empty one would admit every secret of the account.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        var prefix = ExternalSecrets.NamePrefix;
        if (IsOn(ExternalSecretsKey))
        {
            if (prefix.Length > 256 || !NamePrefix().IsMatch(prefix))
            {
                yield return ("externalSecrets.namePrefix", $"'{prefix}' is not a name prefix: expected letters, digits, '_', '.' and '-' " +
                    "in segments separated by '/', ending with '/' (at most 256 characters)");
            }
            else if (IsReservedPrefix(prefix))
            {
                yield return ("externalSecrets.namePrefix", ReservedPrefixMessage(prefix));
            }
        }

        if (EbsCsiDriver.AddonVersion is { } version)
        {
            if (!IsOn(EbsCsiDriverKey))
            {
                yield return ("ebsCsiDriver.addonVersion", "given while controllers.ebsCsiDriver.enabled is false; enable the add-on or remove the version");
            }
            else if (!EksAddonVersion.IsValid(version))
            {
                yield return ("ebsCsiDriver.addonVersion", $"'{version}' is not {EksAddonVersion.Rule}");
            }
            else if (IdentityOf(EbsCsiDriverKey, ControllerIdentity.Irsa) == ControllerIdentity.PodIdentity
                && ObservabilitySettings.VersionNumber(version) < EbsCsiDriverPodIdentityVersion)
            {
                yield return ("ebsCsiDriver.addonVersion", $"{version} predates EKS Pod Identity support in aws-ebs-csi-driver " +
                    $"(v{EbsCsiDriverPodIdentityVersion} and later); pin a later version or use identity: irsa");
            }
        }

        // Karpenter replaces cluster-autoscaler: both scaling the same cluster would fight over its nodes.
        if (NodeAutoscaler == NodeAutoscaler.Karpenter && Switches.TryGetValue(ClusterAutoscalerKey, out var autoscaler) && autoscaler)
        {
            yield return ("clusterAutoscaler.enabled", "autoscaling.mode is karpenter, which replaces cluster-autoscaler; " +
                "remove controllers.clusterAutoscaler or set autoscaling.mode: clusterAutoscaler");
        }
    }

    /// <summary>The message when the external-secrets prefix starts with a name SSM Parameter Store reserves.</summary>
    internal static string ReservedPrefixMessage(string prefix) =>
        $"'{prefix}' starts with 'aws' or 'ssm', which SSM Parameter Store reserves for its own parameters; choose another prefix";

    /// <summary>Whether SSM Parameter Store reserves names starting with <paramref name="prefix"/>.</summary>
    internal static bool IsReservedPrefix(string prefix) =>
        prefix.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || prefix.StartsWith("ssm", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(NamePrefixPattern)]
    private static partial Regex NamePrefix();
}

/// <summary>External Secrets Operator settings.</summary>
public sealed record ExternalSecretsSettings
{
    /// <summary>
    /// The name prefix the operator may read, ending in <c>/</c>: Secrets Manager secrets named
    /// <c>&lt;prefix&gt;…</c> and SSM parameters named <c>/&lt;prefix&gt;…</c>. Default: <c>&lt;cluster name&gt;/</c>.
    /// </summary>
    public required string NamePrefix { get; init; }
}

/// <summary>EBS CSI driver add-on settings.</summary>
public sealed record EbsCsiDriverSettings
{
    /// <summary>A pinned add-on version, or null for EKS's default for the Kubernetes version.</summary>
    public string? AddonVersion { get; init; }
}
