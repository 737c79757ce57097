namespace EksPlatform.Preflight.Templates;

/// <summary>A VPC endpoint.</summary>
/// <param name="Resource">The AWS::EC2::VPCEndpoint.</param>
/// <param name="ServiceName">Resolved service name, e.g. com.amazonaws.us-east-1.ecr.api.</param>
/// <param name="Service">The short service name after the region, e.g. ecr.api, s3.</param>
/// <param name="IsGateway">Gateway endpoint (CloudFormation's default type) rather than Interface.</param>
/// <param name="RouteTableIds">Logical ids of the route tables a gateway endpoint is attached to (direct Refs only: a
/// nested list is not an attachment).</param>
/// <param name="SubnetCount">Number of entries in SubnetIds (= AZs) for an interface endpoint; null when not a literal list.</param>
internal sealed record EndpointInfo(TemplateResource Resource, string ServiceName, string Service, bool IsGateway, IReadOnlyList<string> RouteTableIds,
    int? SubnetCount);
