using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EksPlatform.Preflight.Templates;

/// <summary>The network of one template: subnets (public or private, by AZ), route tables, endpoints, NAT gateways.</summary>
internal sealed partial class NetworkTopology
{
    public NetworkTopology(TemplateModel template)
    {
        var routeTableOfSubnet = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var association in template.OfType("AWS::EC2::SubnetRouteTableAssociation"))
        {
            if (Intrinsics.ReferencedLogicalId(association["SubnetId"]) is { } subnet
                && Intrinsics.ReferencedLogicalId(association["RouteTableId"]) is { } table)
            {
                routeTableOfSubnet[subnet] = table;
            }
        }

        // A route table with a route to an internet gateway makes its subnets public, whatever the tags say.
        var internetRouteTables = template.OfType("AWS::EC2::Route")
            .Where(route => template.Referenced(route["GatewayId"])?.Type == "AWS::EC2::InternetGateway"
                || (Intrinsics.AsString(route["GatewayId"])?.StartsWith("igw-", StringComparison.Ordinal) ?? false))
            .Select(route => Intrinsics.ReferencedLogicalId(route["RouteTableId"]))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        Subnets = template.OfType("AWS::EC2::Subnet").Select(subnet =>
        {
            var table = routeTableOfSubnet.GetValueOrDefault(subnet.LogicalId);
            return new SubnetInfo(
                subnet,
                IsPublic(subnet, table is not null && internetRouteTables.Contains(table)),
                ZoneOf(subnet, template),
                Intrinsics.AsString(subnet["CidrBlock"]),
                Intrinsics.ReferencedLogicalId(subnet["VpcId"]),
                table);
        }).ToList();

        PrivateRouteTableIds = Subnets.Where(s => !s.IsPublic && s.RouteTableId is not null)
            .Select(s => s.RouteTableId!).ToHashSet(StringComparer.Ordinal);

        Endpoints = template.OfType("AWS::EC2::VPCEndpoint").Select(endpoint =>
        {
            var serviceName = template.Resolve(endpoint["ServiceName"]) ?? "";
            var match = ServiceNamePattern().Match(serviceName);
            var type = Intrinsics.AsString(endpoint["VpcEndpointType"]);
            return new EndpointInfo(
                endpoint,
                serviceName,
                match.Success ? match.Groups["service"].Value : serviceName,
                type is null || type == "Gateway",
                Intrinsics.Items(endpoint["RouteTableIds"]).Select(Intrinsics.ReferencedLogicalId).OfType<string>().ToList(),
                endpoint["SubnetIds"] is JsonArray subnets ? subnets.Count : null);
        }).ToList();
    }

    public IReadOnlyList<SubnetInfo> Subnets { get; }

    /// <summary>Route tables associated with at least one private subnet.</summary>
    public IReadOnlySet<string> PrivateRouteTableIds { get; }

    public IReadOnlyList<EndpointInfo> Endpoints { get; }

    public SubnetInfo? Subnet(string? logicalId) => Subnets.FirstOrDefault(s => s.Resource.LogicalId == logicalId);

    private static bool IsPublic(TemplateResource subnet, bool routesToInternet)
    {
        switch (subnet.Tag("aws-cdk:subnet-type"))
        {
            case "Public":
                return true;
            case "Private" or "Isolated":
                return false;
        }
        if (subnet.Tag("kubernetes.io/role/elb") == "1")
        {
            return true;
        }
        if (subnet.Tag("kubernetes.io/role/internal-elb") == "1")
        {
            return false;
        }
        // CloudFormation's default for MapPublicIpOnLaunch is false.
        return Intrinsics.IsTrue(subnet["MapPublicIpOnLaunch"]) || routesToInternet;
    }

    private static string ZoneOf(TemplateResource subnet, TemplateModel template)
    {
        var zone = subnet["AvailabilityZone"] ?? subnet["AvailabilityZoneId"];
        // CDK without a region lookup writes Fn::Select [i, Fn::GetAZs ""]: the zone is only known at deploy time.
        if (zone is JsonObject obj && obj["Fn::Select"] is JsonArray { Count: 2 } select
            && Intrinsics.AsDecimal(select[0]) is { } index && select[1] is JsonObject { Count: 1 } azs && azs.ContainsKey("Fn::GetAZs"))
        {
            return $"AZ {index + 1}";
        }
        return template.Resolve(zone) ?? "unknown AZ";
    }

    // China: CDK writes cn.com.amazonaws.<region>.<service> for the services that use that form there.
    [GeneratedRegex(@"^(?:aws\.api\.|cn\.)?com\.amazonaws\.[^.]+\.(?<service>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceNamePattern();
}
