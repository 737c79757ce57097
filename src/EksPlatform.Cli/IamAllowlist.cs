using EksPlatform.Controllers;
using EksPlatform.Preflight;

namespace EksPlatform.Cli;

/// <summary>
/// IAM statements the wildcard-write compliance check accepts as they are: the statements of the pinned official
/// AWS Load Balancer Controller policy, which AWS publishes and we keep verbatim. A statement we widen stops matching.
/// </summary>
internal static class IamAllowlist
{
    public static IReadOnlyList<AllowlistedIamStatement> Statements { get; } =
        AllowlistedIamStatement.FromPolicyDocument("official AWS Load Balancer Controller v3.5.0 policy", AwsLoadBalancerController.PolicyText());
}
