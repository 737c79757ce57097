namespace EksPlatform.Preflight;

/// <summary>One reason a template would fail to deploy, or deploy into something nobody can use.</summary>
/// <param name="Stack">Stack name.</param>
/// <param name="LogicalId">The resource to change; null when the problem is something missing from the stack.</param>
/// <param name="Problem">What is wrong, with the values found.</param>
/// <param name="Fix">What to change so the deploy succeeds.</param>
public sealed record DeployReadinessFinding(string Stack, string? LogicalId, string Problem, string Fix);
