namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// A stack synthesized without an explicit environment deploys to whatever region the deployer's
/// profile names, and CDK fills unknown AZs with dummy values: both break rule 2 of the design.
/// </summary>
internal sealed class RegionCheck : ComplianceCheck
{
    public override string Id => "EKSP-001";

    public override string Title => "Stack environment has a concrete, real AWS region (and no dummy AZs)";

    public override string Basis => "design.md §2 rule 2, §3 Settings and naming";

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
                findings.Add(new(template.StackName, null, $"Environment '{template.Stack.Environment}' has no concrete region: synthesize with an explicit env."));
            }
            else if (!RegionCatalog.IsKnown(region))
            {
                findings.Add(new(template.StackName, null, $"Region '{region}' is not a known AWS region."));
            }
            foreach (var subnet in template.Network.Subnets.Where(s => s.Zone.StartsWith("dummy", StringComparison.Ordinal)))
            {
                findings.Add(new(template.StackName, subnet.Resource.LogicalId, $"AvailabilityZone '{subnet.Zone}' is a CDK placeholder: the template would not deploy."));
            }
        }
        return Outcome($"Checked the environment of {context.Templates.Count} stack(s) against the known region list.", findings);
    }
}
