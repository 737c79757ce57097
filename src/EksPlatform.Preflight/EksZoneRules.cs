namespace EksPlatform.Preflight;

/// <summary>
/// Zone IDs in which EKS refuses control-plane subnets, as the EKS user guide's network requirements list them
/// (docs/eks-deploy-facts.md §1). The one list: the settings loader of the construct library (<c>AwsRegion</c>) and the
/// preflight's DEPLOY-001 (Deploy/ClusterSubnetZonesCheck) both read it.
/// </summary>
public static class EksZoneRules
{
    /// <summary>The refused zone IDs.</summary>
    public static IReadOnlySet<string> RefusedForControlPlane { get; } = new HashSet<string>(StringComparer.Ordinal) { "use1-az3", "usw1-az2", "cac1-az3" };
}
