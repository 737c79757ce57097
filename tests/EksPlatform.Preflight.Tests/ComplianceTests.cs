using System.Text.Json.Nodes;
using EksPlatform.Preflight.Tests.Support;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

public sealed class ComplianceTests
{
    /// <summary>One way to break the good template, the check it must fail and what the finding must name.</summary>
    private sealed record BadCase(string CheckId, Action<JsonObject> Break, string? FailingResource, string ReasonFragment);

    private static readonly string[] s_allCheckIds =
        ["EKSP-001", "EKSP-002", "EKSP-003", "EKSP-004", "EKSP-005", "EKSP-006", "CIS-2.1.1", "CIS-5.4.2", "EKSP-007", "EKSP-008", "EKSP-009",
            "EKSP-010", "EKSP-012"];

    private static readonly Dictionary<string, BadCase> s_badCases = new()
    {
        ["s3 gateway missing a private route table"] = new("EKSP-002",
            t => Properties(t, "S3Endpoint")["RouteTableIds"]!.AsArray().RemoveAt(1), "PrivateRouteTable2", "not attached"),
        ["s3 gateway route tables as a nested list"] = new("EKSP-002",
            t => Properties(t, "S3Endpoint")["RouteTableIds"] = new JsonArray(Properties(t, "S3Endpoint")["RouteTableIds"]!.DeepClone()),
            "S3Endpoint", "nested list"),
        ["s3 endpoint is interface, not gateway"] = new("EKSP-002",
            t => Properties(t, "S3Endpoint")["VpcEndpointType"] = "Interface", null, "No S3 gateway endpoint"),
        ["no sts interface endpoint"] = new("EKSP-002", t => Resources(t).Remove("StsEndpoint"), null, ".sts"),
        ["ecr.dkr endpoint for another service"] = new("EKSP-002",
            t => Properties(t, "EcrDkrEndpoint")["ServiceName"] = new JsonObject { ["Fn::Sub"] = "com.amazonaws.${AWS::Region}.ecr.api" }, null, "ecr.dkr"),
        ["node group without launch template"] = new("EKSP-003",
            t => Properties(t, "SystemNodeGroup").Remove("LaunchTemplate"), "SystemNodeGroup", "No LaunchTemplate"),
        ["node group on AL2023"] = new("EKSP-003",
            t => Properties(t, "SystemNodeGroup")["AmiType"] = "AL2023_x86_64_STANDARD", "SystemNodeGroup", "not Bottlerocket"),
        ["custom AMI from an AL2023 parameter"] = new("EKSP-003",
            t => t["Parameters"]!["BottlerocketAmi"]!["Default"] = "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/arm64/standard/recommended/image_id",
            "AppNodeGroup", "not a Bottlerocket SSM parameter"),
        ["unencrypted data volume"] = new("EKSP-003",
            t => LaunchTemplateData(t, "SystemLaunchTemplate")["BlockDeviceMappings"]![1]!["Ebs"]!["Encrypted"] = false,
            "SystemLaunchTemplate", "/dev/xvdb: Encrypted is not true"),
        ["gp2 root volume"] = new("EKSP-003",
            t => LaunchTemplateData(t, "AppLaunchTemplate")["BlockDeviceMappings"]![0]!["Ebs"]!["VolumeType"] = "gp2", "AppLaunchTemplate", "gp2, not gp3"),
        ["volume without KMS key"] = new("EKSP-003",
            t => LaunchTemplateData(t, "AppLaunchTemplate")["BlockDeviceMappings"]![0]!["Ebs"]!.AsObject().Remove("KmsKeyId"),
            "AppLaunchTemplate", "no KmsKeyId"),
        ["log retention 7 days"] = new("EKSP-004", t => Properties(t, "ClusterLogGroup")["RetentionInDays"] = 7, "ClusterLogGroup", "RetentionInDays is 7"),
        ["log group without KMS"] = new("EKSP-004", t => Properties(t, "ClusterLogGroup").Remove("KmsKeyId"), "ClusterLogGroup", "KmsKeyId"),
        ["log group with another name"] = new("EKSP-004",
            t => Properties(t, "ClusterLogGroup")["LogGroupName"] = "/aws/eks/other/cluster", "Cluster", "/aws/eks/platform-prod/cluster"),
        ["no Container Insights add-on"] = new("EKSP-004", t => Resources(t).Remove("ObservabilityAddon"), "Cluster",
            "Required Container Insights missing: no AWS::EKS::Addon amazon-cloudwatch-observability for this cluster " +
            "(observability.containerInsights: false?)"),
        ["no dashboard"] = new("EKSP-004", t => Resources(t).Remove("Dashboard"), null, "Dashboard"),
        ["no secrets encryption"] = new("EKSP-005", t => Properties(t, "Cluster").Remove("EncryptionConfig"), "Cluster", "secrets"),
        ["secrets key without rotation"] = new("EKSP-005", t => Properties(t, "PlatformKey")["EnableKeyRotation"] = false, "PlatformKey", "EnableKeyRotation"),
        ["secrets key given as a literal ARN"] = new("EKSP-005",
            t => Properties(t, "Cluster")["EncryptionConfig"]![0]!["Provider"]!["KeyArn"] = "arn:aws:kms:us-east-1:111122223333:key/abc",
            "Cluster", "does not refer"),
        ["EBS CSI trust without aud"] = new("EKSP-006",
            t => Properties(t, "EbsCsiRole")["AssumeRolePolicyDocument"]!["Fn::Sub"]![0] =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"${ProviderArn}\"}," +
                "\"Action\":\"sts:AssumeRoleWithWebIdentity\"," +
                "\"Condition\":{\"StringEquals\":{\"${Issuer}:sub\":\"system:serviceaccount:kube-system:ebs-csi-controller-sa\"}}}]}",
            "EbsCsiRole", "without StringEquals <issuer>:aud"),
        ["autoscaler trust with StringLike sub"] = new("EKSP-006",
            t => Properties(t, "ClusterAutoscalerRole")["AssumeRolePolicyDocument"]!["Fn::Sub"]![0] =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"${ProviderArn}\"}," +
                "\"Action\":\"sts:AssumeRoleWithWebIdentity\"," +
                "\"Condition\":{\"StringLike\":{\"${Issuer}:sub\":\"system:serviceaccount:kube-system:*\"}," +
                "\"StringEquals\":{\"${Issuer}:aud\":\"sts.amazonaws.com\"}}}]}",
            "ClusterAutoscalerRole", "without StringEquals on <issuer>:sub"),
        ["no external-secrets role"] = new("EKSP-006", t => Resources(t).Remove("ExternalSecretsRole"), null,
            "no IAM role trusts system:serviceaccount:external-secrets:external-secrets with exact :sub and :aud conditions, " +
            "and no Pod Identity association gives it one limited to that service account (controllers.externalSecrets.enabled: false?)"),
        ["no cluster-autoscaler role"] = new("EKSP-006", t => Resources(t).Remove("ClusterAutoscalerRole"), null,
            "Required role for the node autoscaler (cluster-autoscaler or Karpenter) missing: no IAM role trusts " +
            "system:serviceaccount:kube-system:cluster-autoscaler or system:serviceaccount:kube-system:karpenter"),
        ["scheduler logs off"] = new("CIS-2.1.1",
            t => Properties(t, "Cluster")["Logging"]!["ClusterLogging"]!["EnabledTypes"]!.AsArray().RemoveAt(4), "Cluster", "scheduler"),
        ["public endpoint open to the internet"] = new("CIS-5.4.2",
            t => Properties(t, "Cluster")["ResourcesVpcConfig"]!["EndpointPublicAccess"] = true, "Cluster", "open to the internet"),
        ["public endpoint with 0.0.0.0/0"] = new("CIS-5.4.2",
            t =>
            {
                Properties(t, "Cluster")["ResourcesVpcConfig"]!["EndpointPublicAccess"] = true;
                Properties(t, "Cluster")["ResourcesVpcConfig"]!["PublicAccessCidrs"] = new JsonArray("203.0.113.0/24", "0.0.0.0/0");
            }, "Cluster", "cover 3,702,390,784 public IPv4 addresses"),
        ["private endpoint off"] = new("CIS-5.4.2",
            t => Properties(t, "Cluster")["ResourcesVpcConfig"]!.AsObject().Remove("EndpointPrivateAccess"), "Cluster", "EndpointPrivateAccess"),
        ["IMDSv1 allowed"] = new("EKSP-007",
            t => LaunchTemplateData(t, "AppLaunchTemplate")["MetadataOptions"]!["HttpTokens"] = "optional", "AppLaunchTemplate", "optional"),
        ["hop limit 3"] = new("EKSP-007",
            t => LaunchTemplateData(t, "SystemLaunchTemplate")["MetadataOptions"]!["HttpPutResponseHopLimit"] = 3, "SystemLaunchTemplate", "is 3"),
        ["hop limit unset"] = new("EKSP-007",
            t => LaunchTemplateData(t, "SystemLaunchTemplate")["MetadataOptions"]!.AsObject().Remove("HttpPutResponseHopLimit"),
            "SystemLaunchTemplate", "not set"),
        ["SSH key on launch template"] = new("EKSP-008", t => LaunchTemplateData(t, "AppLaunchTemplate")["KeyName"] = "ops", "AppLaunchTemplate", "KeyName"),
        ["remote access on node group"] = new("EKSP-008",
            t => Properties(t, "SystemNodeGroup")["RemoteAccess"] = new JsonObject { ["Ec2SshKey"] = "ops" }, "SystemNodeGroup", "RemoteAccess"),
        ["service wildcard action"] = new("EKSP-009",
            t => AddStatement(t, "ClusterAutoscalerPolicy", """{ "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::logs/*" }"""),
            "ClusterAutoscalerPolicy", "s3:*"),
        ["write on every resource without condition"] = new("EKSP-009",
            t => AddStatement(t, "ClusterAutoscalerPolicy",
                """{ "Sid": "Tagging", "Effect": "Allow", "Action": ["ec2:DescribeTags", "ec2:CreateTags"], "Resource": "*" }"""),
            "ClusterAutoscalerPolicy", "statement Tagging allows ec2:CreateTags on Resource *"),
        ["inline role policy with iam:PassRole on *"] = new("EKSP-009",
            t => Properties(t, "EbsCsiRole")["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray()
                .Add(JsonNode.Parse("""{ "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*" }""")),
            "EbsCsiRole", "inline policy kms-grants"),
        ["NotAction allow"] = new("EKSP-009",
            t => AddStatement(t, "ClusterAutoscalerPolicy", """{ "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }"""),
            "ClusterAutoscalerPolicy", "NotAction"),
    };

    public static TheoryData<string> BadCaseNames => [.. s_badCases.Keys];

    /// <summary>Every check but EKSP-010, which applies only to nodes a controller launches (KarpenterChecksTests has its template).</summary>
    public static TheoryData<string> CheckIds => [.. s_allCheckIds.Where(id => id != "EKSP-010")];

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void EveryCheckPassesOnTheGoodTemplate(string checkId)
    {
        var result = Check(Analyze(Good()), checkId);

        Assert.True(result.Status == ComplianceStatus.Pass, $"{checkId}: {string.Join("; ", result.Findings.Select(f => f.Reason))}");
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void ReportListsExactlyTheDocumentedChecksInOrder()
    {
        Assert.Equal(s_allCheckIds, Analyze(Good()).Compliance.Select(c => c.Id));
    }

    [Theory]
    [MemberData(nameof(BadCaseNames))]
    public void CheckFailsOnABrokenTemplateAndNamesTheResource(string caseName)
    {
        var bad = s_badCases[caseName];
        var template = Good();
        bad.Break(template);

        var result = Check(Analyze(template), bad.CheckId);

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        var finding = Assert.Single(result.Findings, f => f.Reason.Contains(bad.ReasonFragment, StringComparison.Ordinal));
        Assert.Equal(bad.FailingResource, finding.LogicalId);
        if (bad.FailingResource is not null)
        {
            Assert.Contains(bad.FailingResource, result.FailingResources);
        }
    }

    [Theory]
    [InlineData("aws://111122223333/unknown-region", "no concrete region")]
    [InlineData("aws://unknown-account/unknown-region", "no concrete region")]
    [InlineData("aws://111122223333/us-east-7", "not a known AWS region")]
    [InlineData("aws://111122223333/eu-westish-1", "not a known AWS region")]
    public void RegionCheckFailsWithoutARealRegion(string environment, string reason)
    {
        var result = Check(Analyze(Good(), environment: environment), "EKSP-001");

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.Contains(reason, Assert.Single(result.Findings).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws://111122223333/eu-west-1")]
    [InlineData("aws://111122223333/ap-southeast-2")]
    [InlineData("aws://111122223333/il-central-1")]
    public void RegionCheckAcceptsRealRegions(string environment)
    {
        Assert.Equal(ComplianceStatus.Pass, Check(Analyze(Good(), environment: environment), "EKSP-001").Status);
    }

    [Fact]
    public void RegionCheckFailsOnDummyAvailabilityZones()
    {
        var template = Good();
        Properties(template, "PrivateSubnet2").Remove("AvailabilityZoneId");
        Properties(template, "PrivateSubnet2")["AvailabilityZone"] = "dummy1b";

        var result = Check(Analyze(template), "EKSP-001");

        Assert.Equal("PrivateSubnet2", Assert.Single(result.Findings).LogicalId);
    }

    [Fact]
    public void PublicEndpointRestrictedToListedCidrsPasses()
    {
        var template = Good();
        var vpcConfig = Properties(template, "Cluster")["ResourcesVpcConfig"]!;
        vpcConfig["EndpointPublicAccess"] = true;
        vpcConfig["PublicAccessCidrs"] = new JsonArray("203.0.113.0/24", "198.51.100.7/32");

        Assert.Equal(ComplianceStatus.Pass, Check(Analyze(template), "CIS-5.4.2").Status);
    }

    [Fact]
    public void SubnetWithRouteToInternetGatewayIsPublicEvenWithoutTags()
    {
        // Untagged subnets whose route table reaches the IGW are public, so their table needs no S3 gateway.
        var template = Good();
        foreach (var id in new[] { "PublicSubnet1", "PublicSubnet2" })
        {
            Properties(template, id).Remove("Tags");
            Properties(template, id).Remove("MapPublicIpOnLaunch");
        }

        Assert.Equal(ComplianceStatus.Pass, Check(Analyze(template), "EKSP-002").Status);
    }

    [Fact]
    public void AllowlistedStatementIsReportedAsSuchAndDoesNotFail()
    {
        var template = Good();
        AddStatement(template, "ClusterAutoscalerPolicy",
            """{ "Effect": "Allow", "Action": ["elasticloadbalancing:SetWebAcl", "elasticloadbalancing:AddListenerCertificates"], "Resource": "*" }""");
        // Same statement, other order and a Sid: still the official one.
        var official = AllowlistedIamStatement.FromPolicyDocument("AWS Load Balancer Controller v3.5.0 iam_policy.json",
            """
            { "Version": "2012-10-17", "Statement": [ { "Sid": "X", "Effect": "Allow", "Resource": "*",
              "Action": ["elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:SetWebAcl"] } ] }
            """);

        var failing = Check(Analyze(template), "EKSP-009");
        var allowed = Check(Analyze(template, PreflightOptions.Default with { IamAllowlist = official }), "EKSP-009");

        Assert.Equal(ComplianceStatus.Fail, failing.Status);
        Assert.Empty(failing.Allowlisted);
        Assert.Equal(ComplianceStatus.Pass, allowed.Status);
        var entry = Assert.Single(allowed.Allowlisted);
        Assert.Equal("ClusterAutoscalerPolicy", entry.LogicalId);
        Assert.Contains("Load Balancer Controller v3.5.0", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AllowlistDoesNotCoverAWidenedStatement()
    {
        var template = Good();
        AddStatement(template, "ClusterAutoscalerPolicy",
            """{ "Effect": "Allow", "Action": ["elasticloadbalancing:SetWebAcl", "iam:CreateUser"], "Resource": "*" }""");
        var official = AllowlistedIamStatement.FromPolicyDocument("official",
            """{ "Statement": { "Effect": "Allow", "Action": "elasticloadbalancing:SetWebAcl", "Resource": "*" } }""");

        var result = Check(Analyze(template, PreflightOptions.Default with { IamAllowlist = official }), "EKSP-009");

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.Empty(result.Allowlisted);
    }

    [Theory]
    [InlineData("EKSP-002")]
    [InlineData("EKSP-003")]
    [InlineData("EKSP-004")]
    [InlineData("EKSP-005")]
    [InlineData("EKSP-006")]
    [InlineData("CIS-2.1.1")]
    [InlineData("CIS-5.4.2")]
    [InlineData("EKSP-007")]
    [InlineData("EKSP-008")]
    [InlineData("EKSP-009")]
    public void ChecksWithNothingToCheckAreNotApplicable(string checkId)
    {
        var bucketOnly = JsonNode.Parse("""{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" } } }""")!.AsObject();

        var result = Check(Analyze(bucketOnly), checkId);

        Assert.Equal(ComplianceStatus.NotApplicable, result.Status);
        Assert.Empty(result.Findings);
        Assert.False(string.IsNullOrWhiteSpace(result.Summary));
    }

    private static void AddStatement(JsonObject template, string policyId, string statementJson) =>
        Properties(template, policyId)["PolicyDocument"]!["Statement"]!.AsArray().Add(JsonNode.Parse(statementJson));
}
