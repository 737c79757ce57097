using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Cost;

/// <summary>
/// The monthly estimate: one line per billed item found in the templates, priced from
/// Data/prices.json for the stack's region, with the usage assumptions for what a template cannot say.
/// </summary>
internal static partial class CostCalculator
{
    private const int FreeDashboards = 3;
    private const string ObservabilityAddon = "amazon-cloudwatch-observability";
    private const string ContainerInsightsLogPrefix = "/aws/containerinsights/";
    private const string ApplicationLogSuffix = "/application";
    private const string DefaultInstanceType = "t3.medium"; // EKS's default when neither node group nor launch template names one.

    public static CostEstimate Estimate(IReadOnlyList<TemplateModel> templates, CostAssumptions assumptions, PriceTable table)
    {
        var lines = new List<CostLine>();
        foreach (var template in templates)
        {
            var region = template.ConcreteRegion ?? template.Stack.Region;
            var builder = new CostLineBuilder(template.StackName, table.ForRegion(region), region);
            ControlPlane(template, assumptions, builder);
            Network(template, assumptions, builder);
            Nodes(template, assumptions, table, builder);
            Observability(template, assumptions, builder);
            InterruptionQueueCost.Add(template, assumptions, builder);
            Builds(template, assumptions, builder);
            lines.AddRange(builder.Lines);
        }
        List<string> notes =
        [
            "Prices are list prices without tax, discounts, Savings Plans or free tier (except the stated dashboard allowance).",
            "Not included: data transfer out to the internet and across AZs, KMS requests and rotated-key charges, " +
            "CloudWatch metrics and Container Insights observations, load balancers created by controllers, snapshots.",
            "EKS EXTENDED support is priced at the extended rate, which applies once the Kubernetes version leaves standard support; " +
            "until then the standard rate applies.",
            "Traffic and log assumptions apply per stack.",
        ];
        var sources = $"Data/prices.json (currency {table.Currency}; " +
            $"spot factor {table.SpotPriceFactor.Usd.ToString(CultureInfo.InvariantCulture)}: {table.SpotPriceFactor.Source})";
        return new CostEstimate(table.Currency, lines, assumptions, sources, notes);
    }

    private static void ControlPlane(TemplateModel template, CostAssumptions a, CostLineBuilder lines)
    {
        foreach (var cluster in template.OfType("AWS::EKS::Cluster"))
        {
            var supportType = Intrinsics.AsString((cluster["UpgradePolicy"] as JsonObject)?["SupportType"]);
            var extended = supportType != "STANDARD";
            var note = supportType is null
                ? "UpgradePolicy.SupportType absent: CloudFormation's default is EXTENDED."
                : $"UpgradePolicy.SupportType {supportType}.";
            lines.Category = CostCategory.ControlPlane;
            lines.Add($"EKS control plane ({(extended ? "extended" : "standard")} support)", a.HoursPerMonth, "cluster-hour",
                extended ? "eksExtendedClusterHour" : "eksStandardClusterHour", [cluster.LogicalId], note);
            if (Compliance.AutoModeClusters.IsAutoMode(cluster))
            {
                // docs/auto-mode.md §8: a management fee per Auto Mode instance on top of EC2; no cited price, so not in Data/prices.json.
                lines.NotPriced($"EKS Auto Mode management fee and EC2 of its nodes (cluster {cluster.LogicalId})", 0m, "instance-hour",
                    [cluster.LogicalId], "EKS Auto Mode charges a management fee per managed instance on top of EC2 (docs/auto-mode.md §8); " +
                    "its amount and unit are UNVERIFIED and not in Data/prices.json, and the nodes Auto Mode launches depend on the workloads.");
            }
        }
    }

    private static void Network(TemplateModel template, CostAssumptions a, CostLineBuilder lines)
    {
        var nats = template.OfType("AWS::EC2::NatGateway").Select(r => r.LogicalId).ToList();
        var interfaces = template.Network.Endpoints.Where(e => !e.IsGateway).ToList();
        var gateways = template.Network.Endpoints.Where(e => e.IsGateway).ToList();
        var share = interfaces.Count > 0 ? a.InterfaceEndpointShare : 0m;

        if (nats.Count > 0)
        {
            lines.Category = CostCategory.Network;
            lines.Add("NAT gateways", nats.Count * a.HoursPerMonth, "NAT gateway-hour", "natGatewayHour", nats,
                $"{nats.Count} NAT gateway(s) × {Number(a.HoursPerMonth)} h.");
            var natGb = a.NatProcessedGbPerMonth + (a.AwsApiGbPerMonth * (1m - share));
            lines.Add("NAT gateway data processed", natGb, "GB", "natGatewayGb", nats,
                $"NatProcessedGbPerMonth {Number(a.NatProcessedGbPerMonth)} + " +
                $"AWS API traffic not covered by interface endpoints {Number(a.AwsApiGbPerMonth * (1m - share))}.");
        }

        var ips = template.OfType("AWS::EC2::EIP").Select(r => r.LogicalId).ToList();
        if (ips.Count > 0)
        {
            lines.Category = CostCategory.Network;
            lines.Add("Public IPv4 addresses (Elastic IPs)", ips.Count * a.HoursPerMonth, "IPv4 address-hour", "publicIpv4Hour", ips,
                $"{ips.Count} address(es) × {Number(a.HoursPerMonth)} h.");
        }

        var known = interfaces.Where(e => e.SubnetCount is not null).ToList();
        var unknown = interfaces.Where(e => e.SubnetCount is null).ToList();
        if (known.Count > 0)
        {
            var azPairs = known.Sum(e => e.SubnetCount!.Value);
            lines.Category = CostCategory.Endpoints;
            lines.Add("Interface VPC endpoints", azPairs * a.HoursPerMonth, "endpoint-AZ-hour", "interfaceEndpointAzHour",
                known.Select(e => e.Resource.LogicalId),
                $"{known.Count} endpoint(s) in {azPairs} endpoint-AZ pair(s) (one per subnet in SubnetIds) × {Number(a.HoursPerMonth)} h: " +
                $"{string.Join(", ", known.Select(e => e.Service))}.");
        }
        foreach (var endpoint in unknown)
        {
            lines.Category = CostCategory.Endpoints;
            lines.NotPriced($"Interface VPC endpoint {endpoint.Service}", 0m, "endpoint-AZ-hour", [endpoint.Resource.LogicalId],
                "SubnetIds is not a literal list, so the number of AZs is unknown.");
        }
        if (interfaces.Count > 0)
        {
            lines.Category = CostCategory.Endpoints;
            lines.Add("Interface VPC endpoint data processed", a.AwsApiGbPerMonth * share, "GB", "interfaceEndpointGb",
                interfaces.Select(e => e.Resource.LogicalId),
                $"AwsApiGbPerMonth {Number(a.AwsApiGbPerMonth)} × InterfaceEndpointShare {Number(a.InterfaceEndpointShare)}.");
        }
        if (gateways.Count > 0)
        {
            lines.Category = CostCategory.Endpoints;
            lines.Add("Gateway VPC endpoints", gateways.Count, "endpoint",
                new Price(0m, "endpoint", "Gateway endpoints (S3, DynamoDB) have no charge (docs/prices.md §2)", "2026-11-26", true),
                gateways.Select(e => e.Resource.LogicalId), $"{string.Join(", ", gateways.Select(e => e.Service))}.", "");
        }
    }

    private static void Nodes(TemplateModel template, CostAssumptions a, PriceTable table, CostLineBuilder lines)
    {
        lines.Category = CostCategory.Compute;
        foreach (var nodeGroup in template.OfType("AWS::EKS::Nodegroup"))
        {
            var scaling = nodeGroup["ScalingConfig"] as JsonObject ?? [];
            var desired = Intrinsics.AsDecimal(scaling["DesiredSize"]) ?? Intrinsics.AsDecimal(scaling["MinSize"]) ?? 1m;
            var launchTemplateSpec = nodeGroup["LaunchTemplate"] as JsonObject;
            var launchTemplate = launchTemplateSpec is null ? null
                : template.Referenced(launchTemplateSpec["Id"]) ?? template.Referenced(launchTemplateSpec["Name"]);
            var data = launchTemplate?["LaunchTemplateData"] as JsonObject;

            var types = Intrinsics.Items(nodeGroup["InstanceTypes"]).Select(Intrinsics.AsString).OfType<string>().ToList();
            var instanceType = types.FirstOrDefault() ?? Intrinsics.AsString(data?["InstanceType"]) ?? DefaultInstanceType;
            var typeNote = types.Count > 1 ? $" Priced as the first of {string.Join(", ", types)}."
                : types.Count == 0 && data?["InstanceType"] is null ? " No instance type set: EKS default t3.medium."
                : "";
            var spot = Intrinsics.AsString(nodeGroup["CapacityType"]) == "SPOT";
            var resources = launchTemplate is null ? new[] { nodeGroup.LogicalId } : [nodeGroup.LogicalId, launchTemplate.LogicalId];
            var note = $"{Number(desired)} node(s) at desired size × {Number(a.HoursPerMonth)} h.{typeNote}";
            var onDemand = lines.Prices?.Ec2(instanceType);
            var missing = lines.Prices is null ? "region has no prices in Data/prices.json" : $"instance type {instanceType} is not in Data/prices.json";
            if (spot && onDemand is not null)
            {
                var factor = table.SpotPriceFactor;
                var spotPrice = onDemand with
                {
                    Usd = onDemand.Usd * factor.Usd,
                    Verified = false,
                    Source = $"{onDemand.Source} × spot factor {Number(factor.Usd)} ({factor.Source})",
                };
                lines.Add($"EC2 {instanceType} spot (node group {nodeGroup.LogicalId})", desired * a.HoursPerMonth, "instance-hour", spotPrice,
                    resources, note, missing);
            }
            else
            {
                lines.Add($"EC2 {instanceType} {(spot ? "spot" : "on-demand")} (node group {nodeGroup.LogicalId})", desired * a.HoursPerMonth,
                    "instance-hour", onDemand, resources, note, missing);
            }
            Volumes(nodeGroup, launchTemplate, data, desired, lines);
        }
    }

    private static void Volumes(TemplateResource nodeGroup, TemplateResource? launchTemplate, JsonObject? data, decimal desired, CostLineBuilder lines)
    {
        var volumes = Intrinsics.Items(data?["BlockDeviceMappings"]).OfType<JsonObject>()
            .Select(m => (Device: Intrinsics.AsString(m["DeviceName"]) ?? "?", Ebs: m["Ebs"] as JsonObject))
            .Where(v => v.Ebs is not null)
            .ToList();
        if (launchTemplate is null || volumes.Count == 0)
        {
            lines.NotPriced($"EBS volumes (node group {nodeGroup.LogicalId})", 0m, "GB-month", [nodeGroup.LogicalId],
                "No launch template block device mappings: the volume size comes from the AMI or EKS defaults.");
            return;
        }
        var resources = new[] { nodeGroup.LogicalId, launchTemplate.LogicalId };
        foreach (var (device, ebs) in volumes)
        {
            var type = Intrinsics.AsString(ebs!["VolumeType"]) ?? "unset";
            var size = Intrinsics.AsDecimal(ebs["VolumeSize"]);
            var item = $"EBS {type} {device} (node group {nodeGroup.LogicalId})";
            if (type != "gp3" || size is null)
            {
                lines.NotPriced(item, 0m, "GB-month", resources,
                    size is null ? "VolumeSize not set: the size comes from the AMI snapshot." : $"Only gp3 volumes are in Data/prices.json (got {type}).");
                continue;
            }
            lines.Add(item, size.Value * desired, "GB-month", "gp3GbMonth", resources, $"{Number(size.Value)} GiB × {Number(desired)} node(s).");
            if (Intrinsics.AsDecimal(ebs["Iops"]) is > 3000m and var iops)
            {
                lines.Add($"EBS gp3 IOPS above 3000 {device} (node group {nodeGroup.LogicalId})", (iops - 3000m) * desired, "IOPS-month",
                    "gp3IopsMonth", resources,
                    $"({Number(iops)} - 3000 included) × {Number(desired)} node(s).");
            }
            if (Intrinsics.AsDecimal(ebs["Throughput"]) is > 125m and var throughput)
            {
                lines.Add($"EBS gp3 throughput above 125 MB/s {device} (node group {nodeGroup.LogicalId})", (throughput - 125m) * desired,
                    "MB/s-month", "gp3ThroughputMbpsMonth", resources,
                    $"({Number(throughput)} - 125 included) × {Number(desired)} node(s).");
            }
        }
    }

    private static void Observability(TemplateModel template, CostAssumptions a, CostLineBuilder lines)
    {
        var keys = template.OfType("AWS::KMS::Key").Select(r => r.LogicalId).ToList();
        if (keys.Count > 0)
        {
            lines.Category = CostCategory.Keys;
            lines.Add("KMS customer managed keys", keys.Count, "key-month", "kmsKeyMonth", keys,
                $"{keys.Count} key(s). Rotation adds charges per rotated backing key (not included).");
        }

        var loggingClusters = template.OfType("AWS::EKS::Cluster")
            .Where(c => Intrinsics.Items(((c["Logging"] as JsonObject)?["ClusterLogging"] as JsonObject)?["EnabledTypes"]).Any())
            .Select(c => c.LogicalId).ToList();
        if (loggingClusters.Count > 0)
        {
            lines.Category = CostCategory.Observability;
            lines.Add("CloudWatch Logs ingestion: EKS control plane", loggingClusters.Count * a.ControlPlaneLogGbPerMonth, "GB", "logsIngestionGb",
                loggingClusters,
                $"{loggingClusters.Count} cluster(s) × ControlPlaneLogGbPerMonth {Number(a.ControlPlaneLogGbPerMonth)}.");
        }
        var flowLogs = template.OfType("AWS::EC2::FlowLog")
            .Where(f => Intrinsics.AsString(f["LogDestinationType"]) is null or "cloud-watch-logs")
            .Select(f => f.LogicalId).ToList();
        if (flowLogs.Count > 0)
        {
            lines.Category = CostCategory.Observability;
            lines.Add("CloudWatch Logs ingestion: VPC flow logs", flowLogs.Count * a.FlowLogGbPerMonth, "GB", "logsIngestionGb", flowLogs,
                $"{flowLogs.Count} flow log(s) × FlowLogGbPerMonth {Number(a.FlowLogGbPerMonth)}.");
        }
        var containerLogs = ContainerLogSources(template);
        if (containerLogs.Count > 0)
        {
            lines.Category = CostCategory.Observability;
            lines.Add("CloudWatch Logs ingestion: Container Insights logs", containerLogs.Count * a.ContainerLogGbPerMonth, "GB", "logsIngestionGb",
                containerLogs.Values.SelectMany(ids => ids),
                $"{containerLogs.Count} cluster(s) shipping container logs (application, data-plane and host logs from Fluent Bit) × " +
                $"ContainerLogGbPerMonth {Number(a.ContainerLogGbPerMonth)}.");
        }
        var logGroups = template.OfType("AWS::Logs::LogGroup").Select(r => r.LogicalId).ToList();
        if (logGroups.Count > 0 || loggingClusters.Count > 0 || flowLogs.Count > 0)
        {
            lines.Category = CostCategory.Observability;
            lines.Add("CloudWatch Logs storage", a.LogStorageGbRetained, "GB-month", "logsStorageGbMonth", logGroups,
                $"LogStorageGbRetained {Number(a.LogStorageGbRetained)}.");
        }

        var dashboards = template.OfType("AWS::CloudWatch::Dashboard").Select(r => r.LogicalId).ToList();
        if (dashboards.Count > 0)
        {
            var billable = Math.Max(0, dashboards.Count - FreeDashboards);
            lines.Category = CostCategory.Observability;
            lines.Add("CloudWatch dashboards", billable, "dashboard-month", "dashboardMonth", dashboards,
                $"{dashboards.Count} dashboard(s); the first {FreeDashboards} per account are free (assumes no other dashboards in the account).");
        }
        var alarms = template.OfType("AWS::CloudWatch::Alarm").Select(r => r.LogicalId).ToList();
        if (alarms.Count > 0)
        {
            lines.Category = CostCategory.Observability;
            lines.Add("CloudWatch alarms (standard resolution)", alarms.Count, "alarm-month", "alarmStandardMonth", alarms,
                $"{alarms.Count} metric alarm(s); the free tier (10 per account) is not deducted.");
        }
    }

    /// <summary>
    /// The clusters whose container logs go to CloudWatch Logs, by cluster name, with the resources that say so:
    /// the Container Insights application log group <c>/aws/containerinsights/&lt;cluster&gt;/application</c>, or an
    /// <c>amazon-cloudwatch-observability</c> add-on that leaves container logs on (the add-on's default).
    /// </summary>
    private static Dictionary<string, List<string>> ContainerLogSources(TemplateModel template)
    {
        var sources = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string cluster, string logicalId)
        {
            if (!sources.TryGetValue(cluster, out var ids))
            {
                sources[cluster] = ids = [];
            }
            ids.Add(logicalId);
        }

        foreach (var group in template.OfType("AWS::Logs::LogGroup"))
        {
            var name = template.Resolve(group["LogGroupName"]) ?? "";
            if (name.StartsWith(ContainerInsightsLogPrefix, StringComparison.Ordinal) && name.EndsWith(ApplicationLogSuffix, StringComparison.Ordinal)
                && name[ContainerInsightsLogPrefix.Length..^ApplicationLogSuffix.Length] is { Length: > 0 } cluster
                && !cluster.Contains('/', StringComparison.Ordinal))
            {
                Add(cluster, group.LogicalId);
            }
        }
        foreach (var addon in template.OfType("AWS::EKS::Addon"))
        {
            if (Intrinsics.AsString(addon["AddonName"]) == ObservabilityAddon && ContainerLogsOn(addon["ConfigurationValues"]))
            {
                // The cluster's Name when the add-on refers to a cluster of this template, so it matches the log group's name.
                var cluster = template.Referenced(addon["ClusterName"]);
                Add(template.Resolve(cluster?["Name"] ?? addon["ClusterName"]) ?? addon.LogicalId, addon.LogicalId);
            }
        }
        return sources;
    }

    /// <summary>False only when the add-on's JSON configuration sets <c>containerLogs.enabled</c> to false.</summary>
    private static bool ContainerLogsOn(JsonNode? configurationValues)
    {
        if (Intrinsics.AsString(configurationValues) is not { } text)
        {
            return true; // No configuration (or one known only at deploy time): the add-on's default ships container logs.
        }
        try
        {
            return !Intrinsics.IsFalse(((JsonNode.Parse(text) as JsonObject)?["containerLogs"] as JsonObject)?["enabled"]);
        }
        catch (JsonException)
        {
            return true; // YAML configuration is not read here; count the logs rather than leave them out.
        }
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
