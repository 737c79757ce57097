namespace EksPlatform.Preflight.Replacement;

/// <summary>One resource type of Data/create-only-properties.json.</summary>
/// <param name="CreateOnly">Paths whose change replaces the resource.</param>
/// <param name="Conditional">Paths whose change may replace it ("maybe" in the schema database).</param>
/// <param name="Stateful">The schema database marks the type as holding state.</param>
internal sealed record CreateOnlyEntry(IReadOnlyList<string> CreateOnly, IReadOnlyList<string> Conditional, bool Stateful);
