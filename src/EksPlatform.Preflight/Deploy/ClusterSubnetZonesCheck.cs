using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// The subnets handed to an EKS cluster must be placed by zone ID, outside the zone IDs where EKS refuses control-plane
/// subnets, and in at least two zones: a zone name maps to a different physical zone in each account, so it may land in a
/// refused zone, and CreateCluster fails with UnsupportedAvailabilityZoneException (docs/deploy-readiness.md §1, resting
/// on docs/eks-deploy-facts.md §1-2). Subnets the template does not create (parameters, imports) are not judged.
/// </summary>
internal sealed class ClusterSubnetZonesCheck : DeployCheck
{
    public override string Id => "DEPLOY-001";

    public override string Title => "Cluster subnets placed by zone ID, in zones EKS accepts, in at least two zones";

    public override string Source => "docs/deploy-readiness.md §1; https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var clusters = context.All(Eks.ClusterType).ToList();
        if (clusters.Count == 0)
        {
            return NotApplicable("No AWS::EKS::Cluster in the templates.");
        }
        var findings = new List<DeployReadinessFinding>();
        foreach (var (template, cluster) in clusters)
        {
            var items = Intrinsics.Items((cluster["ResourcesVpcConfig"] as JsonObject)?["SubnetIds"]).ToList();
            var subnets = items.Select(i => template.Network.Subnet(Intrinsics.ReferencedLogicalId(i))).ToList();
            foreach (var subnet in subnets.OfType<SubnetInfo>().Distinct())
            {
                if (subnet.Zone.StartsWith("dummy", StringComparison.Ordinal))
                {
                    continue; // EKSP-001 reports CDK's placeholder zones.
                }
                if (!subnet.PlacedByZoneId)
                {
                    findings.Add(new(template.StackName, subnet.Resource.LogicalId,
                        $"Subnet of {Eks.Describe(cluster)} is placed by zone name ('{subnet.Zone}'): names map to different physical zones in " +
                        "each account, so it may land in a zone where EKS refuses control-plane subnets.",
                        "Set AvailabilityZoneId (e.g. use1-az1) instead of AvailabilityZone; " +
                        "`aws ec2 describe-availability-zones` shows names next to IDs."));
                }
                else if (EksZoneRules.RefusedForControlPlane.Contains(subnet.Zone))
                {
                    findings.Add(new(template.StackName, subnet.Resource.LogicalId,
                        $"Subnet of {Eks.Describe(cluster)} is in zone {subnet.Zone}, where EKS refuses control-plane subnets: " +
                        "CreateCluster fails with UnsupportedAvailabilityZoneException.",
                        $"Move the subnet to another zone ID of the region (refused: {string.Join(", ", EksZoneRules.RefusedForControlPlane.Order())})."));
                }
            }
            if (items.Count > 0 && subnets.All(s => s is not null) && !subnets.Any(s => s!.Zone is "unknown AZ")
                && subnets.Select(s => s!.Zone).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                findings.Add(new(template.StackName, cluster.LogicalId,
                    $"The subnets of {Eks.Describe(cluster)} are all in zone {subnets[0]!.Zone}: EKS needs subnets in at least two zones.",
                    "Add a subnet in a second zone to ResourcesVpcConfig.SubnetIds."));
            }
        }
        return Outcome($"Checked the zones of the subnets of {clusters.Count} cluster(s).", findings);
    }
}
