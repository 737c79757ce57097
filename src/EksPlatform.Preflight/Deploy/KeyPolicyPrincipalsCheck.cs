using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// KMS refuses a key policy naming a principal that does not exist (MalformedPolicyDocumentException, "invalid
/// principals"). A service-linked role exists only once its service has been used in the account, so a key policy that
/// names one fails CreateKey in a fresh account (docs/deploy-readiness.md §4, docs/limits-and-policies.md §1). Roles the
/// stack creates are created first (they are referenced); other literal role ARNs are assumed to exist and not judged.
/// </summary>
internal sealed class KeyPolicyPrincipalsCheck : DeployCheck
{
    private const string ServiceLinkedPath = ":role/aws-service-role/";

    public override string Id => "DEPLOY-004";

    public override string Title => "Key policies name no principal that may not exist (service-linked roles)";

    public override string Source => "docs/deploy-readiness.md §4; https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var keys = context.All("AWS::KMS::Key").ToList();
        if (keys.Count == 0)
        {
            return NotApplicable("No AWS::KMS::Key in the templates.");
        }
        var findings = new List<DeployReadinessFinding>();
        foreach (var (template, key) in keys)
        {
            var roles = PolicyDocuments.Statements(PolicyDocuments.Read(key["KeyPolicy"], template))
                .SelectMany(s => PolicyStatements.PrincipalNodes(s, "AWS"))
                .Where(node => template.Referenced(node) is null) // a role of this stack exists before the key that references it
                .Select(template.Resolve)
                .OfType<string>()
                .Where(arn => arn.Contains(ServiceLinkedPath, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal);
            foreach (var role in roles)
            {
                findings.Add(new(template.StackName, key.LogicalId,
                    $"The key policy names the service-linked role {role} as a principal. It exists only once its service has been used in " +
                    "the account; until then KMS refuses the policy (MalformedPolicyDocumentException: invalid principals) and the key is not created.",
                    "Admit it without naming it: Principal {\"AWS\": \"*\"} with StringEquals kms:CallerAccount = the account and kms:ViaService = " +
                    "the service's endpoint (the AWS managed key pattern), or an aws:PrincipalArn condition."));
            }
        }
        return Outcome($"Checked the principals of {keys.Count} key polic(ies).", findings);
    }
}
