using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// Private nodes pull images and assume roles without NAT only if the S3 gateway endpoint is on
/// every private route table (image layers come from S3) and ECR api/dkr and STS have interface
/// endpoints. A nested RouteTableIds list (the Terraform pitfall) attaches nothing, so only direct
/// references count.
/// </summary>
internal sealed class VpcEndpointsCheck : ComplianceCheck
{
    private static readonly string[] s_requiredInterfaceServices = ["ecr.api", "ecr.dkr", "sts"];

    public override string Id => "EKSP-002";

    public override string Title => "S3 gateway endpoint on every private route table; interface endpoints for ECR api, ECR dkr, STS";

    public override string Basis => "docs/architecture.md §6 (Network); docs/eks-deploy-facts.md §11";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var withVpc = context.Templates.Where(t => t.OfType("AWS::EC2::VPC").Any()).ToList();
        if (withVpc.Count == 0)
        {
            return NotApplicable("No AWS::EC2::VPC in the templates.");
        }
        var findings = new List<ComplianceFinding>();
        foreach (var template in withVpc)
        {
            var network = template.Network;
            var gateways = network.Endpoints.Where(e => e.IsGateway && e.Service == "s3").ToList();
            if (gateways.Count == 0)
            {
                findings.Add(new(template.StackName, null, "No S3 gateway endpoint (AWS::EC2::VPCEndpoint, type Gateway, service com.amazonaws.<region>.s3)."));
            }
            foreach (var gateway in gateways.Where(g => g.Resource["RouteTableIds"] is JsonArray ids && ids.Any(i => i is JsonArray)))
            {
                findings.Add(new(template.StackName, gateway.Resource.LogicalId,
                    "RouteTableIds contains a nested list: CloudFormation needs a flat list of route table ids."));
            }
            var attached = gateways.SelectMany(g => g.RouteTableIds).ToHashSet(StringComparer.Ordinal);
            foreach (var table in network.PrivateRouteTableIds.Order(StringComparer.Ordinal).Where(t => !attached.Contains(t)))
            {
                var subnets = string.Join(", ", network.Subnets.Where(s => s.RouteTableId == table).Select(s => s.Resource.LogicalId));
                findings.Add(new(template.StackName, table, $"Private route table (subnets {subnets}) is not attached to an S3 gateway endpoint."));
            }
            foreach (var service in s_requiredInterfaceServices)
            {
                if (!network.Endpoints.Any(e => !e.IsGateway && e.Service == service))
                {
                    findings.Add(new(template.StackName, null, $"No interface endpoint for com.amazonaws.<region>.{service}."));
                }
            }
        }
        return Outcome($"Checked endpoints of the VPCs in {withVpc.Count} stack(s).", findings);
    }
}
