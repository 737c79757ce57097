using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// A stack synthesized without an explicit environment deploys to whatever region the deployer's profile names, and CDK
/// fills unknown AZs with dummy values. The subnets of an EKS cluster must be placed by zone ID: a zone name maps to a
/// different physical zone in each account, and EKS refuses cluster subnets in some zone IDs (docs/eks-deploy-facts.md
/// §1-2).
/// </summary>
internal sealed class RegionCheck : ComplianceCheck
{
    public override string Id => "EKSP-001";

    public override string Title => "Stack environment has a concrete, real AWS region; cluster subnets are placed by zone ID in zones EKS accepts";

    public override string Basis => "EKS user guide, network requirements (docs/eks-deploy-facts.md §1-2)";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        if (context.Templates.Count == 0)
        {
            return NotApplicable("The assembly has no stacks.");
        }
        var findings = new List<ComplianceFinding>();
        foreach (var template in context.Templates)
        {
            var region = template.Stack.Region;
            if (template.ConcreteRegion is null)
            {
                findings.Add(new(template.StackName, null,
                    $"Environment '{template.Stack.Environment}' has no concrete region: synthesize with an explicit env."));
            }
            else if (!RegionCatalog.IsKnown(region))
            {
                findings.Add(new(template.StackName, null, $"Region '{region}' is not a known AWS region."));
            }
            foreach (var subnet in template.Network.Subnets.Where(s => s.Zone.StartsWith("dummy", StringComparison.Ordinal)))
            {
                findings.Add(new(template.StackName, subnet.Resource.LogicalId,
                    $"AvailabilityZone '{subnet.Zone}' is a CDK placeholder: the template would not deploy."));
            }
            foreach (var subnet in ClusterSubnets(template))
            {
                if (!subnet.PlacedByZoneId && !subnet.Zone.StartsWith("dummy", StringComparison.Ordinal))
                {
                    findings.Add(new(template.StackName, subnet.Resource.LogicalId,
                        $"Cluster subnet placed by zone name '{subnet.Zone}': names map to different physical zones per account, " +
                        "so it may land in a zone EKS refuses; use AvailabilityZoneId."));
                }
                else if (subnet.PlacedByZoneId && EksZoneRules.RefusedForControlPlane.Contains(subnet.Zone))
                {
                    findings.Add(new(template.StackName, subnet.Resource.LogicalId,
                        $"Cluster subnet in zone {subnet.Zone}, where EKS refuses control-plane subnets (CreateCluster fails); choose another zone ID."));
                }
            }
        }
        return Outcome(
            $"Checked the environment of {context.Templates.Count} stack(s) against the known region list, and the zones of the cluster subnets.",
            findings);
    }

    private static IEnumerable<SubnetInfo> ClusterSubnets(TemplateModel template) =>
        template.OfType("AWS::EKS::Cluster")
            .SelectMany(cluster => Intrinsics.Items(cluster["ResourcesVpcConfig"]?["SubnetIds"]))
            .Select(Intrinsics.ReferencedLogicalId)
            .Select(template.Network.Subnet)
            .OfType<SubnetInfo>()
            .Distinct();
}
