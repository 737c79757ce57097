using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Replacement;

/// <summary>
/// Values at a catalog path, written as the CloudFormation resource schemas write
/// <c>createOnlyProperties</c> without the <c>/properties/</c> prefix: <c>Name</c>,
/// <c>KubernetesNetworkConfig/IpFamily</c>, <c>ReplicationInfoList/*/SourceKafkaClusterArn</c>
/// (<c>*</c>: every element of an array, or every value of a map). Comparing the values at each
/// listed path, rather than the whole parent object, is what keeps an unlisted sibling (e.g.
/// <c>KubernetesNetworkConfig/ElasticLoadBalancing</c>) from reading as a replacement, while a new,
/// removed or rewritten parent still changes the listed paths under it.
/// </summary>
internal static class PropertyPath
{
    /// <summary>
    /// The value at <paramref name="path"/>, null when absent. Under <c>*</c> the result is an array
    /// (or object) holding one value per element (null where absent), so positions still compare.
    /// An intrinsic function on the way (<c>Fn::If</c>, <c>Ref</c>...) is the value itself: what it
    /// holds is only known at deploy time, so a change to it must count as a change of the path.
    /// </summary>
    public static JsonNode? Select(JsonObject properties, string path) => Select(properties, path.Split('/'), 0);

    private static JsonNode? Select(JsonNode? node, string[] segments, int index)
    {
        if (node is null || index == segments.Length || IsIntrinsic(node))
        {
            return node;
        }
        var segment = segments[index];
        return (segment, node) switch
        {
            ("*", JsonArray array) => new JsonArray(array.Select(e => Select(e, segments, index + 1)?.DeepClone()).ToArray()),
            ("*", JsonObject map) => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Select(p.Value, segments, index + 1)?.DeepClone()))),
            (_, JsonObject obj) => Select(obj[segment], segments, index + 1),
            _ => null,
        };
    }

    // CloudFormation's intrinsic functions are single-key objects named Ref or Fn::*
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
    private static bool IsIntrinsic(JsonNode node) =>
        node is JsonObject { Count: 1 } obj && obj.First().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal));
}
