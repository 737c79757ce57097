using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// A cluster in authentication mode <c>API</c> reads only access entries. With
/// <c>BootstrapClusterCreatorAdminPermissions: false</c> EKS gives its creator no entry either, so without an access entry
/// that associates AmazonEKSClusterAdminPolicy at cluster scope nobody can administer the cluster, nor create the RBAC
/// bindings other entries' Kubernetes groups would need (docs/deploy-readiness.md §2, docs/eks-deploy-facts.md §3).
/// Other modes also read the aws-auth ConfigMap, which no template shows, so they are not judged.
/// </summary>
internal sealed class ClusterAdminCheck : DeployCheck
{
    private const string AdminPolicySuffix = ":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

    public override string Id => "DEPLOY-002";

    public override string Title => "An API-mode cluster has a cluster-admin access entry or keeps its creator's admin";

    public override string Source => "docs/deploy-readiness.md §2; https://docs.aws.amazon.com/eks/latest/userguide/grant-k8s-access.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var clusters = context.All(Eks.ClusterType).ToList();
        if (clusters.Count == 0)
        {
            return NotApplicable("No AWS::EKS::Cluster in the templates.");
        }
        var findings = new List<DeployReadinessFinding>();
        var judged = 0;
        foreach (var (template, cluster) in clusters)
        {
            var access = cluster["AccessConfig"] as JsonObject;
            if (Intrinsics.AsString(access?["AuthenticationMode"]) != "API" || !Intrinsics.IsFalse(access?["BootstrapClusterCreatorAdminPermissions"])
                || Eks.AnyUnattributed(template, "AWS::EKS::AccessEntry"))
            {
                continue;
            }
            judged++;
            if (!Eks.Of(template, "AWS::EKS::AccessEntry", cluster).Any(entry => IsClusterAdmin(entry, template)))
            {
                findings.Add(new(template.StackName, cluster.LogicalId,
                    $"{Eks.Describe(cluster)} uses AuthenticationMode API with BootstrapClusterCreatorAdminPermissions false, and no access entry " +
                    "associates AmazonEKSClusterAdminPolicy at cluster scope: once created, no IAM principal can administer it.",
                    "Add an AWS::EKS::AccessEntry for this cluster with AccessPolicies [{PolicyArn: arn:<partition>:eks::aws:" +
                    "cluster-access-policy/AmazonEKSClusterAdminPolicy, AccessScope: {Type: cluster}}] for a role your administrators assume, " +
                    "or set AccessConfig.BootstrapClusterCreatorAdminPermissions to true (create-only: replaces the cluster)."));
            }
        }
        return Outcome($"Checked {judged} API-mode cluster(s) without the creator's admin entry for a cluster-admin access entry.", findings);
    }

    private static bool IsClusterAdmin(TemplateResource entry, TemplateModel template) =>
        (Intrinsics.AsString(entry["Type"]) ?? "STANDARD") == "STANDARD"
        && Intrinsics.Items(entry["AccessPolicies"]).OfType<JsonObject>().Any(policy =>
            (template.Resolve(policy["PolicyArn"]) ?? "").EndsWith(AdminPolicySuffix, StringComparison.Ordinal)
            && Intrinsics.AsString((policy["AccessScope"] as JsonObject)?["Type"]) == "cluster");
}
