namespace EksPlatform.Preflight;

/// <summary>What the assembly contains.</summary>
/// <param name="ResourceCount">Resources over all stacks.</param>
/// <param name="Stacks">Per stack.</param>
public sealed record ResourceSummary(int ResourceCount, IReadOnlyList<StackSummary> Stacks);
