using System.Text;

namespace EksPlatform.Preflight.Diagram;

/// <summary>The architecture as a Mermaid flowchart (for Markdown renderers such as GitHub's).</summary>
internal static class MermaidWriter
{
    public static string Write(ArchitectureModel model)
    {
        var text = new StringBuilder();
        text.AppendLine("flowchart LR");
        if (model.Vpcs.Count == 0 && model.Clusters.Count == 0)
        {
            text.AppendLine("  empty[\"No VPC or EKS cluster in the templates\"]");
            return text.ToString();
        }
        foreach (var vpc in model.Vpcs)
        {
            text.AppendLine($"  subgraph {vpc.Key}[\"VPC {Label(vpc.LogicalId)}{(vpc.Cidr is null ? "" : " " + Label(vpc.Cidr))}\"]");
            text.AppendLine("    direction TB");
            for (var z = 0; z < vpc.Zones.Count; z++)
            {
                var zone = vpc.Zones[z];
                text.AppendLine($"    subgraph {vpc.Key}_az{z}[\"{Label(zone.Name)}\"]");
                foreach (var subnet in zone.Subnets)
                {
                    text.AppendLine($"      {subnet.Key}[\"{(subnet.IsPublic ? "public" : "private")} subnet {Label(subnet.LogicalId)}" +
                        $"{(subnet.Cidr is null ? "" : "<br/>" + Label(subnet.Cidr))}\"]");
                }
                foreach (var nat in zone.NatGateways)
                {
                    text.AppendLine($"      {nat.Key}[/\"NAT gateway {Label(nat.LogicalId)}\"/]");
                }
                text.AppendLine("    end");
            }
            if (vpc.Endpoints.Count > 0)
            {
                text.AppendLine($"    subgraph {vpc.Key}_endpoints[\"VPC endpoints\"]");
                foreach (var endpoint in vpc.Endpoints)
                {
                    text.AppendLine($"      {endpoint.Key}([\"{Label(endpoint.Service)} {(endpoint.IsGateway ? "gateway" : "interface")}\"])");
                }
                text.AppendLine("    end");
            }
            text.AppendLine("  end");
            foreach (var subnet in vpc.Zones.SelectMany(z => z.Subnets).Where(s => s.EgressNatKey is not null))
            {
                text.AppendLine($"  {subnet.Key} -->|egress| {subnet.EgressNatKey}");
            }
        }
        foreach (var cluster in model.Clusters)
        {
            text.AppendLine($"  {cluster.Key}{{{{\"EKS cluster {Label(cluster.Name)}{(cluster.Version is null ? "" : " " + Label(cluster.Version))}\"}}}}");
            if (cluster.VpcKey is not null)
            {
                text.AppendLine($"  {cluster.Key} -.-|in| {cluster.VpcKey}");
            }
            if (cluster.ApiClients.Count > 0)
            {
                text.AppendLine($"  {cluster.Key}_api[\"API on 443 from {Label(string.Join(", ", cluster.ApiClients))}\"] --> {cluster.Key}");
            }

            foreach (var nodeGroup in cluster.NodeGroups)
            {
                text.AppendLine($"  {nodeGroup.Key}[\"node group {Label(nodeGroup.LogicalId)}<br/>{Label(nodeGroup.Label)}\"]");
                text.AppendLine($"  {nodeGroup.Key} --> {cluster.Key}");
            }
        }
        foreach (var queue in model.Queues)
        {
            text.AppendLine($"  subgraph {queue.Key}_rules[\"EventBridge rules\"]");
            foreach (var (key, events) in queue.Rules)
            {
                text.AppendLine($"    {key}[\"{Label(events)}\"]");
            }
            text.AppendLine("  end");
            text.AppendLine($"  {queue.Key}[(\"SQS queue {Label(queue.LogicalId)}\")]");
            text.AppendLine($"  {queue.Key}_rules --> {queue.Key}");
            if (model.Clusters.Count > 0)
            {
                text.AppendLine($"  {queue.Key} -.->|read by Karpenter in| {model.Clusters[0].Key}");
            }
        }
        foreach (var build in model.Builds)
        {
            text.AppendLine($"  {build.Key}[[\"CodeBuild {Label(build.Name)}<br/>in the VPC\"]]");
            if (build.ClusterKey is not null)
            {
                text.AppendLine($"  {build.Key} -->|helm, kubectl on 443| {build.ClusterKey}");
            }
            if (build.StartedBy is not null)
            {
                text.AppendLine($"  {build.Key}_start([\"{Label(build.StartedBy)}: stack deploy completed\"]) --> {build.Key}");
            }
        }
        if (model.Roles.Count > 0)
        {
            text.AppendLine("  subgraph irsa[\"IRSA and Pod Identity roles\"]");
            foreach (var role in model.Roles)
            {
                text.AppendLine($"    {role.Key}[\"{Label(role.ServiceAccounts)}<br/>{Label(role.LogicalId)}\"]");
            }
            text.AppendLine("  end");
            if (model.Clusters.Count > 0)
            {
                text.AppendLine($"  irsa -.->|assumed by pods of| {model.Clusters[0].Key}");
            }
        }
        return text.ToString();
    }

    /// <summary>Mermaid label text: quotes and angle brackets as Mermaid entity codes, so labels cannot break the syntax.</summary>
    private static string Label(string text) => text
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
