using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Settings;

/// <summary>Each bad setting is rejected with its field path and a message that says what is allowed.</summary>
public sealed class InvalidSettingsTests
{
    private const string Cluster = "cluster:\n  name: test-cluster\n";
    private const string Env = "environment: test\n";

    private static string Groups(string firstGroupFields) => "nodeGroups:\n  - name: a\n" + firstGroupFields;

    public static TheoryData<string, string, string> Cases => new()
    {
        // yaml, expected path, expected fragment of the message
        { Env + Cluster + "region: us-east-7\n", "region", "not an AWS region" },
        { Env + Cluster + "region: 42\n", "region", "expected string" },
        { Env + Cluster + "region: us-west-1\n", "availabilityZones", "no default zone IDs are recorded for us-west-1" },
        { Env + Cluster + "region: cn-north-1\n", "availabilityZones", "describe-availability-zones --region cn-north-1" },
        { "environment: Prod\n" + Cluster, "environment", "is not allowed here: expected" },
        { Cluster, "(root)", "environment" },
        { Env, "(root)", "cluster" },
        { Env + "cluster:\n  name: -bad\n", "cluster.name", "is not allowed here: expected" },
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
        { Env + Cluster + "availabilityZones: [us-east-1a, use1-az2, use1-az4]\n", "availabilityZones[0]", "is a zone name; give zone IDs instead" },
        { Env + Cluster + "availabilityZones: [us-east-1a, use1-az2, use1-az4]\n",
            "availabilityZones[0]", "--query \"AvailabilityZones[].[ZoneName,ZoneId]\"" },
        { Env + Cluster + "availabilityZones: [use1-az1, usw2-az1, use1-az4]\n", "availabilityZones[1]", "not an Availability Zone ID of us-east-1" },
        { Env + Cluster + "availabilityZones: [use1-az1, use1-az3, use1-az4]\n", "availabilityZones[1]", "EKS does not accept cluster subnets in use1-az3" },
        { Env + Cluster + "availabilityZones: [use1-az1, use1-az9, use1-az4]\n", "availabilityZones[1]", "us-east-1 has no zone use1-az9" },
        { Env + Cluster + "region: ca-central-1\navailabilityZones: [cac1-az1, cac1-az2, cac1-az3]\n",
            "availabilityZones[2]", "ca-central-1 has no zone cac1-az3" },
        { Env + Cluster + "availabilityZones: [use1-az1]\n", "availabilityZones", "has 1 items" },
        { Env + Cluster + "availabilityZones: [use1-az1, use1-az1, use1-az2]\n", "availabilityZones", "unique" },
        { Env + Cluster + "tier: staging\n", "tier", "allowed values: production | development" },
        { Env + Cluster + "tags:\n  aws:owner: me\n", "tags.aws:owner", "reserved" },
        { Env + Cluster + "tags:\n  Environment: x\n", "tags.Environment", "sets the tag Environment itself" },
        { Env + Cluster + "encryption:\n  deletionWindowDays: 3\n", "encryption.deletionWindowDays", "out of range" },
        { Env + Cluster + "installer:\n  enabled: maybe\n", "installer.enabled", "expected boolean" },
        { Env + Cluster + "preflight:\n  accept:\n    DEPLOY-999: because it is fine here\n", "preflight.accept.DEPLOY-999", "not a deploy-readiness check" },
        { Env + Cluster + "preflight:\n  accept:\n    EKSP-009: because it is fine here\n", "preflight.accept.EKSP-009", "is not allowed here" },
        { Env + Cluster + "preflight:\n  accept:\n    DEPLOY-008: ok\n", "preflight.accept.DEPLOY-008", "at least 10 characters" },
        { Env + Cluster + "installer:\n  timeoutMinutes: 5\n", "installer.timeoutMinutes", "out of range" },
        { Env + Cluster + "installer:\n  timeoutMinutes: 481\n", "installer.timeoutMinutes", "out of range" },
        { Env + Cluster + "installer:\n  helmVersion: v3\n", "installer.helmVersion", "unknown field" },
        { Env + Cluster + "cost:\n  deploysPerMonth: -1\n", "cost.deploysPerMonth", "out of range" },
        { Env + Cluster + "protection:\n  retainOnDelete: yes-please\n", "protection.retainOnDelete", "expected boolean" },
        { Env + "cluster:\n  name: c\n  kubernetesVersion: \"1.29\"\n", "cluster.kubernetesVersion", "allowed: 1.30" },
        { Env + "cluster:\n  name: c\n  kubernetesVersion: 1.35\n", "cluster.kubernetesVersion", "quote the version" },
        { Env + "cluster:\n  name: c\n  kubernetesVersion: \"1.30\"\n", "cluster.kubernetesVersion", "left EKS extended support" },
        { Env + "cluster:\n  name: c\n  upgradePolicy: FOREVER\n", "cluster.upgradePolicy", "STANDARD | EXTENDED" },
        { Env + "cluster:\n  name: c\n  endpointPublicAccess: true\n", "cluster.publicAccessCidrs", "list the CIDR blocks" },
        { Env + "cluster:\n  name: c\n  endpointPublicAccess: true\n  publicAccessCidrs: [0.0.0.0/0]\n", "cluster.publicAccessCidrs", "open to the internet" },
        { Env + "cluster:\n  name: c\n  endpointPublicAccess: true\n  publicAccessCidrs: [10.0.0.0/33]\n", "cluster.publicAccessCidrs[0]", "not a CIDR" },
        { Env + "cluster:\n  name: c\n  publicAccessCidrs: [203.0.113.0/24]\n", "cluster.publicAccessCidrs", "endpointPublicAccess is false" },
        { Env + "cluster:\n  name: c\n  admins: [\"arn:aws:iam::123456789012:role/x\"]\n", "cluster.admins", "replaced by cluster.accessEntries" },
        { Env + "cluster:\n  name: c\n  accessEntries:\n    - { principalArn: \"arn:aws:iam::123:role/x\", policy: view }\n",
            "cluster.accessEntries[0].principalArn", "not an IAM role or user ARN" },
        { Env + "cluster:\n  name: c\n  accessEntries:\n    - { principalArn: \"arn:aws:sts::123456789012:assumed-role/x/s\", policy: view }\n",
            "cluster.accessEntries[0].principalArn", "aws-reserved/sso.amazonaws.com" },
        { Env + "cluster:\n  name: c\n  accessEntries:\n    - { principalArn: \"arn:aws-cn:iam::123456789012:role/x\", policy: view }\n",
            "cluster.accessEntries[0].principalArn", "the region's partition is aws" },
        { Env + "cluster:\n  name: c\n  accessEntries:\n    - { principalArn: \"arn:aws:iam::123456789012:role/x\", policy: root }\n",
            "cluster.accessEntries[0].policy", "clusterAdmin | admin | edit | view" },
        { Env + "cluster:\n  name: c\n  accessEntries:\n    - { principalArn: \"arn:aws:iam::123456789012:role/x\", policy: view }\n" +
            "    - { principalArn: \"arn:aws:iam::123456789012:role/x\", policy: edit }\n",
            "cluster.accessEntries[1].principalArn", "already has an access entry" },
        { Env + "cluster:\n  name: c\n  accessEntries:\n    - { principalArn: \"arn:aws:iam::123456789012:role/x\", policy: clusterAdmin, namespaces: [a] }\n",
            "cluster.accessEntries[0].namespaces", "whole cluster" },
        { Env + "cluster:\n  name: c\n  adminRole: { assumableBy: [\"arn:aws:iam::123456789012:group/admins\"] }\n",
            "cluster.adminRole.assumableBy[0]", "not an IAM role or user ARN" },
        { Env + "cluster:\n  name: c\n  endpointAccess: { cidrs: [203.0.113.0/24] }\n", "cluster.endpointAccess.cidrs[0]", "is a public range" },
        { Env + "cluster:\n  name: c\n  endpointAccess: { cidrs: [10.0.0.1/16] }\n", "cluster.endpointAccess.cidrs[0]", "host bits" },
        { Env + "cluster:\n  name: c\n  endpointAccess: { securityGroupIds: [sg-1] }\n",
            "cluster.endpointAccess.securityGroupIds[0]", "a security group ID such as" },
        { Env + $"cluster:\n  name: {new string('c', 94)}\n", "cluster.name", "alarm topic's display name" },
        { Env + Cluster + "tags:\n  environment: x\n", "tags.environment", "sets the tag Environment itself" },
        { Env + Cluster + "tags:\n  team: a\n  Team: b\n", "tags.Team", "only in case" },
        { Env + Cluster + "tags:\n  owner: ops@example.com\n", "tags.owner", "a tag value may hold only" },
        { Env + Cluster + "tags:\n  'a*b': x\n", "tags.a*b", "a tag key is 1 to 128" },
        { Env + Cluster + "tags:\n" + string.Concat(Enumerable.Range(0, 45).Select(i => $"  t{i}: v\n")), "tags", "at most 44" },
        { Env + "cluster:\n  name: c\n  logRetentionDays: 31\n", "cluster.logRetentionDays", "allowed values" },
        { Env + "cluster:\n  name: c\n  addons:\n    vpc-cni: \"1.2\"\n", "cluster.addons.vpc-cni", "is not allowed here: expected" },
        { Env + "cluster:\n  name: c\n  addons:\n    cilium: v1.0.0-eksbuild.1\n", "cluster.addons.cilium", "allowed fields: vpc-cni, coredns" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    minSize: 3\n    desiredSize: 2\n"), "nodeGroups[0].desiredSize", "below minSize" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    desiredSize: 4\n    maxSize: 3\n"), "nodeGroups[0].maxSize", "below desiredSize" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.huge]\n"), "nodeGroups[0].instanceTypes[0]", "not a known instance type; known in m7i" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large, m7g.large]\n"), "nodeGroups[0].instanceTypes", "mixes architectures" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    capacityType: SPOT\n"), "nodeGroups[0].instanceTypes", "at least two instance types" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    capacityType: spot\n"), "nodeGroups[0].capacityType", "ON_DEMAND | SPOT" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    dataVolumeGiB: 20000\n"), "nodeGroups[0].dataVolumeGiB", "out of range" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    osVolumeGiB: 2\n"), "nodeGroups[0].osVolumeGiB", "out of range" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n  - name: a\n    instanceTypes: [m6i.large]\n"), "nodeGroups[1].name", "must be unique" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    amiMode: custom\n    releaseVersion: 1.57.0\n"),
            "nodeGroups[0].releaseVersion", "managed only" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    bottlerocketVersion: 1.57.0\n"), "nodeGroups[0].bottlerocketVersion", "custom only" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    amiMode: golden\n"), "nodeGroups[0].amiMode", "managed | custom" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    bottlerocketSettings:\n      kubernetes.api-server: x\n"),
            "nodeGroups[0].bottlerocketSettings.kubernetes.api-server", "cannot be overridden" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    bottlerocketSettings:\n      Kernel: x\n"),
            "nodeGroups[0].bottlerocketSettings.Kernel", "dotted path" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    taints:\n      - key: gpu\n        effect: Never\n"),
            "nodeGroups[0].taints[0].effect", "NoSchedule | PreferNoSchedule | NoExecute" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    imdsHopLimit: 3\n"), "nodeGroups[0].imdsHopLimit", "allowed values: 1 | 2" },
        { Env + Cluster + "nodeGroups:\n  - name: Apps\n    instanceTypes: [m7i.large]\n", "nodeGroups[0].name", "is not allowed here: expected" },
        { Env + Cluster + "nodeGroups:\n  - name: apps\n", "nodeGroups[0]", "instanceTypes" },
        { Env + Cluster + "controllers:\n  externalSecrets:\n    namePrefix: prod\n",
            "controllers.externalSecrets.namePrefix", "is not allowed here: expected" },
        { Env + Cluster + "controllers:\n  externalSecrets:\n    namePrefix: team/*/\n",
            "controllers.externalSecrets.namePrefix", "is not allowed here: expected" },
        { Env + Cluster + "controllers:\n  externalSecrets:\n    namePrefix: /prod/\n",
            "controllers.externalSecrets.namePrefix", "is not allowed here: expected" },
        { Env + Cluster + "controllers:\n  externalSecrets:\n    namePrefix: aws-prod/\n",
            "controllers.externalSecrets.namePrefix", "SSM Parameter Store reserves" },
        { Env + "cluster:\n  name: ssm-cluster\n", "controllers.externalSecrets.namePrefix", "the default prefix 'ssm-cluster/'" },
        { Env + Cluster + "controllers:\n  certManager:\n    enabled: true\n",
            "controllers.certManager",
            "allowed fields: identity, clusterAutoscaler, awsLoadBalancerController, karpenter, vpcCni, externalSecrets, ebsCsiDriver" },
        { Env + Cluster + "controllers:\n  clusterAutoscaler:\n    enabled: yes-please\n", "controllers.clusterAutoscaler.enabled", "expected boolean" },
        { Env + "cluster:\n  name: c\n  kubernetesVersion: \"1.33\"\n",
            "controllers.clusterAutoscaler.enabled",
            "no cluster-autoscaler image is known for Kubernetes 1.33 (its minor must match the cluster's); images are known for 1.34, 1.35" },
        { Env + Cluster + "controllers:\n  ebsCsiDriver:\n    addonVersion: \"1.2\"\n",
            "controllers.ebsCsiDriver.addonVersion", "is not allowed here: expected" },
        { Env + Cluster + "controllers:\n  ebsCsiDriver:\n    enabled: false\n    addonVersion: v1.40.0-eksbuild.1\n",
            "controllers.ebsCsiDriver.addonVersion", "enabled is false" },
        { Env + Cluster + "observability:\n  alarmEmail: oncall-at-example.com\n", "observability.alarmEmail", "expected an email address" },
        { Env + Cluster + "observability:\n  alarms:\n    nodeCpuPercent: { threshold: 150 }\n",
            "observability.alarms.nodeCpuPercent.threshold", "out of range (allowed 0.1 to 100)" },
        { Env + Cluster + "observability:\n  alarms:\n    failedNodes: { threshold: 0.5 }\n",
            "observability.alarms.failedNodes.threshold", "expected integer" },
        { Env + Cluster + "observability:\n  alarms:\n    pendingPods: { evaluationPeriods: 61 }\n",
            "observability.alarms.pendingPods.evaluationPeriods", "out of range (allowed 1 to 60)" },
        { Env + Cluster + "observability:\n  alarms:\n    diskFull: { threshold: 90 }\n",
            "observability.alarms.diskFull", "allowed fields: apiServer5xxPercent, pendingPods" },
        { Env + Cluster + "observability:\n  containerInsights: false\n  alarms:\n    nodeMemoryPercent: { threshold: 90 }\n",
            "observability.alarms.nodeMemoryPercent", "containerInsights is false" },
        { Env + Cluster + "observability:\n  addonVersion: v1.7.0-eksbuild.1\n", "observability.addonVersion", "predates EKS Pod Identity" },
        { Env + Cluster + "observability:\n  logRetentionDays: 45\n", "observability.logRetentionDays", "allowed values: 1 | 3" },
        { Env + Cluster + Groups("    instanceTypes: [c5.8xlarge]\n"), "nodeGroups[0].instanceTypes[0]", "known in c5: c5.12xlarge" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    bottlerocketSettings:\n      kubernetes.cluster-domain: 'a\"b'\n"),
            "nodeGroups[0].bottlerocketSettings.kubernetes.cluster-domain", "quotes or backslashes" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    labels:\n      -bad: x\n"), "nodeGroups[0].labels", "is not allowed here: expected" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    labels:\n      team: a b\n"),
            "nodeGroups[0].labels.team", "is not allowed here: expected" },
        { Env + Cluster + Groups("    instanceTypes: [m7i.large]\n    taints:\n      - key: 'has space'\n        effect: NoSchedule\n"),
            "nodeGroups[0].taints[0].key", "is not allowed here: expected" },
        { Env + Cluster + "tags:\n  ManagedBy: me\n", "tags.ManagedBy", "sets the tag ManagedBy itself" },
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
              accessEntries: [{ principalArn: nobody, policy: view }]
            """;

        var paths = TestSettings.Problems(yaml).Select(p => p.Path).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "environment", "region", "network.natGateways", "network.vpcCidr", "cluster.upgradePolicy", "cluster.accessEntries[0].principalArn",
        }, paths);
    }

    [Fact]
    public void A_value_the_schema_rejects_is_reported_once()
    {
        var problems = TestSettings.Problems(Env + Cluster + "region: 42\n");

        Assert.Single(problems, p => p.Path == "region");
    }
}
