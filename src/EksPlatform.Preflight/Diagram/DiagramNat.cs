namespace EksPlatform.Preflight.Diagram;

/// <summary>A NAT gateway, placed in the zone of its subnet.</summary>
internal sealed record DiagramNat(string Key, string LogicalId);
