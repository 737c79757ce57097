using System.Text.Json.Nodes;
using EksPlatform.Preflight.Compliance;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

/// <summary>
/// CIS-5.4.2 judges "open to the internet" by the public addresses a PublicAccessCidrs list covers: at least
/// 2^24 (a /8's worth) once overlaps are merged and non-public space is taken out, or an IPv6 /16 or wider.
/// </summary>
public sealed class PublicAddressCoverageTests
{
    // 2^32 minus 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16, 224/4 and 240/4, worked out by hand.
    private const long AllPublicIpv4 = 3_702_390_784;

    [Theory]
    [InlineData("203.0.113.0/24", 256, false)]
    [InlineData("203.0.113.0/24 198.51.100.7/32", 257, false)]
    [InlineData("203.0.113.0/24 203.0.113.0/24 203.0.113.128/25", 256, false)]       // duplicates and overlaps count once
    [InlineData("11.0.0.0/9 11.0.0.0/9", 8_388_608, false)]                          // two copies of half a /8 are still half
    [InlineData("11.0.0.0/8", 16_777_216, true)]                                     // exactly the threshold
    [InlineData("11.0.0.0/9 11.128.0.0/9", 16_777_216, true)]                        // adjacent halves merge
    [InlineData("0.0.0.0/0", AllPublicIpv4, true)]
    [InlineData("0.0.0.0/1 128.0.0.0/1", AllPublicIpv4, true)]                        // the two halves of 0.0.0.0/0
    [InlineData("0.0.0.0/1 128.0.0.0/1 0.0.0.0/0 203.0.113.0/24", AllPublicIpv4, true)]
    [InlineData("10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 100.64.0.0/10", 0, false)]  // a lot of space, none of it public
    [InlineData("224.0.0.0/3", 0, false)]                                            // multicast and reserved
    [InlineData("8.0.0.0/5", 117_440_512, true)]                                     // 8-15.x.x.x less 10/8
    [InlineData("16.0.0.0/12 32.0.0.0/12 48.0.0.0/12 64.0.0.0/12 80.0.0.0/12 96.0.0.0/12 112.0.0.0/12 128.0.0.0/12 144.0.0.0/12 160.0.0.0/12",
        10_485_760, false)]                                                          // ten public /12s: 10 x 2^20 < 2^24
    [InlineData("16.0.0.0/11 32.0.0.0/11 48.0.0.0/11 64.0.0.0/11 80.0.0.0/11 96.0.0.0/11 112.0.0.0/11 128.0.0.0/11", 16_777_216, true)] // eight /11s = a /8
    [InlineData("::/0", 0, true)]
    [InlineData("2001::/16", 0, true)]
    [InlineData("2001:db8::/32 203.0.113.0/24", 256, false)]
    public void Coverage_merges_the_blocks_and_counts_only_public_addresses(string cidrs, long publicIpv4, bool open)
    {
        var coverage = PublicAddressCoverage.Of(cidrs.Split(' '));

        Assert.Equal(publicIpv4, coverage.PublicIpv4Addresses);
        Assert.Equal(open, coverage.IsOpenToInternet);
        Assert.Empty(coverage.Unreadable);
    }

    [Fact]
    public void The_threshold_is_a_slash_8s_worth_and_the_ipv6_line_is_a_slash_16()
    {
        Assert.Equal(16_777_216, PublicAddressCoverage.OpenToInternetIpv4Addresses);
        Assert.Equal(16, PublicAddressCoverage.OpenToInternetIpv6PrefixLength);
        Assert.Equal(["2001::/16"], PublicAddressCoverage.Of(["2001::/16", "2001:db8::/17"]).WideIpv6Prefixes);
    }

    [Fact]
    public void Entries_that_are_not_cidr_blocks_are_reported_not_counted()
    {
        var coverage = PublicAddressCoverage.Of(["203.0.113.7", "{{Subnet.CidrBlock}}", "10.0.0.0/33", "198.51.100.0/24"]);

        Assert.Equal(["203.0.113.7", "{{Subnet.CidrBlock}}", "10.0.0.0/33"], coverage.Unreadable);
        Assert.Equal(256, coverage.PublicIpv4Addresses);
        Assert.False(coverage.IsOpenToInternet);
    }

    [Theory]
    [InlineData("""["203.0.113.0/24", "198.51.100.7/32"]""", null)]
    [InlineData("""["11.0.0.0/9", "11.0.0.0/9"]""", null)]
    [InlineData("""["0.0.0.0/1", "128.0.0.0/1"]""",
        "Public endpoint is on and open to the internet: PublicAccessCidrs cover 3,702,390,784 public IPv4 addresses (open from 16,777,216, a /8's worth).")]
    [InlineData("""["203.0.113.0/24", "::/0"]""",
        "Public endpoint is on and open to the internet: PublicAccessCidrs cover 256 public IPv4 addresses (open from 16,777,216, a /8's worth) " +
        "and IPv6 ::/0 (open from a /16 or wider).")]
    [InlineData("""[]""", "Public endpoint is on and open to the internet: PublicAccessCidrs is empty")]
    [InlineData("""["203.0.113.0/24", { "Fn::GetAtt": [ "Vpc", "CidrBlock" ] }]""",
        "PublicAccessCidrs entries {{Vpc.CidrBlock}} are not CIDR blocks known before deploy")]
    public void The_endpoint_check_fails_a_public_endpoint_open_by_coverage(string cidrs, string? reason)
    {
        var template = Good();
        var vpcConfig = Properties(template, "Cluster")["ResourcesVpcConfig"]!;
        vpcConfig["EndpointPublicAccess"] = true;
        vpcConfig["PublicAccessCidrs"] = JsonNode.Parse(cidrs);

        var result = Check(Analyze(template), "CIS-5.4.2");

        if (reason is null)
        {
            Assert.True(result.Status == ComplianceStatus.Pass, string.Join("; ", result.Findings.Select(f => f.Reason)));
        }
        else
        {
            Assert.Equal(ComplianceStatus.Fail, result.Status);
            var finding = Assert.Single(result.Findings);
            Assert.Equal("Cluster", finding.LogicalId);
            Assert.StartsWith(reason, finding.Reason, StringComparison.Ordinal);
        }
    }
}
