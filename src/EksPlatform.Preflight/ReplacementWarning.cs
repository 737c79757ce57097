namespace EksPlatform.Preflight;

/// <summary>A resource the change would delete or replace.</summary>
/// <param name="Stack">Stack name.</param>
/// <param name="LogicalId">Logical id of the resource.</param>
/// <param name="ResourceType">CloudFormation type (the baseline's when it changed).</param>
/// <param name="Kind">Why it is replaced.</param>
/// <param name="Property">The property path (e.g. <c>EncryptionConfig</c>, <c>KubernetesNetworkConfig/IpFamily</c>) or null.</param>
/// <param name="OldValue">Baseline value as compact JSON (null when absent).</param>
/// <param name="NewValue">New value as compact JSON (null when absent).</param>
/// <param name="Stateful">True when the type holds data (cluster, VPC, subnet, key, log group, bucket...).</param>
/// <param name="Message">One sentence for the reader.</param>
public sealed record ReplacementWarning(
    string Stack,
    string LogicalId,
    string ResourceType,
    ReplacementKind Kind,
    string? Property,
    string? OldValue,
    string? NewValue,
    bool Stateful,
    string Message);
