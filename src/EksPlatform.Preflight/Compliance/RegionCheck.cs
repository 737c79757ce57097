namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// A stack synthesized without an explicit environment deploys to whatever region the deployer's profile names, and CDK
/// fills unknown AZs with dummy values. Where the subnets of a cluster sit (zone IDs EKS accepts) is the deploy-readiness
/// check DEPLOY-001 (docs/deploy-readiness.md §1).
/// </summary>
internal sealed class RegionCheck : ComplianceCheck
{
    public override string Id => "EKSP-001";

    public override string Title => "Stack environment has a concrete, real AWS region; no subnet in a CDK placeholder zone";

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
        }
        return Outcome($"Checked the environment of {context.Templates.Count} stack(s) against the known region list.", findings);
    }
}
