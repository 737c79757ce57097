using System.Net;
using System.Text.RegularExpressions;

namespace EksPlatform.Cluster;

/// <summary>
/// An existing EKS cluster described by its attributes (from <c>aws eks describe-cluster</c>, or another stack's
/// outputs), for using the platform's constructs with a cluster the platform did not create. Checked when built, so a
/// mistyped attribute fails at synth with the attribute's name rather than at deploy.
/// </summary>
public sealed partial class EksClusterAttributes : IEksCluster
{
    /// <summary>Describes an existing cluster.</summary>
    /// <param name="name">The cluster name.</param>
    /// <param name="clusterArn">The cluster ARN.</param>
    /// <param name="endpoint">The API server endpoint (https URL).</param>
    /// <param name="certificateAuthorityData">The base64 certificate authority data.</param>
    /// <param name="clusterSecurityGroupId">The cluster security group id (sg-…).</param>
    /// <param name="serviceIpv4Cidr">The Kubernetes service range.</param>
    /// <param name="oidcProviderArn">The ARN of the IAM OIDC provider of the cluster's issuer.</param>
    /// <param name="oidcIssuerUrl">The OIDC issuer URL (https://…).</param>
    /// <param name="kubernetesVersion">The Kubernetes minor version, such as 1.33.</param>
    public EksClusterAttributes(string name, string clusterArn, string endpoint, string certificateAuthorityData, string clusterSecurityGroupId,
        string serviceIpv4Cidr, string oidcProviderArn, string oidcIssuerUrl, string kubernetesVersion)
    {
        Name = Require(name, nameof(name), ClusterNames.IsValid(name), ClusterNames.Rule);
        ClusterArn = Require(clusterArn, nameof(clusterArn), ClusterNames.IsArnOf(clusterArn, name),
            $"the ARN of cluster {name} (arn:<partition>:eks:<region>:<account>:cluster/{name})");
        Endpoint = Require(endpoint, nameof(endpoint), endpoint.StartsWith("https://", StringComparison.Ordinal), "an https URL");
        CertificateAuthorityData = Require(certificateAuthorityData, nameof(certificateAuthorityData), certificateAuthorityData.Length > 0,
            "the base64 certificate authority data");
        ClusterSecurityGroupId = Require(clusterSecurityGroupId, nameof(clusterSecurityGroupId), SecurityGroupId().IsMatch(clusterSecurityGroupId),
            "a security group id (sg-…)");
        ServiceIpv4Cidr = Require(serviceIpv4Cidr, nameof(serviceIpv4Cidr), IPNetwork.TryParse(serviceIpv4Cidr, out var range)
            && range.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork, "an IPv4 CIDR block such as 172.20.0.0/16");
        OidcProviderArn = Require(oidcProviderArn, nameof(oidcProviderArn), oidcProviderArn.StartsWith("arn:", StringComparison.Ordinal)
            && oidcProviderArn.Contains(":oidc-provider/", StringComparison.Ordinal),
            "the ARN of an IAM OIDC provider (arn:<partition>:iam::<account>:oidc-provider/…)");
        OidcIssuerUrl = Require(oidcIssuerUrl, nameof(oidcIssuerUrl), oidcIssuerUrl.StartsWith("https://", StringComparison.Ordinal), "the issuer's https URL");
        KubernetesVersion = Require(kubernetesVersion, nameof(kubernetesVersion), MinorVersion().IsMatch(kubernetesVersion),
            "a Kubernetes minor version such as 1.33");
        ClusterName = name;
    }

    private static string Require(string value, string parameter, bool valid, string expected) =>
        valid ? value : throw new ArgumentException($"'{value}' is not {expected}", parameter);

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string ClusterName { get; }

    /// <inheritdoc/>
    public string ClusterArn { get; }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <inheritdoc/>
    public string CertificateAuthorityData { get; }

    /// <inheritdoc/>
    public string ClusterSecurityGroupId { get; }

    /// <inheritdoc/>
    public string ServiceIpv4Cidr { get; }

    /// <inheritdoc/>
    public string OidcProviderArn { get; }

    /// <inheritdoc/>
    public string OidcIssuerUrl { get; }

    /// <inheritdoc/>
    public string KubernetesVersion { get; }

    [GeneratedRegex("^sg-[0-9a-f]{8,17}$")]
    private static partial Regex SecurityGroupId();

    [GeneratedRegex(@"^1\.[0-9]{1,2}$")]
    private static partial Regex MinorVersion();
}
