using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// Each controller gets its own role, trusted only by its service account: StringEquals on the
/// issuer's :sub (exact service account) and :aud (sts.amazonaws.com). Without both, any pod of
/// the cluster, or any audience, could assume the role.
/// </summary>
internal sealed class IrsaRolesCheck : ComplianceCheck
{
    private const string Audience = "sts.amazonaws.com";

    /// <summary>
    /// The service accounts of the four controllers the platform provides roles for, with the setting that
    /// leaves a role out (the requirement then stays unmet, and the finding says which setting did it).
    /// </summary>
    internal static readonly IReadOnlyList<(string ServiceAccount, string Controller, string Setting)> RequiredServiceAccounts =
    [
        ("system:serviceaccount:kube-system:cluster-autoscaler", "cluster-autoscaler", "controllers.clusterAutoscaler.enabled"),
        ("system:serviceaccount:kube-system:aws-load-balancer-controller", "AWS Load Balancer Controller", "controllers.awsLoadBalancerController.enabled"),
        ("system:serviceaccount:external-secrets:external-secrets", "external-secrets", "controllers.externalSecrets.enabled"),
        ("system:serviceaccount:kube-system:ebs-csi-controller-sa", "EBS CSI driver", "controllers.ebsCsiDriver.enabled"),
    ];

    /// <summary>The controllers of <see cref="RequiredServiceAccounts"/> that EKS Auto Mode replaces (docs/auto-mode.md §4).</summary>
    internal static readonly IReadOnlyList<string> ReplacedByAutoMode = ["cluster-autoscaler", "AWS Load Balancer Controller", "EBS CSI driver"];

    public override string Id => "EKSP-006";

    public override string Title => "IRSA roles for cluster-autoscaler, load balancer controller, external-secrets, EBS CSI with exact :sub and :aud";

    public override string Basis => "docs/architecture.md §6 (Identity); docs/iam-policies.md §1; CIS 5.2.1";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var clusters = context.All("AWS::EKS::Cluster").ToList();
        if (clusters.Count == 0)
        {
            return NotApplicable("No AWS::EKS::Cluster in the templates, so no IRSA roles are expected.");
        }
        var trusts = context.Templates.SelectMany(t => WebIdentityTrust.Of(t).Select(trust => (Template: t, Trust: trust))).ToList();
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
        // Auto Mode runs autoscaling, load balancing and block storage itself: those controllers get no role (docs/auto-mode.md §4).
        var autoMode = AutoModeClusters.All(context);
        foreach (var (serviceAccount, controller, setting) in RequiredServiceAccounts.Where(r => !autoMode || !ReplacedByAutoMode.Contains(r.Controller)))
        {
            var found = trusts.Any(t => t.Trust.Subjects.Contains(serviceAccount) && t.Trust.Audiences.Contains(Audience));
            if (!found)
            {
                findings.Add(new(clusters[0].Template.StackName, null,
                    $"Required IRSA role for {controller} missing: no IAM role trusts {serviceAccount} " +
                    $"with exact :sub and :aud conditions ({setting}: false?)."));
            }
        }
        return Outcome($"Checked {trusts.Count} web-identity role(s) for the {RequiredServiceAccounts.Count} controller service accounts.", findings);
    }
}
