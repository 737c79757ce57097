using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// EKS Pod Identity assumes an associated role as the service principal <c>pods.eks.amazonaws.com</c>, with
/// <c>sts:AssumeRole</c> and <c>sts:TagSession</c> (it attaches session tags); a role whose trust policy lacks either gives
/// the pods no credentials (docs/deploy-readiness.md §11, docs/security-facts.md §2). Roles outside the template, and trust
/// policies that cannot be read, are not judged.
/// </summary>
internal sealed class PodIdentityTrustCheck : DeployCheck
{
    private const string PodsPrincipal = "pods.eks.amazonaws.com";
    private static readonly string[] s_actions = ["sts:AssumeRole", "sts:TagSession"];

    public override string Id => "DEPLOY-011";

    public override string Title => "Pod Identity associations name roles that trust pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession";

    public override string Source => "docs/deploy-readiness.md §11; https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var findings = new List<DeployReadinessFinding>();
        var associations = 0;
        foreach (var template in context.Templates)
        {
            var roleArns = template.OfType("AWS::EKS::PodIdentityAssociation").Select(a => (Owner: a, Arn: a["RoleArn"]))
                .Concat(template.OfType("AWS::EKS::Addon").SelectMany(addon =>
                    Intrinsics.Items(addon["PodIdentityAssociations"]).OfType<JsonObject>().Select(p => (Owner: addon, Arn: p["RoleArn"]))));
            foreach (var (owner, arn) in roleArns)
            {
                associations++;
                if (template.Referenced(arn) is not { Type: "AWS::IAM::Role" } role)
                {
                    continue;
                }
                var raw = role["AssumeRolePolicyDocument"];
                if (raw is null || PolicyDocuments.Read(raw, template) is not { } document)
                {
                    continue;
                }
                var trusting = PolicyDocuments.Statements(document).Where(PolicyStatements.IsAllow)
                    .Where(s => PolicyStatements.Principals(s, "Service", template).Contains(PodsPrincipal)).ToList();
                var missing = s_actions.Where(a => !trusting.Any(s => PolicyStatements.Allows(s, a, template))).ToList();
                if (missing.Count > 0)
                {
                    var why = trusting.Count == 0
                        ? $"does not trust the service principal {PodsPrincipal}"
                        : $"trusts {PodsPrincipal} without {string.Join(", ", missing)}";
                    findings.Add(new(template.StackName, role.LogicalId,
                        $"Role {role.LogicalId}, named by the Pod Identity association of {owner.LogicalId}, {why}: EKS cannot assume it for the pods.",
                        $"Add a trust statement: Effect Allow, Principal {{\"Service\": \"{PodsPrincipal}\"}}, " +
                        "Action [\"sts:AssumeRole\", \"sts:TagSession\"]."));
                }
            }
        }
        return associations == 0
            ? NotApplicable("No Pod Identity association in the templates.")
            : Outcome($"Checked the trust of the roles of {associations} Pod Identity association(s).", findings);
    }
}
