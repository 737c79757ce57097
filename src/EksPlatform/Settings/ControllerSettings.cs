namespace EksPlatform.Settings;

/// <summary>Which in-cluster controllers get an IRSA role (and Helm values from the <c>addons</c> command).</summary>
public sealed partial record ControllerSettings
{
    /// <summary>The settings schema's rule for <see cref="ExternalSecretsSettings.NamePrefix"/>; a test keeps the two in step.</summary>
    public const string NamePrefixPattern = "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*/$";

    /// <summary>The message when the external-secrets prefix starts with a name SSM Parameter Store reserves.</summary>
    internal static string ReservedPrefixMessage(string prefix) =>
        $"'{prefix}' starts with 'aws' or 'ssm', which SSM Parameter Store reserves for its own parameters; choose another prefix";

    /// <summary>Whether SSM Parameter Store reserves names starting with <paramref name="prefix"/>.</summary>
    internal static bool IsReservedPrefix(string prefix) =>
        prefix.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || prefix.StartsWith("ssm", StringComparison.OrdinalIgnoreCase);

    /// <summary>cluster-autoscaler: may scale only this cluster's tagged Auto Scaling groups.</summary>
    public required bool ClusterAutoscaler { get; init; }

    /// <summary>AWS Load Balancer Controller: the official policy of the pinned release, hardened to this VPC.</summary>
    public required bool AwsLoadBalancerController { get; init; }

    /// <summary>External Secrets Operator: read-only, under one name prefix.</summary>
    public required ExternalSecretsSettings ExternalSecrets { get; init; }

    /// <summary>The EBS CSI driver managed add-on.</summary>
    public required EbsCsiDriverSettings EbsCsiDriver { get; init; }

    /// <summary>
    /// The controllers' own invariants, shared by the settings loader (which reports them at <c>controllers.*</c>) and
    /// <see cref="Identity.ControllerRoles"/> (which throws on the first with the prop's name). The external-secrets prefix
    /// scopes what the operator may read (docs/iam-policies.md §4): it ends in '/', so <c>prod/</c> never also matches
    /// <c>production/</c>, and an empty one would admit every secret of the account.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        var prefix = ExternalSecrets.NamePrefix;
        if (ExternalSecrets.Enabled)
        {
            if (prefix.Length > 256 || !NamePrefix().IsMatch(prefix))
            {
                yield return ("externalSecrets.namePrefix", $"'{prefix}' is not a name prefix: expected letters, digits, '_', '.' and '-' in segments separated by '/', ending with '/' (at most 256 characters)");
            }
            else if (IsReservedPrefix(prefix))
            {
                yield return ("externalSecrets.namePrefix", ReservedPrefixMessage(prefix));
            }
        }

        if (EbsCsiDriver.AddonVersion is { } version)
        {
            if (!EbsCsiDriver.Enabled)
            {
                yield return ("ebsCsiDriver.addonVersion", "given while controllers.ebsCsiDriver.enabled is false; enable the add-on or remove the version");
            }
            else if (!EksAddonVersion.IsValid(version))
            {
                yield return ("ebsCsiDriver.addonVersion", $"'{version}' is not {EksAddonVersion.Rule}");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(NamePrefixPattern)]
    private static partial System.Text.RegularExpressions.Regex NamePrefix();
}

/// <summary>External Secrets Operator settings.</summary>
public sealed record ExternalSecretsSettings
{
    /// <summary>Whether the operator gets a role.</summary>
    public required bool Enabled { get; init; }

    /// <summary>
    /// The name prefix the operator may read, ending in <c>/</c>: Secrets Manager secrets named
    /// <c>&lt;prefix&gt;…</c> and SSM parameters named <c>/&lt;prefix&gt;…</c>. Default: <c>&lt;cluster name&gt;/</c>.
    /// </summary>
    public required string NamePrefix { get; init; }
}

/// <summary>EBS CSI driver add-on settings.</summary>
public sealed record EbsCsiDriverSettings
{
    /// <summary>Whether the add-on and its role exist.</summary>
    public required bool Enabled { get; init; }

    /// <summary>A pinned add-on version, or null for EKS's default for the Kubernetes version.</summary>
    public string? AddonVersion { get; init; }
}
