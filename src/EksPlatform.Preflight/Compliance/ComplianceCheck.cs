using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// A named check. Each one decides first whether it applies (so a template without a cluster
/// reports "not applicable" rather than a silent pass), then lists one finding per failing resource.
/// </summary>
internal abstract class ComplianceCheck
{
    public abstract string Id { get; }

    public abstract string Title { get; }

    /// <summary>Where the requirement comes from.</summary>
    public abstract string Basis { get; }

    public abstract ComplianceResult Evaluate(ComplianceContext context);

    protected ComplianceResult NotApplicable(string why) =>
        new(Id, Title, Basis, ComplianceStatus.NotApplicable, why, [], []);

    /// <summary>
    /// Runs <paramref name="findingsOf"/> on every <c>AWS::EKS::Cluster</c>; "not applicable" when there is none.
    /// </summary>
    protected ComplianceResult PerCluster(ComplianceContext context, string whatIsChecked,
        Func<TemplateModel, TemplateResource, IEnumerable<ComplianceFinding>> findingsOf)
    {
        var clusters = context.All("AWS::EKS::Cluster").ToList();
        return clusters.Count == 0
            ? NotApplicable("No AWS::EKS::Cluster in the templates.")
            : Outcome($"Checked {whatIsChecked} of {clusters.Count} cluster(s).", [.. clusters.SelectMany(c => findingsOf(c.Template, c.Resource))]);
    }

    protected ComplianceResult Outcome(string whatWasChecked, IReadOnlyList<ComplianceFinding> findings,
        IReadOnlyList<ComplianceFinding>? allowlisted = null) =>
        new(Id, Title, Basis, findings.Count == 0 ? ComplianceStatus.Pass : ComplianceStatus.Fail, whatWasChecked, findings, allowlisted ?? []);
}
