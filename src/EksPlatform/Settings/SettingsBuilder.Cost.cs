namespace EksPlatform.Settings;

/// <summary>The cost assumptions (structure and ranges are the schema's; defaults are here).</summary>
internal sealed partial class SettingsBuilder
{
    private CostSettings Cost() => new()
    {
        NatProcessedGbPerMonth = Decimal("cost.natProcessedGbPerMonth") ?? 100m,
        AwsApiGbPerMonth = Decimal("cost.awsApiGbPerMonth") ?? 50m,
        ControlPlaneLogGbPerMonth = Decimal("cost.controlPlaneLogGbPerMonth") ?? 5m,
        FlowLogGbPerMonth = Decimal("cost.flowLogGbPerMonth") ?? 10m,
        ContainerLogGbPerMonth = Decimal("cost.containerLogGbPerMonth") ?? 20m,
        LogStorageGbRetained = Decimal("cost.logStorageGbRetained") ?? 30m,
        DeploysPerMonth = Decimal("cost.deploysPerMonth") ?? 4m,
        InstallerMinutesPerRun = Decimal("cost.installerMinutesPerRun") ?? 10m,
    };

    private decimal? Decimal(string path) => Number(path) is { } number ? (decimal)number : null;
}
