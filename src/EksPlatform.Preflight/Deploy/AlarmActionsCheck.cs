using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// An alarm tells someone only through its AlarmActions, and an SNS topic delivers only to its subscriptions: an alarm
/// with no action, with actions disabled, or whose only actions are topics of the template with no subscription, goes
/// off unseen (docs/deploy-readiness.md §8, docs/limits-and-policies.md §5). Actions outside the template (another
/// topic's ARN, a parameter) may reach someone and are not judged.
/// </summary>
internal sealed class AlarmActionsCheck : DeployCheck
{
    public override string Id => "DEPLOY-008";

    public override string Title => "Every alarm notifies someone: an action, and a subscription on the topics it notifies";

    public override string Source => "docs/deploy-readiness.md §8; https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var alarms = context.All("AWS::CloudWatch::Alarm").ToList();
        if (alarms.Count == 0)
        {
            return NotApplicable("No AWS::CloudWatch::Alarm in the templates.");
        }
        var findings = new List<DeployReadinessFinding>();
        foreach (var (template, alarm) in alarms)
        {
            var actions = Intrinsics.Items(alarm["AlarmActions"]).ToList();
            if (Intrinsics.IsFalse(alarm["ActionsEnabled"]))
            {
                findings.Add(new(template.StackName, alarm.LogicalId, "The alarm has ActionsEnabled false: it changes state without telling anyone.",
                    "Remove ActionsEnabled: false, and name an SNS topic someone is subscribed to in AlarmActions."));
                continue;
            }
            if (actions.Count == 0)
            {
                findings.Add(new(template.StackName, alarm.LogicalId, "The alarm has no AlarmActions: it goes into ALARM without telling anyone.",
                    "Add an SNS topic someone is subscribed to (an email, or your on-call integration) to AlarmActions."));
                continue;
            }
            var silentTopics = actions.Select(template.Referenced).ToList();
            if (silentTopics.All(t => t is { Type: "AWS::SNS::Topic" } topic && !HasSubscription(template, topic)))
            {
                var topics = string.Join(", ", silentTopics.Select(t => t!.LogicalId).Distinct(StringComparer.Ordinal));
                findings.Add(new(template.StackName, alarm.LogicalId,
                    $"The alarm notifies only SNS topic(s) {topics}, which have no subscription in the template: nobody receives the notification.",
                    $"Add an AWS::SNS::Subscription to {topics} (the address must confirm it), or add a topic someone reads to AlarmActions."));
            }
        }
        return Outcome($"Checked the actions of {alarms.Count} alarm(s).", findings);
    }

    private static bool HasSubscription(TemplateModel template, TemplateResource topic) =>
        Intrinsics.Items(topic["Subscription"]).Any()
        || template.OfType("AWS::SNS::Subscription").Any(s => template.Referenced(s["TopicArn"])?.LogicalId == topic.LogicalId);
}
