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

    public override string Basis => "design.md §3 Encryption; CIS 5.3.1; reference.md §10.8";

    public override ComplianceResult Evaluate(ComplianceContext context)
    {
        var clusters = context.All("AWS::EKS::Cluster").ToList();
        if (clusters.Count == 0)
        {
            return NotApplicable("No AWS::EKS::Cluster in the templates.");
        }
        var findings = new List<ComplianceFinding>();
        foreach (var (template, cluster) in clusters)
        {
            var config = Intrinsics.Items(cluster["EncryptionConfig"]).OfType<JsonObject>()
                .FirstOrDefault(c => Intrinsics.Items(c["Resources"]).Any(r => Intrinsics.AsString(r) == "secrets"));
            if (config is null)
            {
                findings.Add(new(template.StackName, cluster.LogicalId, "No EncryptionConfig with Resources [\"secrets\"]."));
                continue;
            }
            var keyArn = (config["Provider"] as JsonObject)?["KeyArn"];
            var key = template.Referenced(keyArn);
            if (key?.Type != "AWS::KMS::Key")
            {
                findings.Add(new(template.StackName, cluster.LogicalId, "EncryptionConfig Provider.KeyArn does not refer (Ref / Fn::GetAtt) to an AWS::KMS::Key in this template, so its rotation cannot be checked."));
            }
            else if (!Intrinsics.IsTrue(key["EnableKeyRotation"]))
            {
                findings.Add(new(template.StackName, key.LogicalId, $"Secrets key of cluster {cluster.LogicalId} does not have EnableKeyRotation true."));
            }
        }
        return Outcome($"Checked secrets encryption of {clusters.Count} cluster(s).", findings);
    }
}
