using System.Text.Json.Nodes;

namespace EksPlatform.Preflight;

/// <summary>The CloudFormation stacks of a synthesized CDK app (a <c>cdk.out</c> directory).</summary>
/// <param name="Directory">The directory it was loaded from (empty when built in memory).</param>
/// <param name="Stacks">Every <c>aws:cloudformation:stack</c> artifact, nested assemblies included.</param>
public sealed record CloudAssembly(string Directory, IReadOnlyList<StackTemplate> Stacks)
{
    private const string StackArtifact = "aws:cloudformation:stack";
    private const string NestedAssemblyArtifact = "cdk:cloud-assembly";

    /// <summary>
    /// Reads <c>manifest.json</c> in <paramref name="dir"/> and every stack template it lists.
    /// Only JSON is read: no CDK, no jsii, no AWS call.
    /// </summary>
    /// <exception cref="FileNotFoundException">The manifest or a template is missing.</exception>
    /// <exception cref="InvalidDataException">The manifest or a template is not what the cloud assembly schema describes.</exception>
    public static CloudAssembly Load(string dir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dir);
        var stacks = new List<StackTemplate>();
        LoadInto(Path.GetFullPath(dir), stacks);
        return new CloudAssembly(Path.GetFullPath(dir), stacks);
    }

    /// <summary>
    /// One CloudFormation template file (JSON) as an assembly of one stack, named after the file, deploying to
    /// <paramref name="environment"/> (<c>aws://ACCOUNT/REGION</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The template is missing.</exception>
    /// <exception cref="InvalidDataException">The template is not a JSON object.</exception>
    public static CloudAssembly FromTemplate(string templatePath, string environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templatePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(environment);
        var path = Path.GetFullPath(templatePath);
        var name = Path.GetFileName(path).Split('.')[0];
        return new CloudAssembly(Path.GetDirectoryName(path) ?? "", [new StackTemplate(name, name, environment, ReadObject(path, "template"))]);
    }

    private static void LoadInto(string dir, List<StackTemplate> stacks)
    {
        var manifestPath = Path.Combine(dir, "manifest.json");
        var manifest = ReadObject(manifestPath, "cloud assembly manifest");
        if (manifest["artifacts"] is not JsonObject artifacts)
        {
            return; // An app with no stacks has no artifacts: an empty assembly, not an error.
        }
        foreach (var (artifactId, node) in artifacts)
        {
            if (node is not JsonObject artifact)
            {
                continue;
            }
            var type = (string?)artifact["type"];
            var properties = artifact["properties"] as JsonObject;
            if (type == StackArtifact)
            {
                var templateFile = (string?)properties?["templateFile"]
                    ?? throw new InvalidDataException($"{manifestPath}: artifact '{artifactId}' has no properties.templateFile");
                var template = ReadObject(Path.Combine(dir, templateFile), $"template of stack artifact '{artifactId}'");
                var stackName = (string?)properties?["stackName"] ?? artifactId;
                var environment = (string?)artifact["environment"] ?? "aws://unknown-account/unknown-region";
                stacks.Add(new StackTemplate(stackName, artifactId, environment, template));
            }
            else if (type == NestedAssemblyArtifact && (string?)properties?["directoryName"] is { } nested)
            {
                // CDK stages synthesize into nested assemblies (assembly-<Stage>/manifest.json).
                LoadInto(Path.Combine(dir, nested), stacks);
            }
        }
    }

    private static JsonObject ReadObject(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} was not found: {path}", path);
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"The {what} is not a JSON object: {path}");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"The {what} is not valid JSON: {path}: {e.Message}", e);
        }
    }
}
