using Amazon.CDK;
using EksPlatform.Controllers;
using EksPlatform.Installer;
using EksPlatform.Settings;

namespace EksPlatform;

/// <summary>
/// The stack outputs, in one block. Their keys are a contract: <c>cdk deploy --outputs-file</c> writes them, and
/// the <c>controllers</c> command reads them back to render the controllers' Helm values.
/// </summary>
internal static class PlatformOutputs
{
    public static void Declare(PlatformStack stack, PlatformSettings settings)
    {
        var cluster = stack.Cluster;
        var values = ControllerValues(stack);
        Output(stack, StackOutputKeys.ClusterName, values[StackOutputKeys.ClusterName], "EKS cluster name");
        Output(stack, StackOutputKeys.ClusterEndpoint, values[StackOutputKeys.ClusterEndpoint], "Kubernetes API server endpoint");
        Output(stack, StackOutputKeys.ClusterSecurityGroupId, values[StackOutputKeys.ClusterSecurityGroupId],
            "Security group EKS created for the control plane and nodes");
        Output(stack, "ClusterRoleArn", cluster.Role.RoleArn, "IAM role of the control plane");
        Output(stack, "OidcIssuerUrl", cluster.OidcIssuerUrl, "OIDC issuer of the cluster (IRSA)");
        // Only with the provider: when no controller uses IRSA there is none (docs/karpenter.md §9).
        if (cluster.OidcProvider is not null)
        {
            Output(stack, "OidcProviderArn", cluster.OidcProviderArn, "IAM OIDC provider that IRSA roles trust");
        }

        Output(stack, StackOutputKeys.VpcId, values[StackOutputKeys.VpcId], "VPC of the cluster");
        Output(stack, "DashboardName", stack.Observability.Dashboard.DashboardName, "CloudWatch dashboard of the cluster (control plane, nodes, pods, alarms)");
        Output(stack, "AlarmTopicArn", stack.Observability.AlarmTopic.TopicArn, "KMS-encrypted SNS topic the alarms notify: subscribe on-call endpoints here");
        Output(stack, "AdminRoleArn", cluster.AdminRole.RoleArn, "The platform's cluster-admin role (EKS access entry, AmazonEKSClusterAdminPolicy)");
        Output(stack, "KubeconfigCommand",
            Fn.Join("", ["aws eks update-kubeconfig --region ", settings.Region.Name, " --name ", cluster.ClusterName,
                " --role-arn ", cluster.AdminRole.RoleArn]),
            "Adds the cluster to your kubeconfig as the platform's admin role (your IAM identity must be allowed to assume it)");
        foreach (var (controller, role) in stack.Controllers.Roles)
        {
            Output(stack, controller.RoleOutputKey, values[controller.RoleOutputKey],
                $"{(role.Identity == ControllerIdentity.Irsa ? "IRSA" : "EKS Pod Identity")} role of {controller.Name} " +
                $"({controller.ServiceAccount.Namespace}/{controller.ServiceAccount.Name})");
        }

        if (stack.Karpenter is not null)
        {
            Output(stack, StackOutputKeys.KarpenterInterruptionQueueName, values[StackOutputKeys.KarpenterInterruptionQueueName],
                "SQS queue of Karpenter's interruption events (its settings.interruptionQueue)");
            Output(stack, StackOutputKeys.KarpenterNodeRoleName, values[StackOutputKeys.KarpenterNodeRoleName],
                "Role of the nodes Karpenter launches (the EC2NodeClass's role); it joins through an EC2_LINUX access entry");
        }

        Output(stack, StackOutputKeys.EbsKeyArn, values[StackOutputKeys.EbsKeyArn], "KMS key of EBS volumes (nodes and the encrypted default StorageClass)");
        if (stack.AutoModeNodes is not null)
        {
            Output(stack, StackOutputKeys.AutoModeNodeRoleName, values[StackOutputKeys.AutoModeNodeRoleName],
                "EKS Auto Mode: role of the platform NodeClass (its spec.role)");
            for (var i = 0; i < stack.Network.Vpc.PrivateSubnets.Length; i++)
            {
                Output(stack, AutoModeManifests.SubnetOutputKey(i), values[AutoModeManifests.SubnetOutputKey(i)],
                    $"EKS Auto Mode: private subnet {i + 1}, selected by the platform NodeClass");
            }
        }

        if (stack.Installer is { } installer)
        {
            Output(stack, StackOutputKeys.InstallerProjectName, installer.ProjectName,
                "CodeBuild project that installs the controllers after every deploy (rerun: aws codebuild start-build --project-name NAME)");
        }
    }

    /// <summary>
    /// The values the controllers' Helm values are rendered from, by output key: declared as outputs for the
    /// <c>controllers</c> command, and handed as they are to the in-VPC installer, so both install the same thing.
    /// </summary>
    public static Dictionary<string, string> ControllerValues(PlatformStack stack)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StackOutputKeys.ClusterName] = stack.Cluster.ClusterName,
            [StackOutputKeys.ClusterEndpoint] = stack.Cluster.Endpoint,
            [StackOutputKeys.ClusterSecurityGroupId] = stack.Cluster.ClusterSecurityGroupId,
            [StackOutputKeys.VpcId] = stack.Network.Vpc.VpcId,
            [StackOutputKeys.EbsKeyArn] = stack.Keys.Ebs.KeyArn,
        };
        foreach (var (controller, role) in stack.Controllers.Roles)
        {
            values[controller.RoleOutputKey] = role.RoleArn;
        }

        // The platform NodeClass's values (docs/auto-mode.md §5), only under Auto Mode so other templates do not change.
        if (stack.AutoModeNodes is { } autoMode)
        {
            values[StackOutputKeys.AutoModeNodeRoleName] = autoMode.NodeClassRole.RoleName;
            var subnets = stack.Network.Vpc.PrivateSubnets;
            for (var i = 0; i < subnets.Length; i++)
            {
                values[AutoModeManifests.SubnetOutputKey(i)] = subnets[i].SubnetId;
            }
        }

        if (stack.Karpenter is { } karpenter)
        {
            values[StackOutputKeys.KarpenterInterruptionQueueName] = karpenter.Queue.QueueName;
            values[StackOutputKeys.KarpenterNodeRoleName] = karpenter.NodeRole.Role.RoleName;
        }

        return values;
    }

    private static void Output(Stack stack, string id, string value, string description) =>
        _ = new CfnOutput(stack, id, new CfnOutputProps { Value = value, Description = description });
}
