namespace EksPlatform.Preflight;

/// <summary>One named compliance check and its outcome.</summary>
/// <param name="Id">Stable id, e.g. <c>EKSP-002</c> or <c>CIS-2.1.1</c>.</param>
/// <param name="Title">What the check requires.</param>
/// <param name="Basis">Where the requirement comes from (a docs/ section, CIS item, AWS control).</param>
/// <param name="Status">Pass, fail or not applicable.</param>
/// <param name="Summary">One sentence: what was checked, or why it does not apply.</param>
/// <param name="Findings">The failures, one per resource (empty unless <see cref="ComplianceStatus.Fail"/>).</param>
/// <param name="Allowlisted">Statements that would fail but match the allowlist passed in the options.</param>
public sealed record ComplianceResult(
    string Id,
    string Title,
    string Basis,
    ComplianceStatus Status,
    string Summary,
    IReadOnlyList<ComplianceFinding> Findings,
    IReadOnlyList<ComplianceFinding> Allowlisted)
{
    /// <summary>Logical ids of the failing resources, without duplicates.</summary>
    public IReadOnlyList<string> FailingResources =>
        Findings.Where(f => f.LogicalId is not null).Select(f => f.LogicalId!).Distinct(StringComparer.Ordinal).ToList();
}
