using Amazon.CDK;
using Amazon.CDK.AWS.IAM;

namespace EksPlatform.Encryption;

/// <summary>
/// Every key policy statement of the platform, in one place. Each starts from the account-root statement, which
/// lets IAM policies in this account grant use of the key (the standard default key policy), then adds exactly
/// the service access its purpose needs, and (but for the secrets key) ends with the deny of grants that no AWS
/// service asks for.
/// </summary>
internal static class KeyPolicies
{
    /// <summary>
    /// The secrets key: EKS uses it through the cluster role's IAM policy (granted by the cluster construct). It has no
    /// grant guard: creating a cluster with secrets encryption makes EKS create a grant as the caller, and the EKS
    /// guide says <c>kms:GrantIsForAWSResource</c> is not supported for CreateCluster, so the guard's deny would
    /// refuse the cluster (docs/security-facts.md §3; the Control Tower exception says so).
    /// </summary>
    public static PolicyDocument Secrets() => new(new PolicyDocumentProps { Statements = [AccountAdministration()] });

    /// <summary>
    /// The logs key: the regional Logs service may use it only for the named log groups.
    /// Source: docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html (docs/observability.md §5), which
    /// gives the principal as <c>logs.&lt;region&gt;.amazonaws.com</c>. The domain is the partition's URL suffix
    /// (<c>AWS::URLSuffix</c>: <c>amazonaws.com.cn</c> in aws-cn), the form terraform-aws-eks uses for this principal.
    /// UNVERIFIED for China: no AWS page found shows the Logs principal there, and China service principals differ by
    /// service (some keep <c>amazonaws.com</c>, e.g. lambda and eks; some take <c>amazonaws.com.cn</c>, e.g. ec2).
    /// </summary>
    public static PolicyDocument Logs(Stack stack, IReadOnlyList<string> logGroupArns) => Document(new PolicyStatement(new PolicyStatementProps
    {
        Sid = "AllowCloudWatchLogsForPlatformLogGroups",
        Principals = [new ServicePrincipal($"logs.{stack.Region}.{stack.UrlSuffix}")],
        Actions = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resources = ["*"],
        Conditions = new Dictionary<string, object>
        {
            ["ArnEquals"] = new Dictionary<string, object> { ["kms:EncryptionContext:aws:logs:arn"] = logGroupArns.ToArray() },
        },
    }));

    /// <summary>
    /// The EBS key. Node volumes in a launch template are created by the EC2 Auto Scaling service-linked role, which
    /// needs the key in the key policy itself or nodes never launch (EC2 Auto Scaling user guide,
    /// key-policy-requirements-EBS-encryption). That role exists only once the account has used Auto Scaling, and KMS
    /// refuses a key policy whose principal does not exist (docs/limits-and-policies.md §1), so naming it would fail
    /// the first deploy in a fresh account. The statements follow the documented pattern of the AWS managed EBS key
    /// instead: any identity of this account (<c>kms:CallerAccount</c>), only through EC2 in this region
    /// (<c>kms:ViaService</c>, always with the <c>amazonaws.com</c> suffix, as the KMS guide says for every partition),
    /// and grants only for AWS resources. That admits the Auto Scaling role whenever it comes to exist, and no
    /// principal in the policy can be missing.
    /// </summary>
    public static PolicyDocument Ebs(Stack stack)
    {
        Dictionary<string, object> ThroughEc2(bool grant)
        {
            var conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["kms:CallerAccount"] = stack.Account,
                    ["kms:ViaService"] = $"ec2.{stack.Region}.amazonaws.com",
                },
            };
            if (grant)
            {
                conditions["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" };
            }

            return conditions;
        }

        return Document(
            new PolicyStatement(new PolicyStatementProps
            {
                Sid = "AllowVolumesThroughEc2InThisAccount",
                Principals = [new AnyPrincipal()],
                Actions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resources = ["*"],
                Conditions = ThroughEc2(grant: false),
            }),
            new PolicyStatement(new PolicyStatementProps
            {
                Sid = "AllowGrantsForAttachedVolumesThroughEc2",
                Principals = [new AnyPrincipal()],
                Actions = ["kms:CreateGrant"],
                Resources = ["*"],
                Conditions = ThroughEc2(grant: true),
            }));
    }

    /// <summary>
    /// The alarm topic's key: CloudWatch publishes alarm notifications to the encrypted topic as itself, so the key
    /// policy must let the CloudWatch service generate and decrypt data keys; the AWS-managed aws/sns key cannot grant
    /// that. Source: docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services (the
    /// statement exactly as documented: no condition keys, which AWS does not document for this call). The same page
    /// gives EventBridge the same statement, which the installer's failure rule needs (docs/installer.md §8).
    /// </summary>
    public static PolicyDocument Alarms(bool eventBridge = false) => Document(
    [
        new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowCloudWatchAlarmsToUseKeyForTopic",
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"],
        }),
        .. eventBridge
            ? new[]
            {
                new PolicyStatement(new PolicyStatementProps
                {
                    Sid = "AllowEventBridgeToUseKeyForTopic",
                    Principals = [new ServicePrincipal("events.amazonaws.com")],
                    Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
                    Resources = ["*"],
                }),
            }
            : [],
    ]);

    private static PolicyDocument Document(params PolicyStatement[] statements) => new(new PolicyDocumentProps
    {
        Statements = [AccountAdministration(), .. statements, GrantsOnlyForAwsServices()],
    });

    private static PolicyStatement AccountAdministration() => new(new PolicyStatementProps
    {
        Sid = "AllowAccountAdministration",
        Principals = [new AccountRootPrincipal()],
        Actions = ["kms:*"],
        Resources = ["*"],
    });

    /// <summary>
    /// Grants of a platform key may be created only by an AWS service, or for an AWS resource (EC2 attaching an
    /// encrypted volume, say): nobody can hand a key's use to another principal with a grant that bypasses the key
    /// policy. Both keys false means neither holds; <c>BoolIfExists</c> makes a request without a key count as false.
    /// This is the statement AWS Control Tower's proactive control CT.KMS.PR.3 requires (docs/security-facts.md §3).
    /// </summary>
    private static PolicyStatement GrantsOnlyForAwsServices() => new(new PolicyStatementProps
    {
        Sid = "DenyGrantsExceptForAwsServices",
        Effect = Effect.DENY,
        Principals = [new AnyPrincipal()],
        Actions = ["kms:CreateGrant"],
        Resources = ["*"],
        Conditions = new Dictionary<string, object>
        {
            ["BoolIfExists"] = new Dictionary<string, object>
            {
                ["kms:GrantIsForAWSResource"] = "false",
                ["aws:PrincipalIsAWSService"] = "false",
            },
        },
    });
}
