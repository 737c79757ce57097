namespace EksPlatform.Preflight;

/// <summary>One stack in the resource summary.</summary>
/// <param name="StackName">Stack name.</param>
/// <param name="Environment">aws://account/region from the manifest.</param>
/// <param name="ResourceCount">Number of resources.</param>
/// <param name="ByType">Counts per type, most frequent first.</param>
public sealed record StackSummary(string StackName, string Environment, int ResourceCount, IReadOnlyList<ResourceTypeCount> ByType);
