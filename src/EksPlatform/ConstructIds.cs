namespace EksPlatform;

/// <summary>
/// Construct IDs from names in settings (<c>ecr.api</c>, <c>vpc-cni</c>, <c>apps-spot</c>): PascalCase, stable, and
/// never built from values that change on ordinary edits (versions, sizes), because an ID is a logical ID and
/// renaming one replaces the resource.
/// </summary>
internal static class ConstructIds
{
    /// <summary><c>ecr.api</c> → <c>EcrApi</c>, <c>eks-pod-identity-agent</c> → <c>EksPodIdentityAgent</c>.</summary>
    public static string Pascal(string name) => string.Concat(name
        .Split(['.', '-', '_', '/'], StringSplitOptions.RemoveEmptyEntries)
        .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
