using System.Collections.Immutable;

namespace EksPlatform.Settings;

/// <summary>
/// Zone IDs in which EKS refuses control-plane subnets (CreateCluster fails with UnsupportedAvailabilityZoneException),
/// as the EKS user guide's network requirements list them (docs/eks-deploy-facts.md §1-2). The preflight keeps the same list in its
/// data (a test checks that the two agree).
/// </summary>
public static class EksZones
{
    /// <summary>Refused zone IDs, with the reason shown to the user.</summary>
    public static ImmutableSortedDictionary<string, string> RefusedForControlPlane { get; } = new Dictionary<string, string>
    {
        ["use1-az3"] = "us-east-1",
        ["usw1-az2"] = "us-west-1",
        ["cac1-az3"] = "ca-central-1",
    }.ToImmutableSortedDictionary(
        p => p.Key,
        p => $"EKS does not accept cluster subnets in {p.Key} ({p.Value}): the EKS user guide lists it among the zones where CreateCluster fails",
        StringComparer.Ordinal);
}
