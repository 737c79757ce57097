namespace EksPlatform.Cluster;

/// <summary>
/// What the platform's other constructs need of an EKS cluster: node groups, IRSA and Pod Identity roles, the
/// controllers' roles, the add-ons and observability take this, not a concrete cluster. <see cref="PlatformCluster"/>
/// implements it; <see cref="EksClusterAttributes"/> describes an existing cluster by its attributes (as
/// terraform-aws-eks's node group module takes the cluster's name, endpoint and CA).
/// </summary>
public interface IEksCluster
{
    /// <summary>The cluster's name, known at synth time: IAM condition keys, log group names and tags need a literal.</summary>
    string Name { get; }

    /// <summary>The name for resource properties: a reference when the cluster is in the same stack, so dependents wait for it.</summary>
    string ClusterName { get; }

    /// <summary>The cluster's ARN.</summary>
    string ClusterArn { get; }

    /// <summary>The API server endpoint (https URL).</summary>
    string Endpoint { get; }

    /// <summary>The base64 certificate authority data of the API server.</summary>
    string CertificateAuthorityData { get; }

    /// <summary>The security group EKS creates for the control plane and managed nodes.</summary>
    string ClusterSecurityGroupId { get; }

    /// <summary>The Kubernetes service range (IPv4 CIDR), known at synth time.</summary>
    string ServiceIpv4Cidr { get; }

    /// <summary>The ARN of the IAM OIDC provider of the cluster's issuer (for IRSA; a cluster without one may throw).</summary>
    string OidcProviderArn { get; }

    /// <summary>The cluster's OIDC issuer URL (https://oidc.eks.&lt;region&gt;.amazonaws.com/id/&lt;ID&gt;).</summary>
    string OidcIssuerUrl { get; }

    /// <summary>The Kubernetes minor version, such as <c>1.33</c>, known at synth time.</summary>
    string KubernetesVersion { get; }
}
