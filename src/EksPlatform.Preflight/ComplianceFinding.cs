namespace EksPlatform.Preflight;

/// <summary>Why one resource fails a check (or would, if it were not allowlisted).</summary>
/// <param name="Stack">Stack name.</param>
/// <param name="LogicalId">The resource's logical id; null when the problem is a missing resource.</param>
/// <param name="Reason">What is wrong, with the values found.</param>
public sealed record ComplianceFinding(string Stack, string? LogicalId, string Reason);
