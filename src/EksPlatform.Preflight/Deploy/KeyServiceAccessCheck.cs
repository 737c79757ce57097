using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// A customer managed key used by an AWS service must admit that service in its key policy; the root-account statement
/// alone does not (docs/deploy-readiness.md §5):
/// a log group's key must admit <c>logs.&lt;region&gt;.amazonaws.com</c> (CloudWatch Logs refuses the key otherwise);
/// the key of an SNS topic that CloudWatch alarms notify must admit <c>cloudwatch.amazonaws.com</c> with kms:Decrypt and
/// kms:GenerateDataKey* (CloudWatch cannot publish otherwise, and the alarms stay silent), and likewise
/// <c>events.amazonaws.com</c> for a topic an EventBridge rule targets;
/// the EBS key of a launch template that an Auto Scaling group uses (EKS managed node groups included) must admit the
/// Auto Scaling service-linked role, by name or through <c>Principal "*"</c> (instances fail to launch otherwise).
/// Keys outside the template, and key policies that cannot be read, are not judged.
/// </summary>
internal sealed class KeyServiceAccessCheck : DeployCheck
{
    private const string LaunchTemplateIdKey = "Id"; // the node group's LaunchTemplate.Id, not this check's id
    private static readonly string[] s_logsActions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:DescribeKey"];
    private static readonly string[] s_cloudWatchActions = ["kms:Decrypt", "kms:GenerateDataKey"];
    private static readonly string[] s_autoScalingActions =
        ["kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:GenerateDataKey", "kms:DescribeKey", "kms:CreateGrant"];

    public override string Id => "DEPLOY-005";

    public override string Title => "Keys admit the services that use them (CloudWatch Logs, alarms and EventBridge to SNS, Auto Scaling for EBS)";

    public override string Source => "docs/deploy-readiness.md §5; https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var findings = new List<DeployReadinessFinding>();
        var uses = 0;
        foreach (var template in context.Templates)
        {
            var region = template.ConcreteRegion;
            foreach (var logGroup in template.OfType("AWS::Logs::LogGroup"))
            {
                uses += Judge(template, logGroup, logGroup["KmsKeyId"], $"log group {logGroup.LogicalId}", "CloudWatch Logs",
                    principal => principal.StartsWith("logs.", StringComparison.Ordinal)
                        && (region is null || principal.StartsWith($"logs.{region}.", StringComparison.Ordinal)
                            || principal.Contains("{{", StringComparison.Ordinal)),
                    "Service logs.<region>.amazonaws.com", s_logsActions, anyoneCounts: false, findings);
            }
            var alarmedTopics = template.OfType("AWS::CloudWatch::Alarm")
                .SelectMany(a => Intrinsics.Items(a["AlarmActions"]).Concat(Intrinsics.Items(a["OKActions"])))
                .Select(template.Referenced).OfType<TemplateResource>().Where(t => t.Type == "AWS::SNS::Topic")
                .DistinctBy(t => t.LogicalId);
            foreach (var topic in alarmedTopics)
            {
                uses += Judge(template, topic, topic["KmsMasterKeyId"], $"SNS topic {topic.LogicalId}, which CloudWatch alarms notify", "CloudWatch",
                    principal => principal == "cloudwatch.amazonaws.com", "Service cloudwatch.amazonaws.com", s_cloudWatchActions, anyoneCounts: false,
                    findings);
            }
            var ruleTopics = template.OfType("AWS::Events::Rule")
                .SelectMany(r => Intrinsics.Items(r["Targets"]).OfType<JsonObject>().Select(t => t["Arn"]))
                .Select(template.Referenced).OfType<TemplateResource>().Where(t => t.Type == "AWS::SNS::Topic")
                .DistinctBy(t => t.LogicalId);
            foreach (var topic in ruleTopics)
            {
                uses += Judge(template, topic, topic["KmsMasterKeyId"], $"SNS topic {topic.LogicalId}, which an EventBridge rule targets", "EventBridge",
                    principal => principal == "events.amazonaws.com", "Service events.amazonaws.com", s_cloudWatchActions, anyoneCounts: false,
                    findings);
            }
            foreach (var launchTemplate in LaunchTemplatesOfAutoScaling(template))
            {
                var keys = Intrinsics.Items((launchTemplate["LaunchTemplateData"] as JsonObject)?["BlockDeviceMappings"]).OfType<JsonObject>()
                    .Select(m => (m["Ebs"] as JsonObject)?["KmsKeyId"]).OfType<JsonNode>()
                    .DistinctBy(k => k.ToJsonString());
                foreach (var keyNode in keys)
                {
                    uses += Judge(template, launchTemplate, keyNode, $"the EBS volumes of launch template {launchTemplate.LogicalId}",
                        "the EC2 Auto Scaling service-linked role",
                        principal => principal.Contains("AWSServiceRoleForAutoScaling", StringComparison.Ordinal),
                        "Principal {\"AWS\": \"*\"} with kms:CallerAccount and kms:ViaService ec2.<region>.amazonaws.com",
                        s_autoScalingActions, anyoneCounts: true, findings);
                }
            }
        }
        return uses == 0
            ? NotApplicable("No log group, alarm topic or node launch template uses a key of the templates.")
            : Outcome($"Checked {uses} use(s) of customer managed keys by AWS services against the key policies.", findings);
    }

    /// <summary>Launch templates that an EKS node group or an Auto Scaling group launches instances from.</summary>
    private static IEnumerable<TemplateResource> LaunchTemplatesOfAutoScaling(TemplateModel template) =>
        template.OfType("AWS::EKS::Nodegroup").Concat(template.OfType("AWS::AutoScaling::AutoScalingGroup"))
            .Select(g => g["LaunchTemplate"] as JsonObject ?? g["LaunchTemplateSpecification"] as JsonObject)
            .OfType<JsonObject>()
            .Select(spec => template.Referenced(spec[LaunchTemplateIdKey]) ?? template.Referenced(spec["LaunchTemplateId"]) ?? template.Referenced(spec["Name"])
                ?? template.Referenced(spec["LaunchTemplateName"]))
            .OfType<TemplateResource>()
            .Where(t => t.Type == "AWS::EC2::LaunchTemplate")
            .DistinctBy(t => t.LogicalId);

    /// <summary>Adds a finding when the key the user names is in the template and its policy admits nobody for the service; returns 1 if judged.</summary>
    private static int Judge(TemplateModel template, TemplateResource user, JsonNode? keyNode, string what, string service,
        Func<string, bool> isServicePrincipal, string statementShape, string[] actions, bool anyoneCounts, List<DeployReadinessFinding> findings)
    {
        if (template.Referenced(keyNode) is not { Type: "AWS::KMS::Key" } key)
        {
            return 0;
        }
        var policy = key["KeyPolicy"];
        var document = policy is null ? null : PolicyDocuments.Read(policy, template);
        if (policy is not null && document is null)
        {
            return 0; // Unreadable: say nothing.
        }
        var admitting = PolicyDocuments.Statements(document).Where(PolicyStatements.IsAllow).Where(s =>
            (anyoneCounts && PolicyStatements.AdmitsAnyone(s, template))
            || PolicyStatements.Principals(s, "Service", template).Concat(PolicyStatements.Principals(s, "AWS", template)).Any(isServicePrincipal))
            .ToList();
        var missing = actions.Where(a => !admitting.Any(s => PolicyStatements.Allows(s, a, template))).ToList();
        if (missing.Count > 0)
        {
            var why = admitting.Count == 0
                ? $"its key policy does not admit {service}"
                : $"its key policy admits {service} without {string.Join(", ", missing)}";
            findings.Add(new(template.StackName, key.LogicalId,
                $"Key {key.LogicalId} encrypts {what}, but {why}{(policy is null ? " (no KeyPolicy: the default admits only the account)" : "")}.",
                $"Add a key policy statement allowing {statementShape} the actions {string.Join(", ", actions)} " +
                "(wildcards such as kms:GenerateDataKey* count)."));
        }
        return 1;
    }
}
