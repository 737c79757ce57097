namespace EksPlatform.Preflight.Diagram;

/// <summary>What the diagrams show, extracted once from the templates and drawn twice (Mermaid, SVG).</summary>
internal sealed record ArchitectureModel(IReadOnlyList<DiagramVpc> Vpcs, IReadOnlyList<DiagramCluster> Clusters, IReadOnlyList<DiagramRole> Roles)
{
    /// <summary>Queues fed by EventBridge rules (Karpenter's interruption queue); empty when the templates have none.</summary>
    public IReadOnlyList<DiagramQueue> Queues { get; init; } = [];

    /// <summary>CodeBuild projects in the VPC and the cluster endpoint they reach.</summary>
    public IReadOnlyList<DiagramBuild> Builds { get; init; } = [];
}
