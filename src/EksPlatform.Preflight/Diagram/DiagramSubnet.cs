namespace EksPlatform.Preflight.Diagram;

/// <summary>A subnet; <paramref name="EgressNatKey"/> is the NAT gateway its default route uses, if any.</summary>
internal sealed record DiagramSubnet(string Key, string LogicalId, bool IsPublic, string? Cidr, string? EgressNatKey);
