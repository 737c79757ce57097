using System.Text.Json.Nodes;

namespace EksPlatform.Preflight.Templates;

/// <summary>
/// Which resources of a template CloudFormation creates before which: a resource waits for every resource it names in
/// <c>DependsOn</c> and every resource its properties reference (Ref, Fn::GetAtt, ${X} in Fn::Sub), and, through them,
/// for theirs. References to resources of other stacks or to parameters do not order anything here.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly Dictionary<string, HashSet<string>> _direct = new(StringComparer.Ordinal);

    public DependencyGraph(TemplateModel template)
    {
        foreach (var resource in template.Resources)
        {
            var targets = new HashSet<string>(StringComparer.Ordinal);
            switch (resource.Definition["DependsOn"])
            {
                case JsonArray list:
                    targets.UnionWith(list.Select(Intrinsics.AsString).OfType<string>());
                    break;
                case JsonValue single when Intrinsics.AsString(single) is { } name:
                    targets.Add(name);
                    break;
            }
            targets.UnionWith(Intrinsics.References(resource.Properties));
            targets.RemoveWhere(id => template.Find(id) is null);
            _direct[resource.LogicalId] = targets;
        }
    }

    /// <summary>True when <paramref name="from"/> is created only after <paramref name="to"/> exists (directly or through others).</summary>
    public bool WaitsFor(string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(from);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var next in _direct.GetValueOrDefault(current) ?? [])
            {
                if (next == to)
                {
                    return true;
                }
                if (seen.Add(next))
                {
                    pending.Push(next);
                }
            }
        }
        return false;
    }
}
