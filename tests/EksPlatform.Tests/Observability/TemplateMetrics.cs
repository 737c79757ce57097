using System.Text;
using System.Text.Json.Nodes;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Observability;

/// <summary>A metric as a template uses it: in a dashboard widget or an alarm.</summary>
internal sealed record TemplateMetric(string Where, string Namespace, string Name, IReadOnlyList<KeyValuePair<string, string>> Dimensions, string Statistic)
{
    public IEnumerable<string> DimensionNames => Dimensions.Select(d => d.Key);

    public override string ToString() =>
        $"{Where}: {Namespace} {Name} [{string.Join(", ", Dimensions.Select(d => $"{d.Key}={d.Value}"))}] {Statistic}";
}

/// <summary>
/// Reads the metrics out of synthesized dashboards and alarms. A dashboard body is an <c>Fn::Join</c> of JSON text
/// around tokens (<c>Ref</c>, <c>Fn::GetAtt</c>); the text is reassembled with a placeholder per token, parsed as JSON,
/// and each widget's <c>metrics</c> rows are read: <c>[namespace, name, dim, value, …, {options}]</c>.
/// </summary>
internal static class TemplateMetrics
{
    /// <summary>The dashboard body as JSON, and the token behind each placeholder.</summary>
    public static (JsonNode Body, IReadOnlyDictionary<string, string> Tokens) DashboardBody(JsonObject dashboardProperties)
    {
        var body = dashboardProperties["DashboardBody"]!;
        if (body is JsonValue plain)
        {
            return (JsonNode.Parse(plain.GetValue<string>())!, new Dictionary<string, string>());
        }

        var join = body["Fn::Join"]!.AsArray();
        Assert.Equal("", (string?)join[0]);
        var text = new StringBuilder();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in join[1]!.AsArray())
        {
            if (part is JsonValue value && value.TryGetValue<string>(out var literal))
            {
                text.Append(literal);
            }
            else
            {
                // A placeholder that is valid inside a JSON string, where CDK puts every token of a dashboard body.
                var placeholder = $"__TOKEN_{tokens.Count}__";
                tokens[placeholder] = part!.ToJsonString();
                text.Append(placeholder);
            }
        }

        return (JsonNode.Parse(text.ToString())!, tokens);
    }

    /// <summary>Every metric row of every widget. Rows that are not plain metrics (math, search) are returned as such, so a test can refuse them.</summary>
    public static IEnumerable<TemplateMetric> OfDashboard(JsonNode body)
    {
        foreach (var widget in body["widgets"]!.AsArray())
        {
            var properties = widget!["properties"];
            var title = (string?)properties?["title"] ?? (string?)widget["type"] ?? "?";
            foreach (var row in properties?["metrics"]?.AsArray() ?? [])
            {
                var items = row!.AsArray();
                var options = items.LastOrDefault() as JsonObject;
                var values = items.Where(i => i is JsonValue).Select(i => (string)i!).ToArray();
                if (options?["expression"] is not null || values.Length < 2 || values.Length % 2 != 0)
                {
                    yield return new TemplateMetric($"widget '{title}'", "(not a plain metric)", row.ToJsonString(), [], "");
                    continue;
                }

                var dimensions = Enumerable.Range(1, (values.Length - 2) / 2)
                    .Select(i => KeyValuePair.Create(values[2 * i], values[(2 * i) + 1])).ToArray();
                // CloudWatch dashboards default to Average, and CDK leaves "stat" out when it is Average.
                yield return new TemplateMetric($"widget '{title}'", values[0], values[1], dimensions, (string?)options?["stat"] ?? "Average");
            }
        }
    }

    /// <summary>Every metric an alarm reads: its single metric, or each <c>MetricStat</c> of its math.</summary>
    public static IEnumerable<TemplateMetric> OfAlarm(string alarmName, JsonObject properties)
    {
        if (properties["MetricName"] is not null)
        {
            yield return new TemplateMetric($"alarm {alarmName}", (string)properties["Namespace"]!, (string)properties["MetricName"]!,
                Dimensions(properties["Dimensions"]), (string)properties["Statistic"]!);
        }

        foreach (var query in properties["Metrics"]?.AsArray() ?? [])
        {
            if (query!["MetricStat"] is { } stat)
            {
                yield return new TemplateMetric($"alarm {alarmName}", (string)stat["Metric"]!["Namespace"]!, (string)stat["Metric"]!["MetricName"]!,
                    Dimensions(stat["Metric"]!["Dimensions"]), (string)stat["Stat"]!);
            }
        }
    }

    /// <summary>The alarms of a template: logical id, alarm name, properties.</summary>
    public static IEnumerable<(string Id, string Name, JsonObject Properties)> Alarms(Synthesized synth) =>
        synth.Resources("AWS::CloudWatch::Alarm").Select(a => (a.Id, (string)a.Resource["Properties"]!["AlarmName"]!, a.Resource["Properties"]!.AsObject()));

    private static KeyValuePair<string, string>[] Dimensions(JsonNode? dimensions) =>
        (dimensions?.AsArray() ?? []).Select(d => KeyValuePair.Create((string)d!["Name"]!, d["Value"]!.ToJsonString())).ToArray();
}
