namespace EksPlatform.Preflight.Diagram;

/// <summary>
/// An EKS cluster with its node groups; <paramref name="VpcKey"/> is the VPC of its subnets, if known, and
/// <paramref name="ApiClients"/> the sources its security group admits on 443 (CIDRs or security groups).
/// </summary>
internal sealed record DiagramCluster(string Key, string LogicalId, string Name, string? Version, string? VpcKey, IReadOnlyList<DiagramNodeGroup> NodeGroups,
    IReadOnlyList<string> ApiClients);
