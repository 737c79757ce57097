using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>
/// Which in-cluster controllers get an IRSA role (and Helm values from the <c>controllers</c> command), and the options of
/// those that have any. The switches are read the same way for every controller, so a new controller needs no code
/// here: only its block under <c>controllers</c> in the settings schema.
/// </summary>
public sealed record ControllerSettings
{
    /// <summary><c>controllers.&lt;key&gt;.enabled</c> of every controller block the settings hold, by key.</summary>
    public ImmutableSortedDictionary<string, bool> Switches { get; init; } = ImmutableSortedDictionary<string, bool>.Empty;

    /// <summary>External Secrets Operator: read-only, under one name prefix.</summary>
    public required ExternalSecretsSettings ExternalSecrets { get; init; }

    /// <summary>The EBS CSI driver managed add-on.</summary>
    public EbsCsiDriverSettings EbsCsiDriver { get; init; } = new();

    /// <summary>Whether the controller whose settings block is <paramref name="key"/> is on: every controller is, unless its
    /// block says <c>enabled: false</c>.</summary>
    public bool IsOn(string key) => !Switches.TryGetValue(key, out var on) || on;
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
