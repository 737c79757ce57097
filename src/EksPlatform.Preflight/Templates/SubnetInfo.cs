namespace EksPlatform.Preflight.Templates;

/// <summary>A subnet with what the checks and the diagram need to know about it.</summary>
/// <param name="Resource">The AWS::EC2::Subnet.</param>
/// <param name="IsPublic">Public (routes to an internet gateway, public tags, or maps public IPs); private otherwise.</param>
/// <param name="Zone">Availability zone name, or "AZ n" for Fn::Select over Fn::GetAZs.</param>
/// <param name="Cidr">CidrBlock as text, if literal.</param>
/// <param name="VpcId">Logical id of its VPC, if referenced.</param>
/// <param name="RouteTableId">Logical id of the route table associated with it, if any.</param>
internal sealed record SubnetInfo(TemplateResource Resource, bool IsPublic, string Zone, string? Cidr, string? VpcId, string? RouteTableId)
{
    /// <summary>Placed by <c>AvailabilityZoneId</c> (the same physical zone in every account) rather than by zone name.</summary>
    public bool PlacedByZoneId => Resource["AvailabilityZone"] is null && Resource["AvailabilityZoneId"] is not null;
}
