using EksPlatform.Preflight;

namespace EksPlatform.Cli;

/// <summary>
/// IAM statements the wildcard-write compliance check accepts as they are: the unconditioned statements of the
/// pinned official AWS Load Balancer Controller policy, which AWS publishes and we keep verbatim.
/// </summary>
internal static class IamAllowlist
{
    public static IReadOnlyList<AllowlistedIamStatement> Statements { get; } = [];
}
