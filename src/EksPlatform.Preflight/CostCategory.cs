namespace EksPlatform.Preflight;

/// <summary>The part of the platform a cost line pays for; the HTML report charts the monthly estimate by these.</summary>
public enum CostCategory
{
    /// <summary>Anything the categories below do not cover.</summary>
    Other,
    /// <summary>The EKS control plane (cluster-hours).</summary>
    ControlPlane,
    /// <summary>Nodes: EC2 instances and their EBS volumes.</summary>
    Compute,
    /// <summary>NAT gateways, their data processing and public IPv4 addresses.</summary>
    Network,
    /// <summary>Interface and gateway VPC endpoints and their data processing.</summary>
    Endpoints,
    /// <summary>CloudWatch Logs ingestion and storage, dashboards, alarms.</summary>
    Observability,
    /// <summary>KMS customer managed keys.</summary>
    Keys,
    /// <summary>CodeBuild build minutes (the in-VPC controller installer).</summary>
    Builds,
}
