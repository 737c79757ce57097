namespace EksPlatform.Preflight.Diagram;

/// <summary>A subnet; <paramref name="EgressNat"/> is the logical id of the NAT gateway its routes use, if any
/// (<paramref name="EgressNatKey"/> its diagram key).</summary>
internal sealed record DiagramSubnet(string Key, string LogicalId, bool IsPublic, string? Cidr, string? EgressNat, string? EgressNatKey);
