namespace EksPlatform.Preflight.Diagram;

/// <summary>
/// A CodeBuild project that runs in the VPC (the platform's controller installer): <paramref name="ClusterKey"/> is the
/// cluster whose security group admits it on 443, if any; <paramref name="StartedBy"/> says what starts it.
/// </summary>
internal sealed record DiagramBuild(string Key, string LogicalId, string Name, string? ClusterKey, string? StartedBy);
