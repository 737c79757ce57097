namespace EksPlatform.Preflight;

/// <summary>
/// Usage the template cannot tell: traffic and log volumes, per stack. Every estimate prints the
/// assumptions it used, so a reader can redo the arithmetic with their own numbers.
/// </summary>
/// <param name="HoursPerMonth">Billing hours in a month (AWS uses 730 in its calculators).</param>
/// <param name="NatProcessedGbPerMonth">Internet-bound GB per month through the NAT gateways (all of them together), not counting AWS API traffic.</param>
/// <param name="AwsApiGbPerMonth">GB per month to AWS service APIs (ECR, STS, CloudWatch Logs, EC2...). Interface
/// endpoints carry it when present, NAT otherwise. S3 layer downloads are excluded: the S3 gateway endpoint is free.</param>
/// <param name="InterfaceEndpointShare">Share (0-1) of <paramref name="AwsApiGbPerMonth"/> aimed at services that have an
/// interface endpoint in the template; the rest goes through NAT.</param>
/// <param name="ControlPlaneLogGbPerMonth">EKS control-plane log GB ingested per month per cluster with logging on.</param>
/// <param name="FlowLogGbPerMonth">VPC flow-log GB ingested per month per flow log delivered to CloudWatch Logs.</param>
/// <param name="LogStorageGbRetained">GB held in CloudWatch Logs at steady state (ingestion times retention, after compression).</param>
/// <param name="ContainerLogGbPerMonth">Container Insights log GB ingested per month per cluster that ships container logs
/// (application, data-plane and host logs from Fluent Bit).</param>
/// <param name="DeploysPerMonth">Stack deploys per month: a CodeBuild project started by the stack's deploys (the
/// platform's controller installer) runs once after each.</param>
/// <param name="InstallerMinutesPerRun">Build minutes of one such run.</param>
public sealed record CostAssumptions(
    decimal HoursPerMonth = 730m,
    decimal NatProcessedGbPerMonth = 100m,
    decimal AwsApiGbPerMonth = 50m,
    decimal InterfaceEndpointShare = 1m,
    decimal ControlPlaneLogGbPerMonth = 5m,
    decimal FlowLogGbPerMonth = 10m,
    decimal LogStorageGbRetained = 30m,
    decimal ContainerLogGbPerMonth = 20m,
    decimal DeploysPerMonth = 4m,
    decimal InstallerMinutesPerRun = 10m)
{
    /// <summary>Throws when a value cannot be a usage figure (negative, or a share outside 0-1).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(HoursPerMonth);
        ArgumentOutOfRangeException.ThrowIfNegative(NatProcessedGbPerMonth);
        ArgumentOutOfRangeException.ThrowIfNegative(AwsApiGbPerMonth);
        ArgumentOutOfRangeException.ThrowIfNegative(InterfaceEndpointShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(InterfaceEndpointShare, 1m);
        ArgumentOutOfRangeException.ThrowIfNegative(ControlPlaneLogGbPerMonth);
        ArgumentOutOfRangeException.ThrowIfNegative(FlowLogGbPerMonth);
        ArgumentOutOfRangeException.ThrowIfNegative(LogStorageGbRetained);
        ArgumentOutOfRangeException.ThrowIfNegative(ContainerLogGbPerMonth);
        ArgumentOutOfRangeException.ThrowIfNegative(DeploysPerMonth);
        ArgumentOutOfRangeException.ThrowIfNegative(InstallerMinutesPerRun);
    }
}
