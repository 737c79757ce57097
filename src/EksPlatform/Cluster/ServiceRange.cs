using System.Net;

namespace EksPlatform.Cluster;

/// <summary>
/// The Kubernetes service range the platform sets (it is create-only). EKS's own rule for its default, made explicit:
/// 172.20.0.0/16 unless the VPC is in 10.0.0.0/8, then 10.100.0.0/16, so the two never overlap. Custom-AMI nodes need
/// the cluster DNS IP (the range's tenth address) before they can ask EKS for it.
/// </summary>
public static class ServiceRange
{
    /// <summary>The service range for a VPC range.</summary>
    public static IPNetwork For(IPNetwork vpcCidr) =>
        IPNetwork.Parse("10.0.0.0/8").Contains(vpcCidr.BaseAddress) ? IPNetwork.Parse("172.20.0.0/16") : IPNetwork.Parse("10.100.0.0/16");

    /// <summary>The cluster DNS service IP: the tenth address of the service range.</summary>
    public static string DnsIp(string serviceIpv4Cidr)
    {
        var address = IPNetwork.Parse(serviceIpv4Cidr).BaseAddress.GetAddressBytes();
        address[^1] += 10;
        return new IPAddress(address).ToString();
    }

    /// <summary>Whether two ranges share any address.</summary>
    public static bool Overlaps(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);
}
