namespace EksPlatform.Preflight.Diagram;

/// <summary>A VPC with its zones and endpoints. <paramref name="Key"/> is unique over all stacks.</summary>
internal sealed record DiagramVpc(string Key, string LogicalId, string? Cidr, IReadOnlyList<DiagramZone> Zones, IReadOnlyList<DiagramEndpoint> Endpoints);
