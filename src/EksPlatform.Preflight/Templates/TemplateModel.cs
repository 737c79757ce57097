using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Templates;

/// <summary>
/// Read-only view of one stack's template: resources by id and type, parameters, and string
/// resolution of intrinsics using what the manifest knows (region, account, stack name).
/// </summary>
internal sealed class TemplateModel
{
    private const string ResourcesKey = "Resources"; // the template section, not this class's property
    private readonly Dictionary<string, TemplateResource> _byId = new(StringComparer.Ordinal);
    private readonly JsonObject _parameters;
    private NetworkTopology? _network;
    private DependencyGraph? _dependencies;

    public TemplateModel(StackTemplate stack)
    {
        Stack = stack;
        _parameters = stack.Template["Parameters"] as JsonObject ?? [];
        var resources = new List<TemplateResource>();
        if (stack.Template[ResourcesKey] is JsonObject section)
        {
            foreach (var (id, node) in section)
            {
                if (node is JsonObject definition && Intrinsics.AsString(definition["Type"]) is { } type)
                {
                    var resource = new TemplateResource(id, type, definition["Properties"] as JsonObject ?? [], definition);
                    resources.Add(resource);
                    _byId[id] = resource;
                }
            }
        }
        Resources = resources;
    }

    public StackTemplate Stack { get; }

    public string StackName => Stack.StackName;

    public IReadOnlyList<TemplateResource> Resources { get; }

    /// <summary>Subnets, route tables, endpoints and NAT gateways, worked out once.</summary>
    public NetworkTopology Network => _network ??= new NetworkTopology(this);

    /// <summary>Creation order of the resources (DependsOn and references), worked out once.</summary>
    public DependencyGraph Dependencies => _dependencies ??= new DependencyGraph(this);

    /// <summary>The region if the manifest gives a concrete one, else null.</summary>
    public string? ConcreteRegion => Stack.Region is { Length: > 0 } r && !r.StartsWith("unknown", StringComparison.Ordinal) ? r : null;

    public TemplateResource? Find(string? logicalId) =>
        logicalId is not null && _byId.TryGetValue(logicalId, out var resource) ? resource : null;

    public IEnumerable<TemplateResource> OfType(string type) => Resources.Where(r => r.Type == type);

    /// <summary>The resource a Ref / Fn::GetAtt value points at, if it is in this template.</summary>
    public TemplateResource? Referenced(JsonNode? node) => Find(Intrinsics.ReferencedLogicalId(node));

    /// <summary>A template parameter's definition, or null.</summary>
    public JsonObject? Parameter(string name) => _parameters[name] as JsonObject;

    /// <summary>
    /// A value as text: literals as they are, Fn::Join / Fn::Sub / Fn::Select on literals worked
    /// out, Refs to parameters replaced by their default, pseudo parameters by what the manifest
    /// says, and anything known only at deploy time by a {{placeholder}}. Null only for null.
    /// </summary>
    public string? Resolve(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value:
                return value.TryGetValue<string>(out var text) ? text : value.ToJsonString();
            case JsonArray array:
                return string.Join(",", array.Select(Resolve));
            case JsonObject obj when obj.Count == 1:
                var (name, argument) = obj.First();
                return name switch
                {
                    "Ref" => ResolveRef(Intrinsics.AsString(argument) ?? "?"),
                    "Fn::GetAtt" => Intrinsics.Placeholder(argument is JsonArray parts
                        ? string.Join(".", parts.Select(p => Intrinsics.AsString(p)))
                        : Intrinsics.AsString(argument) ?? "?"),
                    "Fn::Join" when argument is JsonArray { Count: 2 } join =>
                        string.Join(Intrinsics.AsString(join[0]) ?? "", join[1] is JsonArray items ? items.Select(Resolve) : [Resolve(join[1])]),
                    "Fn::Sub" when argument is not null => ResolveSub(argument, jsonEscape: false),
                    "Fn::Select" when argument is JsonArray { Count: 2 } select
                        && Intrinsics.AsDecimal(select[0]) is { } index
                        && select[1] is JsonArray list && index >= 0 && index < list.Count => Resolve(list[(int)index]),
                    _ => Intrinsics.Placeholder(name),
                };
            default:
                return Intrinsics.Placeholder("value");
        }
    }

    /// <summary>Fn::Sub worked out; with jsonEscape the inserted values are escaped for a JSON string.</summary>
    public string ResolveSub(JsonNode sub, bool jsonEscape)
    {
        var (text, variables) = Intrinsics.SubParts(sub);
        return text is null ? Intrinsics.Placeholder("Fn::Sub") : Intrinsics.Substitute(text, variables, v => Resolve(v) ?? "", jsonEscape);
    }

    private string ResolveRef(string name)
    {
        switch (name)
        {
            case "AWS::Region":
                return ConcreteRegion ?? Intrinsics.Placeholder(name);
            case "AWS::AccountId":
                return Stack.Account.All(char.IsAsciiDigit) && Stack.Account.Length > 0 ? Stack.Account : Intrinsics.Placeholder(name);
            case "AWS::StackName":
                return Stack.StackName;
            case "AWS::Partition":
                return Partition;
            case "AWS::URLSuffix":
                return Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        }
        if (Parameter(name) is { } parameter && parameter["Default"] is { } fallback)
        {
            return Resolve(fallback) ?? Intrinsics.Placeholder(name);
        }
        return Intrinsics.Placeholder(name);
    }

    private string Partition => ConcreteRegion switch
    {
        { } r when r.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        { } r when r.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ => "aws",
    };
}
