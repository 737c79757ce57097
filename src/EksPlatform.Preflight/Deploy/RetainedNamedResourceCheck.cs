using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// <c>DeletionPolicy: Retain</c> keeps a resource even when the stack's first create rolls back. A resource with a fixed
/// name then still holds the name, and the retry fails with "already exists" until someone deletes it by hand.
/// <c>RetainExceptOnCreate</c> keeps it on stack deletion but removes it when its own create rolls back
/// (docs/deploy-readiness.md §6, docs/limits-and-policies.md §2). The name properties are in Data/deploy-readiness.json.
/// </summary>
internal sealed class RetainedNamedResourceCheck : DeployCheck
{
    public override string Id => "DEPLOY-006";

    public override string Title => "No DeletionPolicy Retain on a resource with a fixed name (a failed first create blocks the retry)";

    public override string Source =>
        "docs/deploy-readiness.md §6; https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        if (context.Templates.Count == 0)
        {
            return NotApplicable("The assembly has no stacks.");
        }
        var findings = new List<DeployReadinessFinding>();
        var named = 0;
        foreach (var template in context.Templates)
        {
            foreach (var resource in template.Resources)
            {
                if (!DeployData.NamedProperties.TryGetValue(resource.Type, out var property) || resource[property] is not { } name)
                {
                    continue;
                }
                named++;
                if (Intrinsics.AsString(resource.Definition["DeletionPolicy"]) == "Retain")
                {
                    findings.Add(new(template.StackName, resource.LogicalId,
                        $"{resource.Type} named {property} = '{template.Resolve(name)}' has DeletionPolicy Retain: if the stack's first create " +
                        "rolls back, the resource stays, and the retry fails because the name already exists.",
                        "Use DeletionPolicy RetainExceptOnCreate (kept when the stack is deleted, removed when its own create rolls back; keep " +
                        $"UpdateReplacePolicy Retain), or remove {property} and let CloudFormation generate the name."));
                }
            }
        }
        return Outcome($"Checked the deletion policy of {named} resource(s) with a fixed name.", findings);
    }
}
