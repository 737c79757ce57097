using System.Text.Json.Nodes;

namespace EksPlatform.Tests.Support;

/// <summary>
/// What CloudFormation would make of a template's references, with made-up but consistent values: a <c>Ref</c> to a
/// resource with a literal <c>Name</c> is that name (an EKS cluster's, say), other references get a value derived from
/// the logical id. The same reference always resolves to the same value, so a build specification and the stack
/// outputs resolved with it agree exactly as they would after a deploy.
/// </summary>
internal sealed class FakeDeploy(JsonObject template)
{
    public const string Account = "123456789012";

    private JsonObject TemplateResources => template["Resources"]!.AsObject();

    /// <summary>The text of a string, <c>Fn::Join</c>, <c>Ref</c> or <c>Fn::GetAtt</c>.</summary>
    public string Text(JsonNode? node) => node switch
    {
        JsonValue value => (string)value!,
        JsonObject obj when obj["Fn::Join"] is JsonArray join =>
            string.Join((string)join[0]!, join[1]!.AsArray().Select(Text)),
        JsonObject obj when obj["Ref"] is JsonValue reference => Ref((string)reference!),
        JsonObject obj when obj["Fn::GetAtt"] is JsonArray attribute => $"arn:aws:fake:us-east-1:{Account}:{attribute[0]}/{attribute[1]}",
        _ => throw new InvalidOperationException($"cannot resolve {node?.ToJsonString()}"),
    };

    /// <summary>The stack's outputs, as <c>cdk deploy --outputs-file</c> would write them.</summary>
    public Dictionary<string, string> Outputs() =>
        template["Outputs"]!.AsObject().ToDictionary(output => output.Key, output => Text(output.Value!["Value"]), StringComparer.Ordinal);

    private string Ref(string id) => id switch
    {
        "AWS::Region" => "us-east-1",
        "AWS::AccountId" => Account,
        "AWS::Partition" => "aws",
        "AWS::URLSuffix" => "amazonaws.com",
        "AWS::StackId" => $"arn:aws:cloudformation:us-east-1:{Account}:stack/fake/1",
        _ when TemplateResources[id]?["Properties"]?["Name"] is JsonValue name && name.TryGetValue<string>(out var literal) => literal,
        _ => $"ref-{id}",
    };
}
