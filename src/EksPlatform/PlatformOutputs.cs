using Amazon.CDK;
using EksPlatform.Controllers;
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
        Output(stack, StackOutputKeys.ClusterName, cluster.ClusterName, "EKS cluster name");
        Output(stack, StackOutputKeys.ClusterEndpoint, cluster.Endpoint, "Kubernetes API server endpoint");
        Output(stack, StackOutputKeys.ClusterSecurityGroupId, cluster.ClusterSecurityGroupId, "Security group EKS created for the control plane and nodes");
        Output(stack, "ClusterRoleArn", cluster.Role.RoleArn, "IAM role of the control plane");
        Output(stack, "OidcIssuerUrl", cluster.OidcIssuerUrl, "OIDC issuer of the cluster (IRSA)");
        // Only with the provider: when no controller uses IRSA there is none (docs/karpenter.md §9).
        if (cluster.OidcProvider is not null)
        {
            Output(stack, "OidcProviderArn", cluster.OidcProviderArn, "IAM OIDC provider that IRSA roles trust");
        }

        Output(stack, StackOutputKeys.VpcId, stack.Network.Vpc.VpcId, "VPC of the cluster");
        Output(stack, "DashboardName", stack.Observability.Dashboard.DashboardName, "CloudWatch dashboard of the cluster (control plane, nodes, pods, alarms)");
        Output(stack, "AlarmTopicArn", stack.Observability.AlarmTopic.TopicArn, "KMS-encrypted SNS topic the alarms notify: subscribe on-call endpoints here");
        Output(stack, "AdminRoleArn", cluster.AdminRole.RoleArn, "The platform's cluster-admin role (EKS access entry, AmazonEKSClusterAdminPolicy)");
        Output(stack, "KubeconfigCommand",
            Fn.Join("", ["aws eks update-kubeconfig --region ", settings.Region.Name, " --name ", cluster.ClusterName,
                " --role-arn ", cluster.AdminRole.RoleArn]),
            "Adds the cluster to your kubeconfig as the platform's admin role (your IAM identity must be allowed to assume it)");
        foreach (var (controller, role) in stack.Controllers.Roles)
        {
            Output(stack, controller.RoleOutputKey, role.RoleArn,
                $"{(role.Identity == ControllerIdentity.Irsa ? "IRSA" : "EKS Pod Identity")} role of {controller.Name} " +
                $"({controller.ServiceAccount.Namespace}/{controller.ServiceAccount.Name})");
        }

        if (stack.Karpenter is { } karpenter)
        {
            Output(stack, StackOutputKeys.KarpenterInterruptionQueueName, karpenter.Queue.QueueName,
                "SQS queue of Karpenter's interruption events (its settings.interruptionQueue)");
            Output(stack, StackOutputKeys.KarpenterNodeRoleName, karpenter.NodeRole.Role.RoleName,
                "Role of the nodes Karpenter launches (the EC2NodeClass's role); it joins through an EC2_LINUX access entry");
        }

        Output(stack, StackOutputKeys.EbsKeyArn, stack.Keys.Ebs.KeyArn, "KMS key of EBS volumes (nodes and the encrypted default StorageClass)");
    }

    private static void Output(Stack stack, string id, string value, string description) =>
        _ = new CfnOutput(stack, id, new CfnOutputProps { Value = value, Description = description });
}
