using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using CfnRuleProps = Amazon.CDK.AWS.Events.CfnRuleProps;
using Amazon.CDK.AWS.SQS;
using Constructs;
using EksPlatform.Compliance;

namespace EksPlatform.Karpenter;

/// <summary>Inputs of <see cref="InterruptionQueue"/>.</summary>
/// <param name="ClusterName">The cluster whose Karpenter reads the queue (descriptions only; the names are generated).</param>
/// <param name="Events">The events to route to the queue; null: <see cref="InterruptionEvents.All"/>.</param>
public sealed record InterruptionQueueProps(string ClusterName, IReadOnlyList<InterruptionEvent>? Events = null);

/// <summary>
/// Karpenter's interruption queue (docs/karpenter.md §5): an SQS queue with server-side encryption (SQS-managed keys, as in
/// Karpenter's template: EventBridge needs no key policy for it) that keeps messages 300 seconds, one EventBridge rule per
/// event Karpenter handles, and a queue policy that lets only EventBridge send, only from these rules
/// (<c>aws:SourceArn</c>), and refuses every request without TLS.
/// </summary>
public sealed class InterruptionQueue : Construct
{
    /// <summary>How long a message stays (seconds): an interruption warning is worth nothing after the two minutes it announces.</summary>
    public const int MessageRetentionSeconds = 300;

    /// <summary>The service principal of EventBridge, the same in every partition (docs/karpenter.md §5).</summary>
    public const string EventBridgePrincipal = "events.amazonaws.com";

    /// <summary>Creates the queue, its policy and the rules.</summary>
    public InterruptionQueue(Construct scope, string id, InterruptionQueueProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentException.ThrowIfNullOrWhiteSpace(props.ClusterName, nameof(props.ClusterName));
        var events = props.Events ?? InterruptionEvents.All;
        if (events.Count == 0)
        {
            throw new ArgumentException("list at least one event: a queue no rule feeds tells Karpenter nothing", nameof(props.Events));
        }

        if (events.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"rule id {repeated.Key} is used twice; each event needs its own rule", nameof(props.Events));
        }

        Queue = new CfnQueue(this, "Queue", new CfnQueueProps
        {
            MessageRetentionPeriod = MessageRetentionSeconds,
            SqsManagedSseEnabled = true,
        });
        NagSuppressions.Add(Queue, "AwsSolutions-SQS3",
            "Karpenter's interruption queue: each message is a notice that is worthless after its 300-second retention, and Karpenter " +
            "deletes what it handles; a dead-letter queue would only keep stale notices");

        var rules = new Dictionary<InterruptionEvent, CfnRule>();
        foreach (var interruption in events)
        {
            rules[interruption] = new CfnRule(this, interruption.Id, new CfnRuleProps
            {
                Description = $"Karpenter of {props.ClusterName}: {interruption.DetailType} ({interruption.Source}) to the interruption queue",
                EventPattern = new Dictionary<string, object>
                {
                    ["source"] = new[] { interruption.Source },
                    ["detail-type"] = new[] { interruption.DetailType },
                },
                State = "ENABLED",
                Targets = new object[] { new CfnRule.TargetProperty { Id = "KarpenterInterruptionQueueTarget", Arn = Queue.AttrArn } },
            });
        }

        Rules = rules;
        Policy = new CfnQueuePolicy(this, "Policy", new CfnQueuePolicyProps
        {
            Queues = [Queue.Ref],
            PolicyDocument = new Dictionary<string, object>
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Sid"] = "EventBridgeRulesOnly",
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["Service"] = EventBridgePrincipal },
                        ["Action"] = "sqs:SendMessage",
                        ["Resource"] = Queue.AttrArn,
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = rules.Values.Select(r => r.AttrArn).ToArray() },
                        },
                    },
                    new Dictionary<string, object>
                    {
                        ["Sid"] = "DenyWithoutTls",
                        ["Effect"] = "Deny",
                        ["Principal"] = "*",
                        ["Action"] = "sqs:*",
                        ["Resource"] = Queue.AttrArn,
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
                        },
                    },
                },
            },
        });
    }

    /// <summary>The L1 queue.</summary>
    public CfnQueue Queue { get; }

    /// <summary>The queue's name, which Karpenter's <c>settings.interruptionQueue</c> takes (a reference).</summary>
    public string QueueName => Queue.AttrQueueName;

    /// <summary>The queue's ARN (a reference).</summary>
    public string QueueArn => Queue.AttrArn;

    /// <summary>The queue policy.</summary>
    public CfnQueuePolicy Policy { get; }

    /// <summary>The rule of each event.</summary>
    public IReadOnlyDictionary<InterruptionEvent, CfnRule> Rules { get; }
}
