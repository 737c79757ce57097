namespace EksPlatform;

/// <summary>
/// Names of the log groups the platform creates. They are known at synth time so the logs key policy can name
/// each group's ARN exactly (building it from the log group's own ARN would be a key → group → key cycle).
/// </summary>
public static class LogGroupNames
{
    /// <summary>Where EKS writes control-plane logs; EKS fixes this name.</summary>
    public static string ControlPlane(string clusterName) => $"/aws/eks/{clusterName}/cluster";

    /// <summary>The VPC flow-log group.</summary>
    public static string FlowLogs(string clusterName) => $"/aws/vpc/{clusterName}/flow-logs";

    /// <summary>The in-VPC installer's build log group, named after its CodeBuild project.</summary>
    public static string Installer(string projectName) => $"/aws/codebuild/{projectName}";
}
