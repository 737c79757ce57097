using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using EksPlatform.Compliance;
using EksPlatform.Identity;
using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>External Secrets Operator, chart 2.9.0 (app v2.9.0), in its own namespace as its getting-started guide does.</summary>
public sealed class ExternalSecrets : Controller
{
    /// <inheritdoc/>
    public override string Name => "external-secrets";

    /// <inheritdoc/>
    public override string ConstructId => "ExternalSecrets";

    /// <inheritdoc/>
    public override ServiceAccountRef ServiceAccount { get; } = new("external-secrets", "external-secrets");

    /// <inheritdoc/>
    public override HelmChart Chart { get; } = new("external-secrets", "https://charts.external-secrets.io", "external-secrets", "2.9.0", "external-secrets");

    /// <inheritdoc/>
    public override string SettingsKey => ControllerSettings.ExternalSecretsKey;

    /// <inheritdoc/>
    public override string RoleDescription(ControllerContext context) =>
        $"external-secrets of {context.Cluster.Name}: reads {context.Settings.ExternalSecrets.NamePrefix}* from Secrets Manager and SSM";

    /// <summary>
    /// Read-only (external-secrets docs/provider/aws-secrets-manager.md and aws-parameter-store.md; docs/iam-policies.md
    /// §4): the four Secrets Manager read actions on secrets named <c>&lt;prefix&gt;*</c> (the <c>*</c> covers the six
    /// random characters Secrets Manager appends to secret ARNs), <c>ssm:GetParameter*</c> on parameters
    /// <c>/&lt;prefix&gt;*</c>, and <c>kms:Decrypt</c> of this account's keys in this region only when Secrets Manager or
    /// SSM asks on the role's behalf (<c>kms:ViaService</c>: the hardening of docs/iam-policies.md §4). No
    /// ListSecrets/BatchGetSecretValue (find-by-name features) and no write (PushSecret).
    /// </summary>
    public override IReadOnlyList<PolicyStatement> Statements(ControllerContext context)
    {
        var stack = context.Stack;
        var namePrefix = context.Settings.ExternalSecrets.NamePrefix;
        var secrets = stack.FormatArn(new ArnComponents
        {
            Service = "secretsmanager",
            Resource = "secret",
            ResourceName = $"{namePrefix}*",
            ArnFormat = ArnFormat.COLON_RESOURCE_NAME,
        });
        // SSM drops the leading slash of a hierarchical name in the ARN: /prod/app/db → parameter/prod/app/db.
        var parameters = stack.FormatArn(new ArnComponents { Service = "ssm", Resource = "parameter", ResourceName = $"{namePrefix}*" });
        var keys = stack.FormatArn(new ArnComponents { Service = "kms", Resource = "key", ResourceName = "*" });
        return
        [
            new(new PolicyStatementProps
            {
                Sid = "ReadSecretsUnderPrefix",
                Actions =
                [
                    "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds",
                    "secretsmanager:GetResourcePolicy",
                ],
                Resources = [secrets],
            }),
            new(new PolicyStatementProps
            {
                Sid = "ReadParametersUnderPrefix",
                Actions = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                Resources = [parameters],
            }),
            new(new PolicyStatementProps
            {
                Sid = "DecryptOnlyThroughSecretsManagerAndSsm",
                Actions = ["kms:Decrypt"],
                // Which customer-managed key encrypts a secret is the secret owner's choice, so any key of this
                // account and region, but only through the two services and so only for reads they allow.
                Resources = [keys],
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object>
                    {
                        // kms:ViaService names the calling service as service.region.amazonaws.com, and the KMS guide
                        // says to keep the amazonaws.com suffix in every partition, China included
                        // (docs/limits-and-policies.md §1.2), as the EBS key policy does.
                        ["kms:ViaService"] = new[] { $"secretsmanager.{stack.Region}.amazonaws.com", $"ssm.{stack.Region}.amazonaws.com" },
                    },
                },
            }),
        ];
    }

    /// <inheritdoc/>
    public override void Suppress(IControllerRole role, ControllerContext context)
    {
        const string partition = "arn:<AWS::Partition>";
        var region = context.Stack.Region;
        var namePrefix = context.Settings.ExternalSecrets.NamePrefix;
        NagSuppressions.Add(role.Permissions!, "AwsSolutions-IAM5",
            "read-only access to the secrets and parameters under the configured name prefix " +
            "(Secrets Manager appends random characters to secret ARNs); " +
            "kms:Decrypt on this account's keys only through Secrets Manager and SSM (kms:ViaService)",
            $"Resource::{partition}:secretsmanager:{region}:<AWS::AccountId>:secret:{namePrefix}*",
            $"Resource::{partition}:ssm:{region}:<AWS::AccountId>:parameter/{namePrefix}*",
            $"Resource::{partition}:kms:{region}:<AWS::AccountId>:key/*");
    }

    /// <summary>Its own service account with the role; CRDs from the chart.</summary>
    public override IReadOnlyDictionary<string, object> ChartValues(ChartValuesContext context) => new Dictionary<string, object>
    {
        ["installCRDs"] = true,
        ["serviceAccount"] = ServiceAccountValues(context.RoleArn),
    };
}
