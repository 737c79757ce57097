using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// How much of the internet a list of CIDR blocks lets in, judged by addresses rather than by the
/// text <c>0.0.0.0/0</c>: <c>0.0.0.0/1</c> plus <c>128.0.0.0/1</c>, or a handful of /12s, is as open as
/// <c>0.0.0.0/0</c> for any practical purpose. The blocks are merged first (overlaps and duplicates
/// count once), then the address space that is not reachable from the internet is taken out.
/// The list is open to the internet when it covers at least <see cref="OpenToInternetIpv4Addresses"/>
/// public IPv4 addresses, or holds an IPv6 prefix of length <see cref="OpenToInternetIpv6PrefixLength"/> or shorter.
/// The numbers are public so that the settings side (cluster.publicAccessCidrs) can apply the same line.
/// </summary>
public sealed class PublicAddressCoverage
{
    /// <summary>
    /// Public IPv4 addresses (2^24, a /8's worth) from which a list counts as open to the internet. A list
    /// of an organisation's own networks and VPN egress addresses is orders of magnitude smaller; one
    /// that reaches a /8's worth is letting in whole swaths of other people's address space.
    /// </summary>
    public const long OpenToInternetIpv4Addresses = 1L << 24;

    /// <summary>
    /// IPv6 prefix length at or below which a block counts as open to the internet: a /16 is far wider
    /// than any network an organisation is allocated (regional registries themselves receive /12s).
    /// </summary>
    public const int OpenToInternetIpv6PrefixLength = 16;

    /// <summary>
    /// IPv4 space that is not reachable across the internet, after the IANA IPv4 Special-Purpose Address
    /// Registry (https://www.iana.org/assignments/iana-ipv4-special-registry/): "this network", RFC 1918
    /// private, RFC 6598 shared (carrier-grade NAT), loopback, link-local, multicast and reserved.
    /// </summary>
    public static IReadOnlyList<string> NonPublicIpv4Ranges { get; } =
    [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
    ];

    private static readonly (long Start, long End)[] s_nonPublic = [.. NonPublicIpv4Ranges.Select(r => Range(IPNetwork.Parse(r)))];

    private PublicAddressCoverage(long publicIpv4Addresses, IReadOnlyList<string> wideIpv6Prefixes, IReadOnlyList<string> unreadable)
    {
        PublicIpv4Addresses = publicIpv4Addresses;
        WideIpv6Prefixes = wideIpv6Prefixes;
        Unreadable = unreadable;
    }

    /// <summary>Public IPv4 addresses the union of the blocks covers.</summary>
    public long PublicIpv4Addresses { get; }

    /// <summary>IPv6 blocks of prefix length <see cref="OpenToInternetIpv6PrefixLength"/> or shorter, as given.</summary>
    public IReadOnlyList<string> WideIpv6Prefixes { get; }

    /// <summary>Entries that are not CIDR blocks (or only known at deploy time), whose coverage cannot be judged.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    /// <summary>True when the blocks reach the IPv4 threshold or hold a wide IPv6 prefix.</summary>
    public bool IsOpenToInternet => PublicIpv4Addresses >= OpenToInternetIpv4Addresses || WideIpv6Prefixes.Count > 0;

    /// <summary>Measures a list of CIDR blocks (IPv4 and IPv6 mixed).</summary>
    public static PublicAddressCoverage Of(IEnumerable<string> cidrs)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        var ipv4 = new List<(long Start, long End)>();
        var wideIpv6 = new List<string>();
        var unreadable = new List<string>();
        foreach (var text in cidrs)
        {
            // EKS takes CIDR notation only, so a bare address is not read as a /32 either.
            if (!text.Contains('/', StringComparison.Ordinal) || !IPNetwork.TryParse(text, out var network))
            {
                unreadable.Add(text);
            }
            else if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                ipv4.Add(Range(network));
            }
            else if (network.PrefixLength <= OpenToInternetIpv6PrefixLength)
            {
                wideIpv6.Add(text);
            }
        }
        var merged = Merge(ipv4);
        var total = merged.Sum(r => r.End - r.Start + 1);
        // Merged blocks are disjoint, and so are the non-public ranges: the overlaps add up exactly.
        var nonPublic = merged.Sum(r => s_nonPublic.Sum(n => Math.Max(0, Math.Min(r.End, n.End) - Math.Max(r.Start, n.Start) + 1)));
        return new PublicAddressCoverage(total - nonPublic, wideIpv6, unreadable);
    }

    private static (long Start, long End) Range(IPNetwork network)
    {
        var start = (long)BinaryPrimitives.ReadUInt32BigEndian(network.BaseAddress.GetAddressBytes());
        return (start, start + (1L << (32 - network.PrefixLength)) - 1);
    }

    private static List<(long Start, long End)> Merge(List<(long Start, long End)> ranges)
    {
        var merged = new List<(long Start, long End)>();
        foreach (var range in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End + 1)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }
        return merged;
    }
}
