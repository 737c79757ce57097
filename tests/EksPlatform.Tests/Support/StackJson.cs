using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace EksPlatform.Tests.Support;

/// <summary>The template of a stack built alone, as JSON, and its resources by type.</summary>
internal static class StackJson
{
    public static JsonObject Of(Stack stack) => JsonNode.Parse(JsonSerializer.Serialize(Template.FromStack(stack).ToJSON()))!.AsObject();

    /// <summary>Every resource of <paramref name="type"/>: its logical id and the whole resource (Properties, DeletionPolicy …).</summary>
    public static IReadOnlyList<(string Id, JsonObject Resource)> Resources(this JsonObject template, string type) =>
        [.. template["Resources"]!.AsObject().Where(r => (string?)r.Value!["Type"] == type).Select(r => (r.Key, r.Value!.AsObject()))];

    /// <summary>The properties of the only resource of <paramref name="type"/>.</summary>
    public static JsonObject Single(this JsonObject template, string type) => Assert.Single(template.Resources(type)).Resource["Properties"]!.AsObject();

    /// <summary>An imported key of the test account and region.</summary>
    public static string KeyArn(string id) => $"arn:aws:kms:{ImportedCluster.Region}:{ImportedCluster.Account}:key/{id}-2222-3333-4444-555555555555";
}
