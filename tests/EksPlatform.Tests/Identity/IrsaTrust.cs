using System.Text.Json.Nodes;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

/// <summary>
/// An IRSA trust policy read back from a synthesized template: the <c>Fn::Sub</c> text parsed as JSON with the
/// issuer and provider variables replaced by markers, plus the variables themselves.
/// </summary>
internal sealed record IrsaTrust(string RoleId, JsonObject Grant, JsonObject Variables)
{
    public const string IssuerMarker = "ISSUER.example/id/0";
    public const string ProviderMarker = "PROVIDER-ARN";

    public JsonObject ExactConditions => Grant["Condition"]!["StringEquals"]!.AsObject();

    public string? Subject => (string?)ExactConditions[$"{IssuerMarker}:sub"];

    public string? Audience => (string?)ExactConditions[$"{IssuerMarker}:aud"];

    /// <summary>Every role whose trust policy is an <c>Fn::Sub</c> document (the IRSA roles).</summary>
    public static IReadOnlyList<IrsaTrust> All(Synthesized synth) =>
        synth.Resources("AWS::IAM::Role")
            .Where(r => r.Resource["Properties"]!["AssumeRolePolicyDocument"]?["Fn::Sub"] is not null)
            .Select(r => Parse(r.Id, r.Resource["Properties"]!["AssumeRolePolicyDocument"]!["Fn::Sub"]!.AsArray()))
            .ToArray();

    private static IrsaTrust Parse(string roleId, JsonArray sub)
    {
        var text = (string)sub[0]!;
        var document = JsonNode.Parse(text.Replace("${Issuer}", IssuerMarker, StringComparison.Ordinal)
            .Replace("${ProviderArn}", ProviderMarker, StringComparison.Ordinal))!.AsObject();
        Assert.DoesNotContain("${", document.ToJsonString(), StringComparison.Ordinal);
        return new IrsaTrust(roleId, Assert.Single(document["Statement"]!.AsArray())!.AsObject(), sub[1]!.AsObject());
    }
}
