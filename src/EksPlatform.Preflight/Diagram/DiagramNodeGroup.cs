namespace EksPlatform.Preflight.Diagram;

/// <summary>A managed node group, labelled with size and instance types.</summary>
internal sealed record DiagramNodeGroup(string Key, string LogicalId, string Label);
