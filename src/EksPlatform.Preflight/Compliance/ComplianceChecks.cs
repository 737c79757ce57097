using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>All checks, in the order the report lists them: platform requirements, then CIS and AWS controls.</summary>
internal static class ComplianceChecks
{
    public static IReadOnlyList<ComplianceCheck> All { get; } =
    [
        new RegionCheck(),
        new VpcEndpointsCheck(),
        new NodeGroupLaunchTemplateCheck(),
        new ControlPlaneLoggingCheck(),
        new SecretsEncryptionCheck(),
        new IrsaRolesCheck(),
        new AuditLogTypesCheck(),
        new EndpointAccessCheck(),
        new ImdsV2Check(),
        new NoSshCheck(),
        new IamWildcardWriteCheck(),
        new NodeRoleAccessEntryCheck(),
        new AccessEntryScopeCheck(),
    ];

    public static IReadOnlyList<ComplianceResult> Evaluate(IReadOnlyList<TemplateModel> templates, PreflightOptions options)
    {
        var context = new ComplianceContext(templates, options);
        return All.Select(check => check.Evaluate(context)).ToList();
    }
}
