using System.Text.RegularExpressions;
using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// Names a template writes or derives (Fn::Sub, Fn::Join over the stack name, parameters' defaults, a cluster name) must
/// fit the limits of their resource type, or the create fails; several limits are not in the CloudFormation schemas, so
/// cfn-lint does not catch them (docs/deploy-readiness.md §9, docs/limits-and-policies.md §3). A deploy-time part counts as
/// its shortest possible length (an account ID as 12 characters, anything else as none), so only names that are too long
/// whatever it turns out to be are reported. The limits are in Data/deploy-readiness.json.
/// </summary>
internal sealed partial class NameLengthCheck : DeployCheck
{
    private const int AccountIdLength = 12;

    public override string Id => "DEPLOY-009";

    public override string Title => "Names the template writes or derives fit the limits of their resource type";

    public override string Source => "docs/deploy-readiness.md §9; docs/limits-and-policies.md §3";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var findings = new List<DeployReadinessFinding>();
        var names = 0;
        foreach (var template in context.Templates)
        {
            foreach (var limit in DeployData.NameLimits)
            {
                foreach (var resource in template.OfType(limit.Type))
                {
                    if (template.Resolve(resource[limit.Property]) is not { } name)
                    {
                        continue;
                    }
                    names++;
                    var shortest = ShortestLength(name);
                    if (shortest > limit.Max)
                    {
                        findings.Add(new(template.StackName, resource.LogicalId,
                            $"{limit.Property} '{name}' is {(shortest == name.Length ? "" : "at least ")}{shortest} characters; " +
                            $"{limit.Type} allows at most {limit.Max} ({limit.Source}).",
                            $"Shorten {limit.Property}, or the name it is derived from (a cluster name, a stack name), " +
                            $"by {shortest - limit.Max} character(s)."));
                    }
                }
            }
        }
        return names == 0
            ? NotApplicable("No resource in the templates sets a name property with a known length limit.")
            : Outcome($"Checked the length of {names} name(s) against the limits of their resource types.", findings);
    }

    private static int ShortestLength(string name) => Placeholder().Replace(name, m => m.Groups[1].Value == "AWS::AccountId"
        ? new string('0', AccountIdLength)
        : "").Length;

    [GeneratedRegex(@"\{\{([^}]*)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
