using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksPlatform.Cli.Charts;

/// <summary>
/// One stack's outputs from the file <c>cdk deploy --outputs-file</c> writes:
/// <c>{"&lt;StackName&gt;": {"&lt;OutputKey&gt;": "value"}}</c>.
/// </summary>
/// <param name="StackName">The stack the values belong to.</param>
/// <param name="Values">Output values by key.</param>
public sealed record StackOutputs(string StackName, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>Reads the outputs of <paramref name="stackName"/> from an outputs file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not an outputs file, or does not hold that stack.</exception>
    public static StackOutputs Load(string path, string stackName)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"stack outputs file '{path}' does not exist (write it with cdk deploy --outputs-file {path})", path);
        }

        return Parse(File.ReadAllText(path), stackName, path);
    }

    /// <summary>Reads the outputs of <paramref name="stackName"/> from outputs-file JSON.</summary>
    /// <exception cref="FormatException">The text is not an outputs file, or does not hold that stack.</exception>
    public static StackOutputs Parse(string json, string stackName, string source = "outputs")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not JSON: {e.Message}", e);
        }

        if (root is not JsonObject stacks)
        {
            throw new FormatException($"{source} is not a cdk deploy --outputs-file file: expected {{\"<StackName>\": {{\"<OutputKey>\": \"value\"}}}}");
        }

        if (stacks[stackName] is not JsonObject outputs)
        {
            throw new FormatException(
                $"{source} has no outputs of stack {stackName} " +
                $"(stacks in the file: {(stacks.Count == 0 ? "none" : string.Join(", ", stacks.Select(s => s.Key)))}); " +
                "did you deploy another environment?");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in outputs)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                values[key] = text;
            }
        }

        return new StackOutputs(stackName, values);
    }

    /// <summary>The value of <paramref name="key"/>, or null when the stack has no such output.</summary>
    public string? Get(string key) => Values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
