namespace EksPlatform.Preflight;

/// <summary>How many resources of one type a stack has.</summary>
public sealed record ResourceTypeCount(string Type, int Count);
