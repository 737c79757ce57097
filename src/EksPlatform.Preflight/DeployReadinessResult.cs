namespace EksPlatform.Preflight;

/// <summary>One "will it deploy?" check and its outcome.</summary>
/// <param name="Id">Stable id, e.g. <c>DEPLOY-003</c>; <c>plan --allow ID=reason</c> accepts its findings.</param>
/// <param name="Title">What the check requires.</param>
/// <param name="Source">The primary source it rests on: a <c>docs/</c> section and the public page behind it.</param>
/// <param name="Status">Pass, fail or not applicable.</param>
/// <param name="Summary">One sentence: what was checked, or why it does not apply.</param>
/// <param name="Findings">The failures, one per resource (empty unless <see cref="ComplianceStatus.Fail"/>).</param>
/// <param name="AcceptedBecause">The reason given with <c>--allow</c> when the findings were accepted; null otherwise.</param>
public sealed record DeployReadinessResult(
    string Id,
    string Title,
    string Source,
    ComplianceStatus Status,
    string Summary,
    IReadOnlyList<DeployReadinessFinding> Findings,
    string? AcceptedBecause)
{
    /// <summary>True when the check fails and its findings were not accepted: <c>plan</c> exits 4.</summary>
    public bool Blocks => Status == ComplianceStatus.Fail && AcceptedBecause is null;
}
