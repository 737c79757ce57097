using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using EksPlatform.Settings;

namespace EksPlatform.Tests.Support;

/// <summary>A synthesized platform stack: the CDK assertion template and the same template as JSON.</summary>
internal sealed class Synthesized
{
    public Synthesized(PlatformSettings settings)
    {
        Settings = settings;
        var (_, stack) = PlatformApp.Build(settings);
        Stack = stack;
        Template = Template.FromStack(stack);
        Json = JsonNode.Parse(JsonSerializer.Serialize(Template.ToJSON()))!.AsObject();
    }

    public PlatformSettings Settings { get; }

    public PlatformStack Stack { get; }

    public Template Template { get; }

    public JsonObject Json { get; }

    public IEnumerable<(string Id, JsonObject Resource)> Resources(string type) =>
        Json["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!.AsObject()));

    public JsonObject Properties(string logicalId) => Json["Resources"]![logicalId]!["Properties"]!.AsObject();

    /// <summary>
    /// The text of <paramref name="node"/>, a string or an <c>Fn::Join</c> of strings and <c>{"Ref": "AWS::URLSuffix"}</c>,
    /// as CloudFormation resolves it in a partition whose URL suffix is <paramref name="urlSuffix"/>.
    /// </summary>
    public static string WithUrlSuffix(JsonNode? node, string urlSuffix) => node switch
    {
        JsonValue value => (string)value!,
        JsonObject obj when obj["Fn::Join"] is JsonArray join && (string?)join[0] == "" => string.Concat(join[1]!.AsArray().Select(part =>
            part is JsonObject reference && (string?)reference["Ref"] == "AWS::URLSuffix" ? urlSuffix
                : (string?)part ?? throw new InvalidOperationException($"not text or AWS::URLSuffix: {part?.ToJsonString()}"))),
        _ => throw new InvalidOperationException($"not text or a join: {node?.ToJsonString()}"),
    };

    /// <summary>Resolves <c>{"Ref": id}</c> or <c>{"Fn::GetAtt": [id, …]}</c> to the logical id it names.</summary>
    public static string RefId(JsonNode? node) =>
        (string?)node?["Ref"] ?? (string?)node?["Fn::GetAtt"]?[0] ?? throw new InvalidOperationException($"not a reference: {node?.ToJsonString()}");
}

/// <summary>The prod, dev, Karpenter and Auto Mode platforms, synthesized once for all the tests that read them.</summary>
public sealed class PlatformFixture
{
    private readonly Lazy<Synthesized> _prod = new(() => new Synthesized(TestSettings.Env("prod")));
    private readonly Lazy<Synthesized> _dev = new(() => new Synthesized(TestSettings.Env("dev")));
    private readonly Lazy<Synthesized> _auto = new(() => new Synthesized(TestSettings.Env("automode")));
    private readonly Lazy<Synthesized> _karpenter = new(() => new Synthesized(TestSettings.Env("karpenter")));

    internal Synthesized Prod => _prod.Value;

    internal Synthesized Dev => _dev.Value;

    /// <summary>The Karpenter example profile (config/karpenter.yaml): Karpenter, every controller on EKS Pod Identity.</summary>
    internal Synthesized Karpenter => _karpenter.Value;

    /// <summary>The EKS Auto Mode example (config/automode.yaml).</summary>
    internal Synthesized Auto => _auto.Value;

    internal Synthesized Of(string env) => env switch
    {
        "prod" => Prod,
        "dev" => Dev,
        "karpenter" => Karpenter,
        "automode" => Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(env), env, "unknown profile"),
    };
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
