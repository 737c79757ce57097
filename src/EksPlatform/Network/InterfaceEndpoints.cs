using System.Collections.Immutable;

namespace EksPlatform.Network;

/// <summary>
/// The interface endpoints the settings may name, with why nodes or controllers call each service
/// (docs/eks-deploy-facts.md §11). The names are the service-name suffixes AWS uses (com.amazonaws.&lt;region&gt;.&lt;name&gt;).
/// </summary>
public static class InterfaceEndpoints
{
    /// <summary>Allowed endpoint names and what calls them.</summary>
    public static ImmutableSortedDictionary<string, string> Known { get; } = new Dictionary<string, string>
    {
        ["ecr.api"] = "image pulls (ECR API)",
        ["ecr.dkr"] = "image pulls (registry)",
        ["sts"] = "IRSA: AssumeRoleWithWebIdentity",
        ["ec2"] = "VPC CNI and Bottlerocket instance metadata calls",
        ["logs"] = "CloudWatch agent and Fluent Bit",
        ["eks"] = "cluster-autoscaler DescribeNodegroup, Bottlerocket bootstrap",
        ["eks-auth"] = "EKS Pod Identity",
        ["elasticloadbalancing"] = "AWS Load Balancer Controller",
        ["autoscaling"] = "cluster-autoscaler",
        ["ssm"] = "Bottlerocket control container, Parameter Store",
        ["ssmmessages"] = "Session Manager sessions",
        ["ec2messages"] = "Session Manager (older agents)",
        ["secretsmanager"] = "external-secrets",
        ["kms"] = "direct KMS calls from pods",
        ["xray"] = "X-Ray / ADOT traces",
        ["monitoring"] = "CloudWatch metrics (PutMetricData)",
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
