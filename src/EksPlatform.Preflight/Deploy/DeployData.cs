using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>What an EKS managed add-on runs, as Data/deploy-readiness.json records it (docs/deploy-readiness.md §7, §10).</summary>
/// <param name="Name">The add-on name (<c>AddonName</c>).</param>
/// <param name="RunsDeployment">It runs a Deployment, whose pods need a node before the add-on becomes ACTIVE.</param>
/// <param name="NodesNeedIt">Nodes do not become Ready without it (the pod network), so node groups must not come first.</param>
/// <param name="ServiceAccounts">The service accounts it creates, as <c>namespace/name</c>.</param>
internal sealed record AddonFacts(string Name, bool RunsDeployment, bool NodesNeedIt, IReadOnlyList<string> ServiceAccounts);

/// <summary>One length limit of a name property.</summary>
internal sealed record NameLimit(string Type, string Property, int Max, string Source);

/// <summary>The embedded Data/deploy-readiness.json, read once.</summary>
internal static class DeployData
{
    private static readonly Lazy<JsonObject> s_data = new(() => EmbeddedData.Load("deploy-readiness.json"));

    public static IReadOnlyDictionary<string, AddonFacts> Addons { get; } = LoadAddons();

    public static IReadOnlyList<NameLimit> NameLimits { get; } = s_data.Value["nameLimits"]!.AsArray().OfType<JsonObject>()
        .Select(l => new NameLimit((string)l["type"]!, (string)l["property"]!, (int)l["max"]!, (string)l["source"]!)).ToList();

    /// <summary>Resource type → the property that gives it a fixed name.</summary>
    public static IReadOnlyDictionary<string, string> NamedProperties { get; } = s_data.Value["namedProperties"]!.AsObject()
        .Where(p => !p.Key.StartsWith('$'))
        .ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);

    private static Dictionary<string, AddonFacts> LoadAddons() => s_data.Value["addons"]!.AsObject().ToDictionary(
        a => a.Key,
        a => new AddonFacts(a.Key, (string?)a.Value!["workload"] == "deployment", (bool)a.Value["nodesNeedIt"]!,
            a.Value["serviceAccounts"]!.AsArray().Select(s => (string)s!).ToList()),
        StringComparer.Ordinal);
}
