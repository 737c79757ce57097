using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// Each controller gets its own role, reachable only from its service account: through IRSA (StringEquals on the issuer's
/// :sub, the exact service account, and :aud, sts.amazonaws.com; without both any pod of the cluster, or any audience,
/// could assume the role) or through EKS Pod Identity (an association of that service account with a role that trusts
/// pods.eks.amazonaws.com with sts:AssumeRole and sts:TagSession, limited by StringEquals on the session tags of the
/// namespace and service account). The node autoscaler may be cluster-autoscaler or Karpenter.
/// </summary>
internal sealed class IrsaRolesCheck : ComplianceCheck
{
    private const string Audience = "sts.amazonaws.com";

    /// <summary>
    /// The controllers the platform provides roles for, each with the service accounts that satisfy it (either autoscaler) and
    /// the setting that leaves it out (the requirement then stays unmet, and the finding says which setting did it).
    /// </summary>
    internal static readonly IReadOnlyList<(string[] ServiceAccounts, string Controller, string Setting)> RequiredServiceAccounts =
    [
        (["system:serviceaccount:kube-system:cluster-autoscaler", "system:serviceaccount:kube-system:karpenter"],
            "node autoscaler (cluster-autoscaler or Karpenter)", "controllers.clusterAutoscaler.enabled"),
        (["system:serviceaccount:kube-system:aws-load-balancer-controller"], "AWS Load Balancer Controller", "controllers.awsLoadBalancerController.enabled"),
        (["system:serviceaccount:external-secrets:external-secrets"], "external-secrets", "controllers.externalSecrets.enabled"),
        (["system:serviceaccount:kube-system:ebs-csi-controller-sa"], "EBS CSI driver", "controllers.ebsCsiDriver.enabled"),
    ];

    /// <summary>The controllers of <see cref="RequiredServiceAccounts"/> that EKS Auto Mode replaces (docs/auto-mode.md §4).</summary>
    internal static readonly IReadOnlyList<string> ReplacedByAutoMode =
        ["node autoscaler (cluster-autoscaler or Karpenter)", "AWS Load Balancer Controller", "EBS CSI driver"];

    public override string Id => "EKSP-006";

    public override string Title =>
        "Roles for the node autoscaler (cluster-autoscaler or Karpenter), load balancer controller, external-secrets, EBS CSI: " +
        "IRSA with exact :sub and :aud, or EKS Pod Identity limited to the service account";

    public override string Basis => "docs/architecture.md §6 (Identity); docs/iam-policies.md §1; docs/karpenter.md §9; CIS 5.2.1";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var clusters = context.All("AWS::EKS::Cluster").ToList();
        if (clusters.Count == 0)
        {
            return NotApplicable("No AWS::EKS::Cluster in the templates, so no controller roles are expected.");
        }
        var trusts = context.Templates.SelectMany(t => WebIdentityTrust.Of(t).Select(trust => (Template: t, Trust: trust))).ToList();
        var bindings = context.Templates.SelectMany(t => PodIdentityBinding.Of(t).Select(binding => (Template: t, Binding: binding))).ToList();
        var findings = new List<ComplianceFinding>();
        foreach (var (template, trust) in trusts)
        {
            var id = trust.Role.LogicalId;
            if (!trust.Readable)
            {
                findings.Add(new(template.StackName, id, "Trust policy mentions AssumeRoleWithWebIdentity but could not be parsed."));
                continue;
            }
            if (trust.Subjects.Count == 0)
            {
                var loose = trust.LooseSubjects.Count > 0 ? $" (only a non-exact condition: {string.Join(", ", trust.LooseSubjects)})" : "";
                findings.Add(new(template.StackName, id, $"Allows sts:AssumeRoleWithWebIdentity without StringEquals on <issuer>:sub{loose}."));
            }
            if (!trust.Audiences.Contains(Audience))
            {
                findings.Add(new(template.StackName, id, $"Allows sts:AssumeRoleWithWebIdentity without StringEquals <issuer>:aud = {Audience}."));
            }
        }
        var required = RequiredServiceAccounts.SelectMany(r => r.ServiceAccounts).ToHashSet(StringComparer.Ordinal);
        foreach (var (template, binding) in bindings.Where(b => b.Binding.Subject is { } s && required.Contains(s)))
        {
            var id = binding.Role?.LogicalId ?? binding.Owner.LogicalId;
            if (!binding.TrustsPods)
            {
                findings.Add(new(template.StackName, id,
                    $"The Pod Identity role of {binding.Namespace}/{binding.ServiceAccount} does not trust {PodIdentityBinding.PodsPrincipal} " +
                    "with both sts:AssumeRole and sts:TagSession."));
            }
            else if (!binding.LimitedToAccount)
            {
                findings.Add(new(template.StackName, id,
                    $"The Pod Identity role of {binding.Namespace}/{binding.ServiceAccount} is not limited to that service account: its trust lacks " +
                    "StringEquals on aws:RequestTag/kubernetes-namespace and aws:RequestTag/kubernetes-service-account, so another association " +
                    "could hand it to other pods."));
            }
        }
        // Auto Mode runs autoscaling, load balancing and block storage itself: those controllers get no role (docs/auto-mode.md §4).
        var autoMode = AutoModeClusters.All(context);
        foreach (var (serviceAccounts, controller, setting) in RequiredServiceAccounts.Where(r => !autoMode || !ReplacedByAutoMode.Contains(r.Controller)))
        {
            var irsa = trusts.Any(t => t.Trust.Subjects.Any(serviceAccounts.Contains) && t.Trust.Audiences.Contains(Audience));
            var podIdentity = bindings.Any(b => b.Binding.Subject is { } s && serviceAccounts.Contains(s)
                && b.Binding.TrustsPods && b.Binding.LimitedToAccount);
            if (!irsa && !podIdentity)
            {
                findings.Add(new(clusters[0].Template.StackName, null,
                    $"Required role for the {controller} missing: no IAM role trusts {string.Join(" or ", serviceAccounts)} with exact :sub and :aud " +
                    $"conditions, and no Pod Identity association gives it one limited to that service account ({setting}: false?)."));
            }
        }
        return Outcome($"Checked {trusts.Count} web-identity role(s) and {bindings.Count} Pod Identity association(s) " +
            $"for the {RequiredServiceAccounts.Count} controller service accounts.", findings);
    }
}
