using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// An IRSA role is assumable only by the service account its trust policy's <c>&lt;issuer&gt;:sub</c> names. When no
/// service account of that name exists, no pod ever gets the role's credentials, and the controller meant to use it fails
/// at run time (docs/deploy-readiness.md §10, docs/iam-policies.md §1). The service accounts known to exist are those the
/// templates declare (Pod Identity associations, and the accounts of the managed add-ons they create, from
/// Data/deploy-readiness.json) and those passed in <see cref="PreflightOptions.ServiceAccounts"/> (the Helm values
/// <c>controllers</c> renders, or <c>plan --service-account</c>). Subjects known only at deploy time are not judged.
/// </summary>
internal sealed class IrsaSubjectCheck : DeployCheck
{
    public override string Id => "DEPLOY-010";

    public override string Title => "IRSA trust policies name a service account the templates or the rendered values declare";

    public override string Source => "docs/deploy-readiness.md §10; https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var trusts = context.Templates.SelectMany(t => WebIdentityTrust.Of(t).Where(w => w.Readable).Select(w => (Template: t, Trust: w))).ToList();
        if (trusts.Count == 0)
        {
            return NotApplicable("No IAM role in the templates trusts sts:AssumeRoleWithWebIdentity (IRSA).");
        }
        var declared = Declared(context);
        var known = declared.Select(d => d.Subject).ToHashSet(StringComparer.Ordinal);
        var findings = new List<DeployReadinessFinding>();
        foreach (var (template, trust) in trusts)
        {
            var exact = trust.Subjects.Where(s => !s.Contains("{{", StringComparison.Ordinal) && !known.Contains(s));
            var loose = trust.LooseSubjects.Where(p => !p.Contains("{{", StringComparison.Ordinal) && !known.Any(k => Glob(p, k)));
            foreach (var subject in exact.Concat(loose).Distinct(StringComparer.Ordinal))
            {
                findings.Add(new(template.StackName, trust.Role.LogicalId,
                    $"The trust policy admits <issuer>:sub '{subject}', which matches no service account the templates or the rendered values " +
                    $"declare ({Describe(declared)}): no pod can assume the role.",
                    "Make <issuer>:sub name the service account the workload runs as (system:serviceaccount:NAMESPACE:NAME); if a chart of your " +
                    "own creates that account, declare it (plan --service-account NAMESPACE/NAME)."));
            }
        }
        return Outcome($"Checked {trusts.Count} IRSA trust polic(ies) against {known.Count} declared service account(s).", findings);
    }

    private static List<DeclaredServiceAccount> Declared(ComplianceContext context)
    {
        var declared = new List<DeclaredServiceAccount>(context.Options.ServiceAccounts ?? []);
        foreach (var template in context.Templates)
        {
            foreach (var association in template.OfType("AWS::EKS::PodIdentityAssociation"))
            {
                if (Intrinsics.AsString(association["Namespace"]) is { } ns && Intrinsics.AsString(association["ServiceAccount"]) is { } name)
                {
                    declared.Add(new(ns, name, $"Pod Identity association {association.LogicalId}"));
                }
            }
            foreach (var addon in template.OfType("AWS::EKS::Addon"))
            {
                if (Intrinsics.AsString(addon["AddonName"]) is { } addonName && DeployData.Addons.TryGetValue(addonName, out var facts))
                {
                    declared.AddRange(facts.ServiceAccounts.Select(sa => sa.Split('/', 2)).Where(p => p.Length == 2)
                        .Select(p => new DeclaredServiceAccount(p[0], p[1], $"add-on {addonName}")));
                }
            }
        }
        return declared;
    }

    private static string Describe(List<DeclaredServiceAccount> declared) => declared.Count == 0
        ? "none"
        : string.Join(", ", declared.Select(d => $"{d.Namespace}/{d.Name}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>StringLike matching: <c>*</c> any run of characters, <c>?</c> one character, case-sensitive.</summary>
    internal static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
