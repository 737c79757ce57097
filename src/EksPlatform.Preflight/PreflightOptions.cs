namespace EksPlatform.Preflight;

/// <summary>What the analysis needs besides the templates.</summary>
/// <param name="Cost">Usage assumptions for the cost estimate.</param>
/// <param name="Baseline">The previous synth (or a kept template) to compare against for replacements; null skips that part.</param>
/// <param name="IamAllowlist">Official statements the wildcard-write check accepts (default none).</param>
public sealed record PreflightOptions(CostAssumptions Cost, CloudAssembly? Baseline, IReadOnlyList<AllowlistedIamStatement>? IamAllowlist = null)
{
    /// <summary>Default assumptions, no baseline, empty allowlist.</summary>
    public static PreflightOptions Default { get; } = new(new CostAssumptions(), null);
}
