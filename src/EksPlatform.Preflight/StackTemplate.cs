using System.Text.Json.Nodes;

namespace EksPlatform.Preflight;

/// <summary>One CloudFormation stack of a cloud assembly: its template and where it deploys.</summary>
/// <param name="StackName">The CloudFormation stack name (manifest <c>properties.stackName</c>, else the artifact id).</param>
/// <param name="ArtifactId">The artifact id in <c>manifest.json</c>.</param>
/// <param name="Environment">The manifest environment, e.g. <c>aws://123456789012/us-east-1</c>.</param>
/// <param name="Template">The parsed template JSON.</param>
public sealed record StackTemplate(string StackName, string ArtifactId, string Environment, JsonObject Template)
{
    private const string Prefix = "aws://";

    /// <summary>The account part of <see cref="Environment"/> (may be <c>unknown-account</c>).</summary>
    public string Account => EnvironmentPart(0);

    /// <summary>The region part of <see cref="Environment"/> (may be <c>unknown-region</c>).</summary>
    public string Region => EnvironmentPart(1);

    private string EnvironmentPart(int index)
    {
        // The cloud assembly schema writes environments as aws://ACCOUNT/REGION; anything else is
        // reported as unknown rather than guessed.
        if (!Environment.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return index == 0 ? "unknown-account" : "unknown-region";
        }
        var parts = Environment[Prefix.Length..].Split('/');
        return parts.Length == 2 ? parts[index] : (index == 0 ? "unknown-account" : "unknown-region");
    }
}
