using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace EksPlatform;

/// <summary>Creates the platform's log groups: a fixed name, a customer-managed key, a retention in days.</summary>
internal static class EncryptedLogGroup
{
    public static LogGroup Create(Construct scope, string id, string name, IKey key, int retentionDays, bool retainOnDelete)
    {
        if (!Settings.LogRetention.IsValid(retentionDays))
        {
            throw new ArgumentOutOfRangeException(nameof(retentionDays), retentionDays,
                $"log group {name}: not a retention CloudWatch Logs offers ({Settings.LogRetention.ValidDaysText})");
        }

        var group = new LogGroup(scope, id, new LogGroupProps
        {
            LogGroupName = name,
            EncryptionKey = key,
            // RetainExceptOnCreate: a log group kept after a failed first create would block the retry with "already exists"
            // (the name is fixed); kept on stack deletion otherwise (docs/data-safety.md).
            RemovalPolicy = retainOnDelete ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY,
        });

        // jsii enums are ordinals, not day counts, so set the CloudFormation value directly (checked above).
        ((CfnLogGroup)group.Node.DefaultChild!).RetentionInDays = retentionDays;
        return group;
    }
}
