namespace EksPlatform.Preflight.Diagram;

/// <summary>An availability zone column: its subnets (public first) and NAT gateways.</summary>
internal sealed record DiagramZone(string Name, IReadOnlyList<DiagramSubnet> Subnets, IReadOnlyList<DiagramNat> NatGateways);
