namespace EksPlatform.Preflight.Diagram;

/// <summary>A VPC endpoint by short service name (s3, ecr.api...).</summary>
internal sealed record DiagramEndpoint(string Key, string LogicalId, string Service, bool IsGateway);
