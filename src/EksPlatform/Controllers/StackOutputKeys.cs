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

    /// <summary>The EBS KMS key ARN (the encrypted default StorageClass's <c>kmsKeyId</c>).</summary>
    public const string EbsKeyArn = "EbsKeyArn";

    /// <summary>The in-VPC installer's CodeBuild project name (present when the installer is on).</summary>
    public const string InstallerProjectName = "InstallerProjectName";
}
