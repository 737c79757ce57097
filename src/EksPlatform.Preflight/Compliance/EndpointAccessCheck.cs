using System.Globalization;
using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// The API server must be reachable privately, and publicly only from listed CIDRs. CloudFormation's
/// defaults are the opposite (public on, private off, 0.0.0.0/0), so absent values fail. "Open to the
/// internet" is judged by how many public addresses the list covers (<see cref="PublicAddressCoverage"/>),
/// not by spotting 0.0.0.0/0: its two halves, or a few wide blocks, are just as open.
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
        if (cidrs.Count == 0)
        {
            yield return new(template.StackName, cluster.LogicalId,
                "Public endpoint is on and open to the internet: PublicAccessCidrs is empty (CloudFormation default: public on, 0.0.0.0/0).");
            yield break;
        }
        var coverage = PublicAddressCoverage.Of(cidrs);
        if (coverage.IsOpenToInternet)
        {
            yield return new(template.StackName, cluster.LogicalId, $"Public endpoint is on and open to the internet: {Describe(coverage)}.");
        }
        if (coverage.Unreadable.Count > 0)
        {
            // What cannot be measured is not passed: a deploy-time value may well be 0.0.0.0/0.
            yield return new(template.StackName, cluster.LogicalId,
                $"PublicAccessCidrs entries {string.Join(", ", coverage.Unreadable)} are not CIDR blocks known before deploy, " +
                "so how much of the internet reaches the public endpoint cannot be judged.");
        }
    }

    private static string Describe(PublicAddressCoverage coverage)
    {
        var count = coverage.PublicIpv4Addresses.ToString("N0", CultureInfo.InvariantCulture);
        var threshold = PublicAddressCoverage.OpenToInternetIpv4Addresses.ToString("N0", CultureInfo.InvariantCulture);
        var ipv4 = $"PublicAccessCidrs cover {count} public IPv4 addresses (open from {threshold}, a /8's worth)";
        return coverage.WideIpv6Prefixes.Count == 0
            ? ipv4
            : $"{ipv4} and IPv6 {string.Join(", ", coverage.WideIpv6Prefixes)} (open from a /{PublicAddressCoverage.OpenToInternetIpv6PrefixLength} or wider)";
    }
}
