using System.Text.Json.Nodes;

namespace EksPlatform.Preflight;

/// <summary>
/// An IAM statement known to be official (e.g. from the AWS Load Balancer Controller's published
/// policy) that may grant writes on <c>*</c>. The wildcard check reports a matching statement as
/// allowlisted instead of failing. Matching is structural and ignores <c>Sid</c> and the order of
/// actions and resources, so the allowlist cannot silently cover a widened statement.
/// </summary>
/// <param name="Label">Where the statement comes from, shown in the report.</param>
/// <param name="Statement">The statement JSON.</param>
public sealed record AllowlistedIamStatement(string Label, JsonObject Statement)
{
    private const string StatementKey = "Statement"; // a JSON key, not this record's property

    /// <summary>One entry per statement of a policy document (JSON text), all with the same label.</summary>
    public static IReadOnlyList<AllowlistedIamStatement> FromPolicyDocument(string label, string policyJson)
    {
        var document = JsonNode.Parse(policyJson) as JsonObject
            ?? throw new ArgumentException("The policy document is not a JSON object.", nameof(policyJson));
        return document[StatementKey] switch
        {
            JsonArray statements => statements.OfType<JsonObject>().Select(s => new AllowlistedIamStatement(label, s)).ToList(),
            JsonObject single => [new AllowlistedIamStatement(label, single)],
            _ => [],
        };
    }
}
