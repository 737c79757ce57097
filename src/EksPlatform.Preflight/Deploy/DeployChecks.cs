using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>Every deploy-readiness check, in the order the report lists them (docs/deploy-readiness.md).</summary>
internal static class DeployChecks
{
    public static IReadOnlyList<DeployCheck> All { get; } =
    [
        new ClusterSubnetZonesCheck(),
        new ClusterAdminCheck(),
        new PrivateEndpointReachCheck(),
        new KeyPolicyPrincipalsCheck(),
        new KeyServiceAccessCheck(),
        new RetainedNamedResourceCheck(),
        new AddonOrderCheck(),
        new AlarmActionsCheck(),
        new NameLengthCheck(),
        new IrsaSubjectCheck(),
        new PodIdentityTrustCheck(),
    ];

    /// <summary>Runs every check; a failing check whose id is in <see cref="PreflightOptions.Accepted"/> carries the reason.</summary>
    public static IReadOnlyList<DeployReadinessResult> Evaluate(IReadOnlyList<TemplateModel> templates, PreflightOptions options)
    {
        var context = new ComplianceContext(templates, options);
        return All.Select(check =>
        {
            var result = check.Evaluate(context);
            return result.Status == ComplianceStatus.Fail && options.Accepted?.GetValueOrDefault(check.Id) is { } reason
                ? result with { AcceptedBecause = reason }
                : result;
        }).ToList();
    }
}
