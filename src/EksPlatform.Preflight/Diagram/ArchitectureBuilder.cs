using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksPlatform.Preflight.Templates;

namespace EksPlatform.Preflight.Diagram;

/// <summary>
/// Extracts the architecture (VPC, AZs, subnets, NAT, endpoints, clusters, node groups, IRSA and Pod Identity roles, queues that
/// EventBridge rules feed) from the templates.
/// </summary>
internal static partial class ArchitectureBuilder
{
    private const string ServiceAccountPrefix = "system:serviceaccount:";

    public static ArchitectureModel Build(IReadOnlyList<TemplateModel> templates)
    {
        List<DiagramVpc> vpcs = [];
        List<DiagramCluster> clusters = [];
        List<DiagramRole> roles = [];
        List<DiagramQueue> queues = [];
        List<DiagramBuild> builds = [];
        for (var index = 0; index < templates.Count; index++)
        {
            var template = templates[index];
            string Key(string logicalId) => $"s{index}_{SafeId().Replace(logicalId, "_")}";
            var network = template.Network;
            var natOfRouteTable = template.OfType("AWS::EC2::Route")
                .Where(r => template.Referenced(r["NatGatewayId"]) is not null)
                .GroupBy(r => Intrinsics.ReferencedLogicalId(r["RouteTableId"]) ?? "")
                .ToDictionary(g => g.Key, g => Intrinsics.ReferencedLogicalId(g.First()["NatGatewayId"])!, StringComparer.Ordinal);
            var nats = template.OfType("AWS::EC2::NatGateway").ToList();

            foreach (var vpc in template.OfType("AWS::EC2::VPC"))
            {
                var subnets = network.Subnets.Where(s => s.VpcId == vpc.LogicalId).ToList();
                var zones = subnets.GroupBy(s => s.Zone).OrderBy(g => g.Key, StringComparer.Ordinal).Select(zone => new DiagramZone(
                    zone.Key,
                    zone.OrderBy(s => s.IsPublic ? 0 : 1).ThenBy(s => s.Resource.LogicalId, StringComparer.Ordinal).Select(s => new DiagramSubnet(
                        Key(s.Resource.LogicalId), s.Resource.LogicalId, s.IsPublic, s.Cidr,
                        EgressNatOf(s, natOfRouteTable),
                        EgressNatOf(s, natOfRouteTable) is { } nat ? Key(nat) : null)).ToList(),
                    nats.Where(n => zone.Any(s => s.Resource.LogicalId == Intrinsics.ReferencedLogicalId(n["SubnetId"])))
                        .Select(n => new DiagramNat(Key(n.LogicalId), n.LogicalId)).ToList())).ToList();
                var endpoints = network.Endpoints
                    .Where(e => Intrinsics.ReferencedLogicalId(e.Resource["VpcId"]) == vpc.LogicalId)
                    .OrderBy(e => e.IsGateway ? 0 : 1).ThenBy(e => e.Service, StringComparer.Ordinal)
                    .Select(e => new DiagramEndpoint(Key(e.Resource.LogicalId), e.Resource.LogicalId, e.Service, e.IsGateway)).ToList();
                vpcs.Add(new DiagramVpc(Key(vpc.LogicalId), vpc.LogicalId, Intrinsics.AsString(vpc["CidrBlock"]), zones, endpoints));
            }

            foreach (var cluster in template.OfType("AWS::EKS::Cluster"))
            {
                var name = template.Resolve(cluster["Name"]) ?? cluster.LogicalId;
                var firstSubnet = Intrinsics.Items((cluster["ResourcesVpcConfig"] as JsonObject)?["SubnetIds"])
                    .Select(Intrinsics.ReferencedLogicalId).FirstOrDefault();
                var vpcId = network.Subnet(firstSubnet)?.VpcId;
                var nodeGroups = template.OfType("AWS::EKS::Nodegroup")
                    .Where(n => template.Referenced(n["ClusterName"]) == cluster || template.Resolve(n["ClusterName"]) == name)
                    .Select(n => new DiagramNodeGroup(Key(n.LogicalId), n.LogicalId, NodeGroupLabel(n, template))).ToList();
                if (Compliance.AutoModeClusters.IsAutoMode(cluster))
                {
                    // Auto Mode's compute has no resource of its own: the cluster's ComputeConfig is it (docs/auto-mode.md §1, §4).
                    var pools = Intrinsics.Items((cluster["ComputeConfig"] as JsonObject)?["NodePools"]).Select(Intrinsics.AsString).OfType<string>().ToList();
                    nodeGroups.Add(new DiagramNodeGroup(Key($"{cluster.LogicalId}AutoMode"), "EKS Auto Mode",
                        $"AWS-managed compute; built-in pools: {(pools.Count == 0 ? "none" : string.Join(", ", pools))}; platform NodePool"));
                }

                clusters.Add(new DiagramCluster(Key(cluster.LogicalId), cluster.LogicalId, name, Intrinsics.AsString(cluster["Version"]),
                    vpcId is null ? null : Key(vpcId), nodeGroups, ApiClients(template, cluster)));
            }

            builds.AddRange(Builds(template, Key));

            foreach (var trust in WebIdentityTrust.Of(template).Where(t => t.Subjects.Count > 0))
            {
                var accounts = string.Join(", ",
                    trust.Subjects.Select(s => s.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal) ? s[ServiceAccountPrefix.Length..] : s));
                roles.Add(new DiagramRole(Key(trust.Role.LogicalId), trust.Role.LogicalId, accounts));
            }

            foreach (var binding in PodIdentityBinding.Of(template).Where(b => b.Role is not null && b.Subject is not null))
            {
                roles.Add(new DiagramRole(Key(binding.Role!.LogicalId), binding.Role.LogicalId,
                    $"{binding.Namespace}:{binding.ServiceAccount} (Pod Identity)"));
            }

            queues.AddRange(Queues(template, Key));
        }
        return new ArchitectureModel(vpcs, clusters, roles) { Queues = queues, Builds = builds };
    }

    /// <summary>SQS queues that EventBridge rules target, each with the events of its rules.</summary>
    private static IEnumerable<DiagramQueue> Queues(TemplateModel template, Func<string, string> key)
    {
        var rules = template.OfType("AWS::Events::Rule").ToList();
        foreach (var queue in template.OfType("AWS::SQS::Queue"))
        {
            var feeding = rules
                .Where(r => Intrinsics.Items(r["Targets"]).OfType<JsonObject>().Any(t => Intrinsics.ReferencedLogicalId(t["Arn"]) == queue.LogicalId))
                .Select(r => (key(r.LogicalId), Events(r))).ToList();
            if (feeding.Count > 0)
            {
                yield return new DiagramQueue(key(queue.LogicalId), queue.LogicalId, feeding);
            }
        }
    }

    private static string Events(TemplateResource rule)
    {
        var pattern = rule["EventPattern"] as JsonObject;
        var sources = Intrinsics.Items(pattern?["source"]).Select(Intrinsics.AsString).OfType<string>();
        var types = Intrinsics.Items(pattern?["detail-type"]).Select(Intrinsics.AsString).OfType<string>().ToList();
        return $"{string.Join("/", sources)}: {(types.Count == 0 ? "any" : string.Join(", ", types))}";
    }

    private static string? EgressNatOf(SubnetInfo subnet, Dictionary<string, string> natOfRouteTable) =>
        subnet.RouteTableId is not null && natOfRouteTable.TryGetValue(subnet.RouteTableId, out var nat) ? nat : null;

    private static string NodeGroupLabel(TemplateResource nodeGroup, TemplateModel template)
    {
        var scaling = nodeGroup["ScalingConfig"] as JsonObject;
        var desired = Intrinsics.AsDecimal(scaling?["DesiredSize"]);
        var types = Intrinsics.Items(nodeGroup["InstanceTypes"]).Select(Intrinsics.AsString).OfType<string>().ToList();
        if (types.Count == 0 && nodeGroup["LaunchTemplate"] is JsonObject spec
            && (template.Referenced(spec["Id"]) ?? template.Referenced(spec["Name"]))?["LaunchTemplateData"] is JsonObject data
            && Intrinsics.AsString(data["InstanceType"]) is { } fromTemplate)
        {
            types.Add(fromTemplate);
        }
        var capacity = Intrinsics.AsString(nodeGroup["CapacityType"]) ?? "ON_DEMAND";
        return $"{(desired is null ? "?" : desired.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))} × " +
            $"{(types.Count == 0 ? "default type" : string.Join("/", types))} {capacity}";
    }

    [GeneratedRegex("[^A-Za-z0-9_]", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();

    /// <summary>
    /// CodeBuild projects in a VPC, each with the cluster whose security group admits one of the project's security
    /// groups on 443, and the EventBridge rule that starts it (a rule whose target is the project).
    /// </summary>
    private static IEnumerable<DiagramBuild> Builds(TemplateModel template, Func<string, string> key)
    {
        foreach (var project in template.OfType("AWS::CodeBuild::Project").Where(p => p["VpcConfig"] is JsonObject))
        {
            var groups = Intrinsics.Items((project["VpcConfig"] as JsonObject)?["SecurityGroupIds"])
                .Select(Intrinsics.ReferencedLogicalId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var cluster = template.OfType("AWS::EKS::Cluster").FirstOrDefault(c => ApiRules(template, c)
                .Any(rule => Intrinsics.ReferencedLogicalId(rule["SourceSecurityGroupId"]) is { } source && groups.Contains(source)));
            var startedBy = template.OfType("AWS::Events::Rule")
                .Any(rule => Intrinsics.Items(rule["Targets"]).Any(t => Intrinsics.ReferencedLogicalId((t as JsonObject)?["Arn"]) == project.LogicalId))
                ? "EventBridge rule" : null;
            yield return new DiagramBuild(key(project.LogicalId), project.LogicalId, template.Resolve(project["Name"]) ?? project.LogicalId,
                cluster is null ? null : key(cluster.LogicalId), startedBy);
        }
    }

    /// <summary>Ingress rules on the cluster's own security group that cover TCP 443: the networks that reach the API.</summary>
    private static List<string> ApiClients(TemplateModel template, TemplateResource cluster) =>
        ApiRules(template, cluster)
            .Select(rule => template.Resolve(rule["CidrIp"]) ?? template.Resolve(rule["SourceSecurityGroupId"]) ?? rule.LogicalId)
            .ToList();

    private static IEnumerable<TemplateResource> ApiRules(TemplateModel template, TemplateResource cluster) =>
        template.OfType("AWS::EC2::SecurityGroupIngress")
            .Where(rule => rule["GroupId"] is JsonObject groupId && groupId["Fn::GetAtt"] is JsonArray { Count: 2 } getAtt
                && (string?)getAtt[0] == cluster.LogicalId && (string?)getAtt[1] == "ClusterSecurityGroupId"
                && Intrinsics.AsDecimal(rule["FromPort"]) is { } from && Intrinsics.AsDecimal(rule["ToPort"]) is { } to && from <= 443 && to >= 443);
}
