using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// The API server must be reachable privately, and publicly only from listed CIDRs. CloudFormation's
/// defaults are the opposite (public on, private off, 0.0.0.0/0), so absent values fail.
/// </summary>
internal sealed class EndpointAccessCheck : ComplianceCheck
{
    public override string Id => "CIS-5.4.2";

    public override string Title => "Private API endpoint on; public endpoint off, or restricted to listed CIDRs (5.4.1)";

    public override string Basis => "CIS Amazon EKS Benchmark v1.8.0 5.4.1, 5.4.2; Security Hub EKS.1";

    public override ComplianceResult Evaluate(ComplianceContext context) =>
        PerCluster(context, "API endpoint access", Findings);

    private static IEnumerable<ComplianceFinding> Findings(TemplateModel template, TemplateResource cluster)
    {
        var vpcConfig = cluster["ResourcesVpcConfig"] as JsonObject ?? [];
        if (!Intrinsics.IsTrue(vpcConfig["EndpointPrivateAccess"]))
        {
            yield return new(template.StackName, cluster.LogicalId, "EndpointPrivateAccess is not true (CloudFormation default: false).");
        }

        if (Intrinsics.IsFalse(vpcConfig["EndpointPublicAccess"]))
        {
            yield break;
        }

        var cidrs = Intrinsics.Items(vpcConfig["PublicAccessCidrs"]).Select(template.Resolve).OfType<string>().ToList();
        if (cidrs.Count == 0 || cidrs.Any(c => c is "0.0.0.0/0" or "::/0"))
        {
            yield return new(template.StackName, cluster.LogicalId,
                "Public endpoint is on and open to the internet (PublicAccessCidrs empty or 0.0.0.0/0; CloudFormation default: public on, 0.0.0.0/0).");
        }
    }
}
