using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EksPlatform.Settings;

/// <summary>
/// Reads YAML into a JSON tree so one JSON Schema checks both YAML files and editors' JSON.
/// Plain scalars become numbers, booleans or null as YAML 1.2's core schema says; quoted scalars stay strings
/// (so <c>kubernetesVersion: 1.30</c> is reported as "expected a string", never silently read as 1.3).
/// The tree is built from the parser's event stream with an explicit stack, not by recursion, so that hostile input
/// stays bounded: at most <see cref="MaxDepth"/> levels, <see cref="MaxValues"/> values after aliases are expanded
/// (an alias bomb stops there), and one document per file.
/// </summary>
internal static class YamlDocument
{
    /// <summary>Deepest nesting accepted; the settings themselves are at most five levels deep.</summary>
    public const int MaxDepth = 32;

    /// <summary>Most values (scalars, mappings, sequences) accepted, counting each alias expansion in full.</summary>
    public const int MaxValues = 20_000;

    public static JsonNode? Parse(string text, List<SettingsIssue> issues)
    {
        var builder = new TreeBuilder();
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                if (builder.Accept(parser.Current!) is { } problem)
                {
                    issues.Add(new SettingsIssue(problem.Path, problem.Message));
                    return null;
                }
            }

            return builder.Root ?? new JsonObject();
        }
        catch (YamlException e)
        {
            issues.Add(new SettingsIssue($"(line {e.Start.Line}, column {e.Start.Column})",
                $"this is not valid YAML: {Sentence((e.InnerException ?? e).Message)}"));
            return null;
        }
    }

    /// <summary>YamlDotNet's messages, made to read as the end of a sentence.</summary>
    private static string Sentence(string message)
    {
        var trimmed = message.Trim().TrimEnd('.');
        return trimmed.Length == 0 ? "the parser stopped here" : char.ToLowerInvariant(trimmed[0]) + trimmed[1..];
    }

    private sealed record Problem(string Path, string Message);

    /// <summary>One open mapping or sequence, and for a mapping the key whose value comes next.</summary>
    private sealed class Frame(JsonNode container, string? anchor)
    {
        public JsonNode Container { get; } = container;

        public string? Anchor { get; } = anchor;

        public string? PendingKey { get; set; }

        public int Values { get; set; } = 1;
    }

    private sealed class TreeBuilder
    {
        private readonly Stack<Frame> _open = new();
        private readonly Dictionary<string, (JsonNode? Node, int Values)> _anchors = new(StringComparer.Ordinal);
        private int _values;
        private int _documents;

        public JsonNode? Root { get; private set; }

        public Problem? Accept(ParsingEvent parsingEvent) => parsingEvent switch
        {
            DocumentStart => ++_documents > 1
                ? new Problem("(document)", "the file holds more than one YAML document (separated by ---); a settings file is one document")
                : null,
            MappingStart map => Open(new JsonObject(), map.Anchor),
            SequenceStart sequence => Open(new JsonArray(), sequence.Anchor),
            MappingEnd or SequenceEnd => Close(),
            Scalar scalar => Value(ToJson(scalar), scalar.Anchor, 1, scalar.Value),
            AnchorAlias alias => _anchors.TryGetValue(alias.Value.Value, out var anchored)
                ? Value(anchored.Node?.DeepClone(), AnchorName.Empty, anchored.Values, keyText: null)
                : new Problem(Path(), $"the alias *{alias.Value} names no anchor defined before it"),
            _ => null,
        };

        private Problem? Open(JsonNode container, AnchorName anchor)
        {
            if (_open.Count >= MaxDepth)
            {
                return new Problem(Path(), $"the settings nest deeper than {MaxDepth} levels; a settings file is only a few levels deep");
            }

            if (Budget(1) is { } problem)
            {
                return problem;
            }

            if (_open.TryPeek(out var parent) && parent.Container is JsonObject && parent.PendingKey is null)
            {
                return new Problem(Path(), "a mapping key must be plain text, not a mapping or a list");
            }

            _open.Push(new Frame(container, anchor.IsEmpty ? null : anchor.Value));
            return null;
        }

        private Problem? Close()
        {
            var frame = _open.Pop();
            if (frame.Anchor is not null)
            {
                _anchors[frame.Anchor] = (frame.Container, frame.Values);
            }

            return Attach(frame.Container, frame.Values);
        }

        private Problem? Value(JsonNode? node, AnchorName anchor, int values, string? keyText)
        {
            // A scalar in a mapping that waits for a key is that key, not a value.
            if (keyText is not null && _open.TryPeek(out var frame) && frame.Container is JsonObject map && frame.PendingKey is null)
            {
                if (map.ContainsKey(keyText))
                {
                    return new Problem(Path(keyText), $"the key '{keyText}' appears twice in the same mapping; keep one");
                }

                frame.PendingKey = keyText;
                return null;
            }

            if (Budget(values) is { } problem)
            {
                return problem;
            }

            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, values);
            }

            return Attach(node, values);
        }

        private Problem? Attach(JsonNode? node, int values)
        {
            if (!_open.TryPeek(out var parent))
            {
                Root = node;
                return null;
            }

            parent.Values += values;
            switch (parent.Container)
            {
                case JsonObject map when parent.PendingKey is { } key:
                    map[key] = node;
                    parent.PendingKey = null;
                    return null;
                case JsonObject:
                    return new Problem(Path(), "a mapping key must be plain text, not a mapping or a list");
                default:
                    ((JsonArray)parent.Container).Add(node);
                    return null;
            }
        }

        private Problem? Budget(int values)
        {
            _values += values;
            return _values > MaxValues
                ? new Problem("(document)",
                    $"the settings expand to more than {MaxValues} values (counting every use of a YAML alias); a settings file holds a few hundred")
                : null;
        }

        /// <summary>The field path of the value being read, e.g. <c>nodeGroups[1].labels</c>.</summary>
        private string Path(string? leaf = null)
        {
            var parts = _open.Reverse().Select(frame => frame.Container switch
            {
                JsonObject => frame.PendingKey,
                JsonArray array => $"[{array.Count}]",
                _ => null,
            }).Append(leaf).Where(p => p is not null);
            var path = string.Concat(parts.Select((p, i) => i == 0 || p!.StartsWith('[') ? p : "." + p));
            return path.Length == 0 ? "(root)" : path;
        }
    }

    private static JsonValue? ToJson(Scalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }
}
