using System.Text.RegularExpressions;
using EksPlatform.Karpenter;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Karpenter;

/// <summary>
/// Every EventBridge rule of the interruption queue matches an event exactly as AWS names and sources it: the synthesized
/// patterns are compared with the data list <see cref="InterruptionEvents"/>, and that list with the table of
/// docs/karpenter.md §5, which cites the AWS page of each event. A misspelt detail-type (a rule on
/// "C2 Instance State-change Notification") fails here.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class InterruptionEventTests(PlatformFixture platform)
{
    [Fact]
    public void Every_synthesized_rule_pattern_is_one_documented_event_and_every_documented_event_has_its_rule()
    {
        var synth = platform.Karpenter;
        var queueId = Assert.Single(synth.Resources("AWS::SQS::Queue")).Id;
        var patterns = KarpenterStackTests.QueueRules(synth, queueId)
            .Select(r => r.Resource["Properties"]!["EventPattern"]!.AsObject())
            .Select(p =>
            {
                Assert.Equal(["detail-type", "source"], p.Select(kv => kv.Key).Order(StringComparer.Ordinal));
                return ((string)Assert.Single(p["source"]!.AsArray())!, (string)Assert.Single(p["detail-type"]!.AsArray())!);
            })
            .ToList();

        Assert.Equal(Documented().Select(d => (d.Source, d.DetailType)).Order(), patterns.Order());
    }

    [Fact]
    public void The_data_list_is_the_documented_table_row_for_row()
    {
        var documented = Documented();

        Assert.Equal(InterruptionEvents.All.Count, documented.Count);
        foreach (var (interruption, row) in InterruptionEvents.All.Zip(documented))
        {
            Assert.Equal(row.Rule, interruption.Id);
            Assert.Equal(row.Source, interruption.Source);
            Assert.Equal(row.DetailType, interruption.DetailType);
            Assert.StartsWith(interruption.Documentation, row.Documentation, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("aws.ec2", "EC2 Instance State-change Notification")]
    [InlineData("aws.ec2", "EC2 Spot Instance Interruption Warning")]
    [InlineData("aws.health", "AWS Health Event")]
    public void The_names_karpenter_parses_are_in_the_list(string source, string detailType)
    {
        // The detail-types of pkg/controllers/interruption/messages/*/parser.go at v1.14.1 (docs/karpenter.md §5).
        Assert.Contains(InterruptionEvents.All, e => e.Source == source && e.DetailType == detailType);
    }

    /// <summary>The rows of the events table in docs/karpenter.md §5: rule, `source`, `detail-type`, documentation.</summary>
    private static List<(string Rule, string Source, string DetailType, string Documentation)> Documented()
    {
        var text = File.ReadAllText(Repo.Path("docs", "karpenter.md"));
        var start = text.IndexOf("## §5", StringComparison.Ordinal);
        var section = text[start..text.IndexOf("## §6", start, StringComparison.Ordinal)];
        var rows = Row().Matches(section).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value.Trim())).ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    [GeneratedRegex(@"^\| (\w+Rule) \| `([^`]+)` \| `([^`]+)` \| (.+) \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
