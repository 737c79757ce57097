namespace EksPlatform.Settings;

/// <summary>
/// Usage a template cannot tell, for the preflight cost estimate. Every report prints them beside the
/// estimate, so a reader can redo the arithmetic with their own numbers.
/// </summary>
public sealed record CostSettings
{
    /// <summary>Internet-bound GB per month through the NAT gateways, AWS API traffic excluded.</summary>
    public required decimal NatProcessedGbPerMonth { get; init; }

    /// <summary>GB per month to AWS APIs (ECR, STS, Logs …): through interface endpoints when present, NAT otherwise.</summary>
    public required decimal AwsApiGbPerMonth { get; init; }

    /// <summary>Control-plane log GB ingested per month.</summary>
    public required decimal ControlPlaneLogGbPerMonth { get; init; }

    /// <summary>Flow-log GB ingested per month.</summary>
    public required decimal FlowLogGbPerMonth { get; init; }

    /// <summary>Container Insights log GB (application, data-plane, host) ingested per month per cluster with container logs on.</summary>
    public required decimal ContainerLogGbPerMonth { get; init; }

    /// <summary>GB held in CloudWatch Logs at steady state.</summary>
    public required decimal LogStorageGbRetained { get; init; }

    /// <summary>Stack deploys per month; the in-VPC installer runs once after each.</summary>
    public decimal DeploysPerMonth { get; init; } = 4m;

    /// <summary>Build minutes of one installer run.</summary>
    public decimal InstallerMinutesPerRun { get; init; } = 10m;
}
