using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Constructs;
using EksPlatform.Settings;

namespace EksPlatform.Observability;

/// <summary>Inputs of <see cref="AlarmNotifications"/>.</summary>
/// <param name="ClusterName">The cluster's name from settings: the topic's display name and the alarm name prefix.</param>
/// <param name="Key">The customer-managed key that encrypts the topic; its policy must admit CloudWatch.</param>
/// <param name="Email">Address to subscribe, if any.</param>
internal sealed record AlarmNotificationsProps(string ClusterName, IKey Key, string? Email);

/// <summary>
/// The SNS topic the alarms notify. Encrypted with a customer-managed key, because CloudWatch can publish to an encrypted
/// topic only when the key's policy grants it kms:GenerateDataKey* and kms:Decrypt, and the policy of the AWS-managed
/// aws/sns key cannot be changed (SNS developer guide, sns-key-management "Enable compatibility between event sources
/// from AWS services and encrypted topics"). Its policy lets only this account's alarms of this cluster publish, and
/// refuses anything not sent over TLS.
/// </summary>
internal sealed class AlarmNotifications : Construct
{
    public AlarmNotifications(Construct scope, string id, AlarmNotificationsProps props) : base(scope, id)
    {
        var stack = Stack.Of(this);
        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = DerivedNames.AlarmTopicDisplayName(props.ClusterName),
            MasterKey = props.Key,
            // Adds a Deny of sns:Publish when aws:SecureTransport is false to the topic policy (cdk-nag SNS3).
            EnforceSSL = true,
        });

        // Only this account's alarms whose names carry this cluster's prefix may publish.
        Topic.AddToResourcePolicy(CloudWatchAlarmsPublish(Topic.TopicArn, AlarmArnPattern(stack, props.ClusterName), stack.Account));

        if (props.Email is not null)
        {
            // The owner of the address must confirm the subscription before mail flows.
            Topic.AddSubscription(new EmailSubscription(props.Email));
        }
    }

    /// <summary>The topic.</summary>
    public Topic Topic { get; }

    /// <summary>Every alarm of the platform is named <c>&lt;cluster&gt;-&lt;what&gt;</c>; the topic admits exactly those.</summary>
    private static string AlarmArnPattern(Stack stack, string clusterName) => stack.FormatArn(new ArnComponents
    {
        Service = "cloudwatch",
        Resource = "alarm",
        ResourceName = DerivedNames.AlarmPrefix(clusterName) + "*",
        ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
    });

    /// <summary>
    /// The topic's grant: the CloudWatch service may publish only for alarms of this account whose ARNs match
    /// <paramref name="alarmArnPattern"/> (the confused-deputy guard of the CloudWatch user guide, Notify_Users_Alarm_Changes,
    /// with <c>aws:SourceArn</c> and <c>aws:SourceAccount</c>). A topic policy replaces SNS's default one, so the grant
    /// must be written out.
    /// </summary>
    private static PolicyStatement CloudWatchAlarmsPublish(string topicArn, string alarmArnPattern, string account) => new(new PolicyStatementProps
    {
        Sid = "AllowThisClustersAlarmsToPublish",
        Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
        Actions = ["sns:Publish"],
        Resources = [topicArn],
        Conditions = new Dictionary<string, object>
        {
            ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = alarmArnPattern },
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = account },
        },
    });
}
