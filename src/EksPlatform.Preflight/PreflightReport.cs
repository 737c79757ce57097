namespace EksPlatform.Preflight;

/// <summary>Everything <c>plan</c> shows before a deploy.</summary>
/// <param name="Summary">Resource counts per stack.</param>
/// <param name="Compliance">Every check, in a fixed order.</param>
/// <param name="DeployReadiness">Every "will it deploy?" check, in a fixed order (docs/deploy-readiness.md).</param>
/// <param name="Cost">Monthly estimate.</param>
/// <param name="NatVersusEndpoints">Break-even of AWS API traffic via NAT versus interface endpoints.</param>
/// <param name="Replacements">Deletions and replacements against the baseline (empty without one).</param>
/// <param name="MermaidDiagram">Architecture as a Mermaid flowchart.</param>
/// <param name="SvgDiagram">The same architecture as a standalone SVG document.</param>
/// <param name="BaselineCompared">False when no baseline was given, so an empty replacement list means "not checked".</param>
public sealed record PreflightReport(
    ResourceSummary Summary,
    IReadOnlyList<ComplianceResult> Compliance,
    IReadOnlyList<DeployReadinessResult> DeployReadiness,
    CostEstimate Cost,
    BreakEven NatVersusEndpoints,
    IReadOnlyList<ReplacementWarning> Replacements,
    string MermaidDiagram,
    string SvgDiagram,
    bool BaselineCompared)
{
    /// <summary>True when a stateful resource would be deleted or replaced: the CLI exits 3.</summary>
    public bool HasStatefulReplacement => Replacements.Any(r => r.Stateful);

    /// <summary>True when a deploy-readiness check fails and was not accepted: the CLI exits 4.</summary>
    public bool HasDeployBlocker => DeployReadiness.Any(r => r.Blocks);

    /// <summary>True when any check fails; written to the JSON report (<c>hasComplianceFailure</c>) for scripts that gate on it.</summary>
    public bool HasComplianceFailure => Compliance.Any(c => c.Status == ComplianceStatus.Fail);
}
