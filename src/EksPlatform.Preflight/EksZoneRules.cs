namespace EksPlatform.Preflight;

/// <summary>
/// Zone IDs in which EKS refuses control-plane subnets, as the EKS user guide's network requirements list them
/// (docs/eks-deploy-facts.md §1). The settings loader of the construct library keeps the same list; a test checks
/// that the two agree (the preflight stays free of the CDK, so it cannot share the code).
/// </summary>
public static class EksZoneRules
{
    /// <summary>The refused zone IDs.</summary>
    public static IReadOnlySet<string> RefusedForControlPlane { get; } = new HashSet<string>(StringComparer.Ordinal) { "use1-az3", "usw1-az2", "cac1-az3" };
}
