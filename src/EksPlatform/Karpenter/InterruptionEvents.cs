namespace EksPlatform.Karpenter;

/// <summary>
/// One kind of event Karpenter reads from its interruption queue: the EventBridge <c>source</c> and <c>detail-type</c> exactly
/// as AWS sends them, the rule's construct id, and the AWS page that documents the event.
/// </summary>
/// <param name="Id">The rule's construct id (part of its logical id: never change it for a shipped rule).</param>
/// <param name="Source">The event's <c>source</c>.</param>
/// <param name="DetailType">The event's <c>detail-type</c>, spelt as AWS sends it.</param>
/// <param name="Documentation">The AWS page documenting the event and its name.</param>
public sealed record InterruptionEvent(string Id, string Source, string DetailType, string Documentation);

/// <summary>
/// The events of Karpenter's getting-started CloudFormation template for v1.14.1 (one rule each), which are also the messages
/// its interruption controller parses (pkg/controllers/interruption/messages/*/parser.go at v1.14.1). Names and sources are
/// those of the AWS documentation (docs/karpenter.md §5, where this list is kept in words); a test compares every
/// synthesized rule pattern with this list, and this list with that section.
/// </summary>
public static class InterruptionEvents
{
    /// <summary>Every event, in the template's order.</summary>
    public static IReadOnlyList<InterruptionEvent> All { get; } =
    [
        new("ScheduledChangeRule", "aws.health", "AWS Health Event",
            "https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-health.html"),
        new("SpotInterruptionRule", "aws.ec2", "EC2 Spot Instance Interruption Warning",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-instance-termination-notices.html"),
        new("RebalanceRule", "aws.ec2", "EC2 Instance Rebalance Recommendation",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/rebalance-recommendations.html"),
        new("InstanceStateChangeRule", "aws.ec2", "EC2 Instance State-change Notification",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitoring-instance-state-changes.html"),
        new("CapacityReservationInterruptionRule", "aws.ec2", "EC2 Capacity Reservation Instance Interruption Warning",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitor-interruptible-cr.html"),
    ];
}
