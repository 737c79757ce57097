namespace EksPlatform.Preflight.Diagram;

/// <summary>An EKS cluster with its node groups; <paramref name="VpcKey"/> is the VPC of its subnets, if known.</summary>
internal sealed record DiagramCluster(string Key, string LogicalId, string Name, string? Version, string? VpcKey, IReadOnlyList<DiagramNodeGroup> NodeGroups);
