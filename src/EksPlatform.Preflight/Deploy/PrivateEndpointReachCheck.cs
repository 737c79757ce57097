using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Deploy;

/// <summary>
/// With the public endpoint off, the API server answers only through the control plane's network interfaces, guarded by
/// the cluster security group (which EKS creates admitting only itself) and the security groups in
/// <c>ResourcesVpcConfig.SecurityGroupIds</c>. Unless one of them admits TCP 443 from a source outside those groups, no
/// kubectl, bastion or CI runner can reach the cluster (docs/deploy-readiness.md §3, docs/eks-deploy-facts.md §4).
/// Security groups the template does not create are not judged.
/// </summary>
internal sealed class PrivateEndpointReachCheck : DeployCheck
{
    private const int Https = 443;

    public override string Id => "DEPLOY-003";

    public override string Title => "A private-only endpoint admits TCP 443 from outside the cluster security group";

    public override string Source => "docs/deploy-readiness.md §3; https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html";

    public override DeployReadinessResult Evaluate(ComplianceContext context)
    {
        var privateOnly = context.All(Eks.ClusterType).Where(c => c.Resource["ResourcesVpcConfig"] is JsonObject vpc
            && Intrinsics.IsFalse(vpc["EndpointPublicAccess"]) && Intrinsics.IsTrue(vpc["EndpointPrivateAccess"])).ToList();
        if (privateOnly.Count == 0)
        {
            return NotApplicable("No cluster with a private-only endpoint (EndpointPublicAccess false, EndpointPrivateAccess true).");
        }
        var findings = new List<DeployReadinessFinding>();
        foreach (var (template, cluster) in privateOnly)
        {
            var extra = Intrinsics.Items((cluster["ResourcesVpcConfig"] as JsonObject)?["SecurityGroupIds"]).ToList();
            var extraGroups = extra.Select(template.Referenced).ToList();
            if (extraGroups.Any(g => g?.Type != "AWS::EC2::SecurityGroup"))
            {
                continue; // A security group from outside the template may admit anything.
            }
            var groups = extraGroups.Select(g => g!.LogicalId).ToHashSet(StringComparer.Ordinal);
            var rules = template.OfType("AWS::EC2::SecurityGroupIngress")
                .Where(rule => IsClusterGroup(rule["GroupId"], cluster) || (template.Referenced(rule["GroupId"]) is { } g && groups.Contains(g.LogicalId)))
                .Select(rule => rule.Properties)
                .Concat(extraGroups.SelectMany(g => Intrinsics.Items(g!["SecurityGroupIngress"]).OfType<JsonObject>()));
            if (!rules.Any(rule => AdmitsHttpsFromOutside(rule, cluster, groups, template)))
            {
                findings.Add(new(template.StackName, cluster.LogicalId,
                    $"{Eks.Describe(cluster)} has a private-only endpoint, and neither its cluster security group nor its SecurityGroupIds admit " +
                    "TCP 443 from outside themselves: nothing outside the control plane's own security group can reach the API server.",
                    "Add an AWS::EC2::SecurityGroupIngress on Fn::GetAtt [cluster, ClusterSecurityGroupId] for TCP 443 from the network (CidrIp) " +
                    "or security group (SourceSecurityGroupId) that runs kubectl, or turn the public endpoint on with PublicAccessCidrs."));
            }
        }
        return Outcome($"Checked who reaches the API on 443 for {privateOnly.Count} private-only cluster(s).", findings);
    }

    private static bool IsClusterGroup(JsonNode? node, TemplateResource cluster) =>
        node is JsonObject { Count: 1 } obj && obj["Fn::GetAtt"] is { } attribute
            && (attribute is JsonArray parts
                ? parts.Count == 2 && Intrinsics.AsString(parts[0]) == cluster.LogicalId && Intrinsics.AsString(parts[1]) == "ClusterSecurityGroupId"
                : Intrinsics.AsString(attribute) == $"{cluster.LogicalId}.ClusterSecurityGroupId");

    /// <summary>True when a rule admits 443 from a CIDR, a prefix list or a group other than the control plane's; unreadable counts as yes.</summary>
    private static bool AdmitsHttpsFromOutside(JsonObject rule, TemplateResource cluster, HashSet<string> groups, TemplateModel template)
    {
        var protocol = template.Resolve(rule["IpProtocol"]) ?? "";
        var allTraffic = protocol is "-1" or "all";
        if (!allTraffic && protocol is not ("tcp" or "6") && !protocol.StartsWith("{{", StringComparison.Ordinal))
        {
            return false;
        }
        var from = Intrinsics.AsDecimal(rule["FromPort"]);
        var to = Intrinsics.AsDecimal(rule["ToPort"]);
        var coversHttps = allTraffic || from is null || to is null || from == -1 || (from <= Https && to >= Https);
        if (!coversHttps)
        {
            return false;
        }
        if (rule["CidrIp"] is not null || rule["CidrIpv6"] is not null || rule["SourcePrefixListId"] is not null)
        {
            return true;
        }
        var source = rule["SourceSecurityGroupId"];
        if (source is null)
        {
            return false;
        }
        return !IsClusterGroup(source, cluster) && !(template.Referenced(source) is { } g && groups.Contains(g.LogicalId));
    }
}
