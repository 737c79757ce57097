namespace EksPlatform.Preflight.Diagram;

/// <summary>An IRSA role, named by the service account(s) its trust policy admits.</summary>
internal sealed record DiagramRole(string Key, string LogicalId, string ServiceAccounts);
