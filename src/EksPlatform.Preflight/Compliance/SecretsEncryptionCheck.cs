using System.Text.Json.Nodes;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// Kubernetes secrets are envelope-encrypted with a customer key that rotates. EncryptionConfig is
/// create-only, so a cluster created without it can only gain it by replacement.
/// </summary>
internal sealed class SecretsEncryptionCheck : ComplianceCheck
{
    public override string Id => "EKSP-005";

    public override string Title => "Secrets envelope encryption with a KMS key that has rotation on";

    public override string Basis => "docs/architecture.md §6 (Encryption); CIS 5.3.1; docs/eks-deploy-facts.md §5 (EncryptionConfig is create-only)";

    public override ComplianceResult Evaluate(ComplianceContext context) =>
        PerCluster(context, "secrets encryption", Findings);

    private static IEnumerable<ComplianceFinding> Findings(TemplateModel template, TemplateResource cluster)
    {
        var config = Intrinsics.Items(cluster["EncryptionConfig"]).OfType<JsonObject>()
            .FirstOrDefault(c => Intrinsics.Items(c["Resources"]).Any(r => Intrinsics.AsString(r) == "secrets"));
        if (config is null)
        {
            yield return new(template.StackName, cluster.LogicalId, "No EncryptionConfig with Resources [\"secrets\"].");
            yield break;
        }

        var key = template.Referenced((config["Provider"] as JsonObject)?["KeyArn"]);
        if (key?.Type != "AWS::KMS::Key")
        {
            yield return new(template.StackName, cluster.LogicalId,
                "EncryptionConfig Provider.KeyArn does not refer (Ref / Fn::GetAtt) to an AWS::KMS::Key in this template, " +
                "so its rotation cannot be checked.");
        }
        else if (!Intrinsics.IsTrue(key["EnableKeyRotation"]))
        {
            yield return new(template.StackName, key.LogicalId, $"Secrets key of cluster {cluster.LogicalId} does not have EnableKeyRotation true.");
        }
    }
}
