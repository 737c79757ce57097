using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;

namespace EksPlatform.Encryption;

/// <summary>Inputs of <see cref="PlatformKeys"/>.</summary>
/// <param name="ResourcePrefix">Prefix of the key aliases (the cluster name).</param>
/// <param name="LogGroupNames">The log groups allowed to use the logs key, each named exactly.</param>
/// <param name="DeletionWindowDays">Days before a deleted key is destroyed: 7 to 30.</param>
/// <param name="RetainOnDelete">Keep the keys when the stack is deleted.</param>
/// <param name="EventBridgePublishesAlarms">Let EventBridge publish to the alarm topic too (the installer's failed builds).</param>
public sealed record PlatformKeysProps(
    string ResourcePrefix, IReadOnlyList<string> LogGroupNames, int DeletionWindowDays, bool RetainOnDelete, bool EventBridgePublishesAlarms = false);

/// <summary>
/// One customer-managed key per purpose, so each key policy names only the service that needs it:
/// Kubernetes secrets (EKS envelope encryption), CloudWatch Logs, EBS node volumes, and the alarm topic (SNS, published
/// to by CloudWatch). Rotation is on for all.
/// </summary>
public sealed class PlatformKeys : Construct
{
    /// <summary>Creates the keys.</summary>
    public PlatformKeys(Construct scope, string id, PlatformKeysProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        CheckProps(props);
        var stack = Stack.Of(this);
        var logGroupArns = props.LogGroupNames.Select(name => stack.FormatArn(new ArnComponents
        {
            Service = "logs",
            Resource = "log-group",
            ResourceName = name,
            ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
        })).ToArray();

        Secrets = CreateKey("Secrets", "Envelope encryption of Kubernetes secrets", props, KeyPolicies.Secrets());
        Logs = CreateKey("Logs", "CloudWatch Logs: control-plane and flow logs", props, KeyPolicies.Logs(stack, logGroupArns));
        Ebs = CreateKey("Ebs", "EBS volumes of the nodes", props, KeyPolicies.Ebs(stack));
        Alarms = CreateKey("Alarms", "SNS topic of the CloudWatch alarms", props, KeyPolicies.Alarms(props.EventBridgePublishesAlarms));
    }

    /// <summary>Encrypts Kubernetes secrets.</summary>
    public IKey Secrets { get; }

    /// <summary>Encrypts the platform's log groups.</summary>
    public IKey Logs { get; }

    /// <summary>Encrypts node volumes.</summary>
    public IKey Ebs { get; }

    /// <summary>Encrypts the alarm topic; CloudWatch may use it to publish.</summary>
    public IKey Alarms { get; }

    /// <summary>KMS's own limits, checked at synth so that a bad prop names itself instead of failing the deploy.</summary>
    private static void CheckProps(PlatformKeysProps props)
    {
        // KMS waits 7 to 30 days before it destroys a key scheduled for deletion (docs/limits-and-policies.md §8).
        if (props.DeletionWindowDays is < 7 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(props.DeletionWindowDays), props.DeletionWindowDays,
                "KMS waits 7 to 30 days before it destroys a deleted key");
        }

        // Each alias is alias/<prefix>/<purpose>: within KMS's alias limits, and never under alias/aws/, which KMS keeps
        // for AWS managed keys (docs/limits-and-policies.md §3).
        if (!Token.IsUnresolved(props.ResourcePrefix))
        {
            var problem = props.ResourcePrefix.Length == 0 ? "the alias prefix is empty"
                : props.ResourcePrefix == "aws" || props.ResourcePrefix.StartsWith("aws/", StringComparison.Ordinal)
                    ? $"'{props.ResourcePrefix}' puts the key aliases under alias/aws/, which KMS reserves for AWS managed keys"
                : Settings.DerivedNames.KeyAliases(props.ResourcePrefix).Select(alias => alias.Problem()).OfType<string>().FirstOrDefault() is { } alias
                    ? $"'{props.ResourcePrefix}' {alias}"
                : null;
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(props.ResourcePrefix));
            }
        }

        // The logs key admits CloudWatch Logs only for these names; none would leave it usable by no log group.
        if (props.LogGroupNames.Count == 0)
        {
            throw new ArgumentException("list the log groups the logs key encrypts; CloudWatch Logs may use it for those only", nameof(props.LogGroupNames));
        }

        foreach (var name in props.LogGroupNames.Where(name => !Token.IsUnresolved(name)))
        {
            var problem = name.Length == 0 ? "a log group name is empty"
                : name.StartsWith("aws/", StringComparison.Ordinal) ? $"'{name}' starts with aws/, which CloudWatch Logs reserves"
                : Settings.DerivedNames.LogGroup(name).Problem() is { } limit ? $"this entry {limit}"
                : null;
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(props.LogGroupNames));
            }
        }
    }

    private Key CreateKey(string id, string purpose, PlatformKeysProps props, PolicyDocument policy) => new(this, id, new KeyProps
    {
        Description = $"{props.ResourcePrefix}: {purpose}",
        Alias = Settings.DerivedNames.KeyAlias(props.ResourcePrefix, id.ToLowerInvariant()),
        EnableKeyRotation = true,
        PendingWindow = Duration.Days(props.DeletionWindowDays),
        Policy = policy,
        // RetainExceptOnCreate (docs/data-safety.md): kept when the stack is deleted, but removed when the stack's first
        // create rolls back, so that a retry does not fail on the alias that a kept key would still hold.
        RemovalPolicy = props.RetainOnDelete ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY,
    });
}
