namespace EksPlatform.Preflight;

/// <summary>What the analysis needs besides the templates.</summary>
/// <param name="Cost">Usage assumptions for the cost estimate.</param>
/// <param name="Baseline">The previous synth (or a kept template) to compare against for replacements; null skips that part.</param>
/// <param name="IamAllowlist">Official statements the wildcard-write check accepts (default none).</param>
/// <param name="Accepted">Deploy-readiness check ids whose findings are accepted, each with the reason printed in the report
/// (<c>plan --allow ID=reason</c>); default none.</param>
/// <param name="ServiceAccounts">Service accounts that exist outside the templates (the Helm values <c>controllers</c> renders,
/// or <c>plan --service-account</c>); IRSA roles trusting one of them pass DEPLOY-010. Default none.</param>
public sealed record PreflightOptions(
    CostAssumptions Cost,
    CloudAssembly? Baseline,
    IReadOnlyList<AllowlistedIamStatement>? IamAllowlist = null,
    IReadOnlyDictionary<string, string>? Accepted = null,
    IReadOnlyList<DeclaredServiceAccount>? ServiceAccounts = null)
{
    /// <summary>Default assumptions, no baseline, empty allowlist, nothing accepted, no outside service accounts.</summary>
    public static PreflightOptions Default { get; } = new(new CostAssumptions(), null);
}
