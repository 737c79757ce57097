namespace EksPlatform.Controllers;

/// <summary>
/// Stack output keys the <c>controllers</c> renderer reads from a <c>cdk deploy --outputs-file</c> file, besides each
/// controller's <see cref="Controller.RoleOutputKey"/>. They are a contract: renaming one breaks rendering.
/// </summary>
public static class StackOutputKeys
{
    /// <summary>The EKS cluster name.</summary>
    public const string ClusterName = "ClusterName";

    /// <summary>The VPC id (the load balancer controller's <c>vpcId</c>).</summary>
    public const string VpcId = "VpcId";

    /// <summary>The EBS KMS key ARN (the encrypted default StorageClass's <c>kmsKeyId</c>, the EC2NodeClass's <c>kmsKeyID</c>).</summary>
    public const string EbsKeyArn = "EbsKeyArn";

    /// <summary>The Kubernetes API endpoint (Karpenter's <c>settings.clusterEndpoint</c>).</summary>
    public const string ClusterEndpoint = "ClusterEndpoint";

    /// <summary>The cluster security group EKS created (Karpenter's EC2NodeClass and the Auto Mode NodeClass select it by id).</summary>
    public const string ClusterSecurityGroupId = "ClusterSecurityGroupId";

    /// <summary>The name of Karpenter's interruption queue (its <c>settings.interruptionQueue</c>); only with Karpenter.</summary>
    public const string KarpenterInterruptionQueueName = "KarpenterInterruptionQueueName";

    /// <summary>The name of the role of Karpenter's nodes (the EC2NodeClass's <c>role</c>); only with Karpenter.</summary>
    public const string KarpenterNodeRoleName = "KarpenterNodeRoleName";

    /// <summary>The in-VPC installer's CodeBuild project name (present when the installer is on).</summary>
    public const string InstallerProjectName = "InstallerProjectName";

    /// <summary>Under Auto Mode: the name of the platform NodeClass's role (its <c>spec.role</c>).</summary>
    public const string AutoModeNodeRoleName = "AutoModeNodeRoleName";
}
