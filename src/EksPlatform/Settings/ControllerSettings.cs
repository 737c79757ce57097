namespace EksPlatform.Settings;

/// <summary>Which in-cluster controllers get an IRSA role (and Helm values from the <c>addons</c> command).</summary>
public sealed record ControllerSettings
{
    /// <summary>cluster-autoscaler: may scale only this cluster's tagged Auto Scaling groups.</summary>
    public required bool ClusterAutoscaler { get; init; }

    /// <summary>AWS Load Balancer Controller: the official policy of the pinned release, hardened to this VPC.</summary>
    public required bool AwsLoadBalancerController { get; init; }

    /// <summary>External Secrets Operator: read-only, under one name prefix.</summary>
    public required ExternalSecretsSettings ExternalSecrets { get; init; }

    /// <summary>The EBS CSI driver managed add-on.</summary>
    public required EbsCsiDriverSettings EbsCsiDriver { get; init; }
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
