using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Settings;

/// <summary>Each bad setting is rejected with its field path and a message that says what is allowed.</summary>
public sealed class InvalidSettingsTests
{
    private const string Cluster = "cluster:\n  name: test-cluster\n";
    private const string Env = "environment: test\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        // yaml, expected path, expected fragment of the message
        { Env + Cluster + "region: us-east-7\n", "region", "not an AWS region" },
        { Env + Cluster + "region: 42\n", "region", "expected string" },
        { Env + Cluster + "region: us-west-1\n", "availabilityZones", "offers 2 availability zones" },
        { "environment: Prod\n" + Cluster, "environment", "does not match" },
        { Cluster, "(root)", "environment" },
        { Env, "(root)", "cluster" },
        { Env + "cluster:\n  name: -bad\n", "cluster.name", "does not match" },
        { Env + $"cluster:\n  name: {new string('c', 101)}\n", "cluster.name", "longer than 100" },
        { Env + Cluster + "network:\n  vpcCidr: 8.8.0.0/16\n", "network.vpcCidr", "not a private range" },
        { Env + Cluster + "network:\n  vpcCidr: 10.0.0.0/12\n", "network.vpcCidr", "/16 to /24" },
        { Env + Cluster + "network:\n  vpcCidr: 10.0.0.0/26\n", "network.vpcCidr", "/16 to /24" },
        { Env + Cluster + "network:\n  vpcCidr: not-a-cidr\n", "network.vpcCidr", "not an IPv4 CIDR" },
        { Env + Cluster + "network:\n  vpcCidr: 10.0.0.1/16\n", "network.vpcCidr", "host bits" },
        { Env + Cluster + "network:\n  vpcCidr: 10.0.0.0/19\n", "network.privateSubnetMask", "do not fit" },
        { Env + Cluster + "network:\n  vpcCidr: 10.0.0.0/22\n  privateSubnetMask: 24\n", "network.vpcCidr", "need 1536" },
        { Env + Cluster + "network:\n  natGateways: perZone\n", "network.natGateways", "allowed values: perAz | single" },
        { Env + Cluster + "network:\n  interfaceEndpoints: [ecr.api, s3]\n", "network.interfaceEndpoints[1]", "allowed values: ecr.api" },
        { Env + Cluster + "network:\n  flowLogRetentionDays: 10\n", "network.flowLogRetentionDays", "allowed values: 1 | 3" },
        { Env + Cluster + "network:\n  publicSubnetMask: 30\n", "network.publicSubnetMask", "out of range" },
        { Env + Cluster + "network:\n  vpcCdir: 10.0.0.0/16\n", "network.vpcCdir", "unknown field 'vpcCdir'; allowed fields: vpcCidr" },
        { Env + Cluster + "clustr: {}\n", "clustr", "unknown field" },
        { Env + Cluster + "availabilityZones: [us-east-1a, us-west-2b, us-east-1c]\n", "availabilityZones[1]", "not a zone of us-east-1" },
        { Env + Cluster + "availabilityZones: [us-east-1a]\n", "availabilityZones", "has 1 items" },
        { Env + Cluster + "availabilityZones: [us-east-1a, us-east-1a, us-east-1b]\n", "availabilityZones", "unique" },
        { Env + Cluster + "tier: staging\n", "tier", "allowed values: production | development" },
        { Env + Cluster + "tags:\n  aws:owner: me\n", "tags.aws:owner", "reserved" },
        { Env + Cluster + "tags:\n  Environment: x\n", "tags.Environment", "set by the platform" },
        { Env + Cluster + "encryption:\n  deletionWindowDays: 3\n", "encryption.deletionWindowDays", "out of range" },
        { Env + Cluster + "protection:\n  retainOnDelete: yes-please\n", "protection.retainOnDelete", "expected boolean" },
        { Env + "cluster:\n  name: c\n  kubernetesVersion: \"1.29\"\n", "cluster.kubernetesVersion", "allowed: 1.30" },
        { Env + "cluster:\n  name: c\n  kubernetesVersion: 1.35\n", "cluster.kubernetesVersion", "quote the version" },
        { Env + "cluster:\n  name: c\n  kubernetesVersion: \"1.30\"\n", "cluster.kubernetesVersion", "left EKS extended support" },
        { Env + "cluster:\n  name: c\n  upgradePolicy: FOREVER\n", "cluster.upgradePolicy", "STANDARD | EXTENDED" },
        { Env + "cluster:\n  name: c\n  endpointPublicAccess: true\n", "cluster.publicAccessCidrs", "list the CIDR blocks" },
        { Env + "cluster:\n  name: c\n  endpointPublicAccess: true\n  publicAccessCidrs: [0.0.0.0/0]\n", "cluster.publicAccessCidrs[0]", "whole internet" },
        { Env + "cluster:\n  name: c\n  endpointPublicAccess: true\n  publicAccessCidrs: [10.0.0.0/33]\n", "cluster.publicAccessCidrs[0]", "not a CIDR" },
        { Env + "cluster:\n  name: c\n  publicAccessCidrs: [203.0.113.0/24]\n", "cluster.publicAccessCidrs", "endpointPublicAccess is false" },
        { Env + "cluster:\n  name: c\n  admins: [\"arn:aws:iam::123:role/x\"]\n", "cluster.admins[0]", "not an IAM role or user ARN" },
        { Env + "cluster:\n  name: c\n  logRetentionDays: 31\n", "cluster.logRetentionDays", "allowed values" },
        { Env + "cluster:\n  name: c\n  addons:\n    vpc-cni: \"1.2\"\n", "cluster.addons.vpc-cni", "does not match" },
        { Env + "cluster:\n  name: c\n  addons:\n    cilium: v1.0.0-eksbuild.1\n", "cluster.addons.cilium", "allowed fields: vpc-cni, coredns" },
        { Env + "cluster: [\n", "(line", "not valid YAML" },
        { "- a\n- b\n", "(root)", "must be a YAML mapping" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_setting_is_reported_with_its_path(string yaml, string path, string fragment)
    {
        var problems = TestSettings.Problems(yaml);

        Assert.Contains(problems, p => p.Path.StartsWith(path, StringComparison.Ordinal)
            && p.Message.Contains(fragment, StringComparison.Ordinal) && p.Severity == IssueSeverity.Error);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass()
    {
        const string yaml = """
            environment: BAD
            region: mars-1
            network:
              natGateways: sometimes
              vpcCidr: 8.8.8.0/24
            cluster:
              name: ok
              upgradePolicy: never
              admins: [nobody]
            """;

        var paths = TestSettings.Problems(yaml).Select(p => p.Path).ToHashSet();

        Assert.Superset(new HashSet<string> { "environment", "region", "network.natGateways", "network.vpcCidr", "cluster.upgradePolicy", "cluster.admins[0]" }, paths);
    }

    [Fact]
    public void A_value_the_schema_rejects_is_reported_once()
    {
        var problems = TestSettings.Problems(Env + Cluster + "region: 42\n");

        Assert.Single(problems, p => p.Path == "region");
    }
}
