using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Replacement;

/// <summary>
/// Compares each stack with the baseline stack of the same name, resource by resource: removed,
/// type changed, or a create-only property changed (compared structurally, so key order and
/// formatting do not matter). Then follows references: a create-only property that points at a
/// replaced resource usually gets a new value at deploy time (a new ARN or id), which replaces that
/// resource too. Whether the value really changes is only known at deploy time (a fixed name keeps
/// its Ref), so these warnings say "if", and still count: the preflight errs on the side of a review.
/// </summary>
internal static class ReplacementDetector
{
    public static IReadOnlyList<ReplacementWarning> Compare(IReadOnlyList<TemplateModel> current, IReadOnlyList<TemplateModel> baseline)
    {
        var warnings = new List<ReplacementWarning>();
        foreach (var old in baseline)
        {
            var now = current.FirstOrDefault(t => t.StackName == old.StackName);
            foreach (var oldResource in old.Resources)
            {
                var newResource = now?.Find(oldResource.LogicalId);
                warnings.AddRange(CompareResource(old.StackName, oldResource, newResource, now is null));
            }
            if (now is not null)
            {
                warnings.AddRange(Cascade(now, warnings
                    .Where(w => w.Stack == now.StackName && w.Kind is ReplacementKind.TypeChanged or ReplacementKind.CreateOnlyPropertyChanged)
                    .Select(w => w.LogicalId)));
            }
        }
        return warnings;
    }

    private static IEnumerable<ReplacementWarning> CompareResource(string stack, TemplateResource old, TemplateResource? now, bool stackRemoved)
    {
        var stateful = StatefulTypes.IsStateful(old.Type);
        if (now is null)
        {
            var retained = Intrinsics.AsString(old.Definition["DeletionPolicy"]) is "Retain" or "RetainExceptOnCreate" or "Snapshot";
            var why = stackRemoved ? "its stack is not in the new assembly" : "it is not in the new template";
            yield return new ReplacementWarning(stack, old.LogicalId, old.Type, ReplacementKind.Removed, null, null, null, stateful,
                $"{old.Type} {old.LogicalId} will be deleted: {why}{(retained ? " (DeletionPolicy keeps the physical resource, orphaned)" : "")}.");
            yield break;
        }
        if (now.Type != old.Type)
        {
            yield return new ReplacementWarning(stack, old.LogicalId, old.Type, ReplacementKind.TypeChanged, null, old.Type, now.Type,
                stateful || StatefulTypes.IsStateful(now.Type), $"{old.LogicalId} changes type from {old.Type} to {now.Type}: replaced.");
            yield break;
        }
        if (!CreateOnlyCatalog.Covers(old.Type))
        {
            if (!JsonNode.DeepEquals(old.Properties, now.Properties))
            {
                yield return new ReplacementWarning(stack, old.LogicalId, old.Type, ReplacementKind.UnknownType, null, null, null, stateful,
                    $"{old.Type} is not in the create-only catalog ({CreateOnlyCatalog.Source}) and its properties changed: replacement cannot be ruled out.");
            }
            yield break;
        }
        foreach (var (path, kind) in PathsOf(old.Type))
        {
            var before = PropertyPath.Select(old.Properties, path);
            var after = PropertyPath.Select(now.Properties, path);
            if (JsonNode.DeepEquals(before, after))
            {
                continue;
            }
            var verb = kind == ReplacementKind.CreateOnlyPropertyChanged ? "replaces" : "may replace";
            yield return new ReplacementWarning(stack, old.LogicalId, old.Type, kind, path, Compact(before), Compact(after), stateful,
                $"Changing {path} of {old.Type} {old.LogicalId} {verb} it{(stateful ? " (stateful: its data is lost)" : "")}.");
        }
    }

    private static List<ReplacementWarning> Cascade(TemplateModel now, IEnumerable<string> replacedIds)
    {
        var replaced = replacedIds.ToHashSet(StringComparer.Ordinal);
        var cascaded = new List<ReplacementWarning>();
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var resource in now.Resources.Where(r => !replaced.Contains(r.LogicalId)))
            {
                var hit = CreateOnlyCatalog.CreateOnlyProperties(resource.Type)
                    .Select(path => (Path: path,
                        Target: Intrinsics.References(PropertyPath.Select(resource.Properties, path)).FirstOrDefault(replaced.Contains)))
                    .FirstOrDefault(h => h.Target is not null);
                if (hit.Target is null)
                {
                    continue;
                }
                var stateful = StatefulTypes.IsStateful(resource.Type);
                cascaded.Add(new ReplacementWarning(now.StackName, resource.LogicalId, resource.Type, ReplacementKind.ReferencedResourceReplaced, hit.Path,
                    null, null, stateful,
                    $"{hit.Path} of {resource.Type} {resource.LogicalId} refers to {hit.Target}, which is replaced: " +
                    $"if the referenced value changes at deploy time, {resource.LogicalId} is replaced too" +
                    $"{(stateful ? " (stateful: its data is lost)" : "")}."));
                replaced.Add(resource.LogicalId);
                changed = true;
            }
        }
        return cascaded;
    }

    private static IEnumerable<(string Path, ReplacementKind Kind)> PathsOf(string type) =>
        CreateOnlyCatalog.CreateOnlyProperties(type).Select(p => (p, ReplacementKind.CreateOnlyPropertyChanged))
            .Concat(CreateOnlyCatalog.ConditionalProperties(type).Select(p => (p, ReplacementKind.ConditionalPropertyChanged)));

    private static string? Compact(JsonNode? node) => node?.ToJsonString();
}
