using EksPlatform.Controllers;
using EksPlatform.Installer;
using EksPlatform.Preflight;

namespace EksPlatform.Cli;

/// <summary>
/// IAM statements the wildcard-write compliance check accepts as they are: the statements of the pinned official
/// AWS Load Balancer Controller policy, which AWS publishes and we keep verbatim, and the EC2 statement AWS documents
/// for a CodeBuild project in a VPC (the installer's; docs/installer.md §3). A statement we widen stops matching.
/// </summary>
internal static class IamAllowlist
{
    public static IReadOnlyList<AllowlistedIamStatement> Statements { get; } =
    [
        .. AllowlistedIamStatement.FromPolicyDocument("official AWS Load Balancer Controller v3.5.0 policy", AwsLoadBalancerController.PolicyText()),
        .. AllowlistedIamStatement.FromPolicyDocument("AWS CodeBuild's documented permissions for a project in a VPC",
            $"{{\"Statement\": [{ControllerInstaller.NetworkInterfaceStatement}]}}"),
    ];
}
