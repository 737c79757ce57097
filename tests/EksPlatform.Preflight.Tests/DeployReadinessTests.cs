using System.Text.Json.Nodes;
using static EksPlatform.Preflight.Tests.Support.TestTemplates;

namespace EksPlatform.Preflight.Tests;

/// <summary>
/// Each deploy-readiness check passes on the good template and fails on hand-made bad ones, naming the resource to change
/// and what to change (docs/deploy-readiness.md).
/// </summary>
public sealed class DeployReadinessTests
{
    /// <summary>One way to break the good template, the check it must fail and what the finding must name.</summary>
    private sealed record BadCase(string CheckId, Action<JsonObject> Break, string? FailingResource, string ProblemFragment);

    private static readonly string[] s_allIds =
        ["DEPLOY-001", "DEPLOY-002", "DEPLOY-003", "DEPLOY-004", "DEPLOY-005", "DEPLOY-006", "DEPLOY-007", "DEPLOY-008", "DEPLOY-009", "DEPLOY-010",
            "DEPLOY-011"];

    /// <summary>What plan passes for the controllers' Helm values: the service accounts the charts create.</summary>
    internal static readonly IReadOnlyList<DeclaredServiceAccount> ControllerAccounts =
    [
        new("kube-system", "cluster-autoscaler", "controllers: cluster-autoscaler values"),
        new("kube-system", "aws-load-balancer-controller", "controllers: aws-load-balancer-controller values"),
        new("external-secrets", "external-secrets", "controllers: external-secrets values"),
        new("kube-system", "ebs-csi-controller-sa", "add-on aws-ebs-csi-driver"),
    ];

    private static readonly PreflightOptions s_options = PreflightOptions.Default with { ServiceAccounts = ControllerAccounts };

    private static readonly Dictionary<string, BadCase> s_badCases = new()
    {
        ["cluster subnet placed by zone name"] = new("DEPLOY-001", t => Zone(t, "PrivateSubnet2", "AvailabilityZone", "us-east-1b"),
            "PrivateSubnet2", "placed by zone name ('us-east-1b')"),
        ["cluster subnet in a zone EKS refuses"] = new("DEPLOY-001", t => Zone(t, "PrivateSubnet2", "AvailabilityZoneId", "use1-az3"),
            "PrivateSubnet2", "is in zone use1-az3, where EKS refuses control-plane subnets"),
        ["cluster subnet placed by Fn::GetAZs"] = new("DEPLOY-001",
            t => Zone(t, "PrivateSubnet1", "AvailabilityZone", JsonNode.Parse("""{ "Fn::Select": [ 0, { "Fn::GetAZs": "" } ] }""")!),
            "PrivateSubnet1", "placed by zone name ('AZ 1')"),
        ["cluster subnets in one zone"] = new("DEPLOY-001", t => Zone(t, "PrivateSubnet2", "AvailabilityZoneId", "use1-az1"),
            "Cluster", "all in zone use1-az1"),

        ["no cluster-admin access entry"] = new("DEPLOY-002", t => Resources(t).Remove("AdminAccess"), "Cluster", "no access entry"),
        ["access entry with the view policy only"] = new("DEPLOY-002",
            t => AdminPolicy(t)["PolicyArn"] = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "Cluster", "no IAM principal"),
        ["cluster admin at namespace scope"] = new("DEPLOY-002",
            t => AdminPolicy(t)["AccessScope"] = JsonNode.Parse("""{ "Type": "namespace", "Namespaces": [ "default" ] }"""), "Cluster", "at cluster scope"),
        ["admin entry of a node type"] = new("DEPLOY-002", t => Properties(t, "AdminAccess")["Type"] = "EC2_LINUX", "Cluster", "AuthenticationMode API"),

        ["private endpoint and no 443 rule"] = new("DEPLOY-003", t => Resources(t).Remove("ApiFromVpc"), "Cluster", "private-only endpoint"),
        ["private endpoint admitting only SSH"] = new("DEPLOY-003", t =>
        {
            Properties(t, "ApiFromVpc")["FromPort"] = 22;
            Properties(t, "ApiFromVpc")["ToPort"] = 22;
        }, "Cluster", "TCP 443 from outside themselves"),
        ["private endpoint admitting only itself"] = new("DEPLOY-003", t =>
        {
            Properties(t, "ApiFromVpc").Remove("CidrIp");
            Properties(t, "ApiFromVpc")["SourceSecurityGroupId"] = JsonNode.Parse("""{ "Fn::GetAtt": [ "Cluster", "ClusterSecurityGroupId" ] }""");
        }, "Cluster", "private-only endpoint"),

        ["key policy names the Auto Scaling service-linked role"] = new("DEPLOY-004", t => AddKeyStatement(t, """
            { "Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*", "Principal": { "AWS": { "Fn::Sub":
              "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling" } } }
            """), "PlatformKey", "service-linked role arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/"),
        ["key policy names a service-linked role in a list"] = new("DEPLOY-004", t => AddKeyStatement(t, """
            { "Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Principal": { "AWS": [ "arn:aws:iam::111122223333:root",
              "arn:aws:iam::111122223333:role/aws-service-role/eks-nodegroup.amazonaws.com/AWSServiceRoleForAmazonEKSNodegroup" ] } }
            """), "PlatformKey", "AWSServiceRoleForAmazonEKSNodegroup"),

        ["logs key without the logs principal"] = new("DEPLOY-005", t => RemoveKeyStatement(t, "CloudWatchLogs"), "PlatformKey",
            "encrypts log group ClusterLogGroup, but its key policy does not admit CloudWatch Logs"),
        ["logs principal of another region"] = new("DEPLOY-005",
            t => KeyStatement(t, "CloudWatchLogs")["Principal"]!["Service"] = "logs.eu-west-1.amazonaws.com", "PlatformKey", "log group ClusterLogGroup"),
        ["logs statement without kms:Describe*"] = new("DEPLOY-005",
            t => KeyStatement(t, "CloudWatchLogs")["Action"]!.AsArray().RemoveAt(4), "PlatformKey", "admits CloudWatch Logs without kms:DescribeKey"),
        ["alarm topic key without CloudWatch"] = new("DEPLOY-005", t => RemoveKeyStatement(t, "CloudWatchAlarmsToTheTopic"), "PlatformKey",
            "SNS topic AlarmTopic, which CloudWatch alarms notify"),
        ["EventBridge rule to a topic whose key does not admit EventBridge"] = new("DEPLOY-005", t => Resources(t)["BuildFailures"] = JsonNode.Parse("""
            { "Type": "AWS::Events::Rule", "Properties": { "EventPattern": { "source": [ "aws.codebuild" ] },
              "Targets": [ { "Id": "Topic", "Arn": { "Ref": "AlarmTopic" } } ] } }
            """), "PlatformKey", "SNS topic AlarmTopic, which an EventBridge rule targets, but its key policy does not admit EventBridge"),
        ["EBS key without Auto Scaling"] = new("DEPLOY-005", t => RemoveKeyStatement(t, "VolumesThroughEc2"), "PlatformKey",
            "the EBS volumes of launch template SystemLaunchTemplate"),
        ["key without a key policy"] = new("DEPLOY-005", t => Properties(t, "PlatformKey").Remove("KeyPolicy"), "PlatformKey",
            "log group ClusterLogGroup, but its key policy does not admit CloudWatch Logs (no KeyPolicy"),

        ["named log group retained"] = new("DEPLOY-006", t => Resources(t)["ClusterLogGroup"]!["DeletionPolicy"] = "Retain", "ClusterLogGroup",
            "LogGroupName = '/aws/eks/platform-prod/cluster' has DeletionPolicy Retain"),
        ["retained key alias"] = new("DEPLOY-006", t => Resources(t)["KeyAlias"] = JsonNode.Parse("""
            { "Type": "AWS::KMS::Alias", "DeletionPolicy": "Retain",
              "Properties": { "AliasName": { "Fn::Sub": "alias/${AWS::StackName}/platform" }, "TargetKeyId": { "Ref": "PlatformKey" } } }
            """), "KeyAlias", "AliasName = 'alias/Platform/platform'"),
        ["retained named role"] = new("DEPLOY-006", t =>
        {
            Properties(t, "AdminRole")["RoleName"] = "platform-admin";
            Resources(t)["AdminRole"]!["DeletionPolicy"] = "Retain";
        }, "AdminRole", "RoleName = 'platform-admin'"),

        ["Deployment add-on before the node groups"] = new("DEPLOY-007", t => Resources(t)["ObservabilityAddon"]!.AsObject().Remove("DependsOn"),
            "ObservabilityAddon", "amazon-cloudwatch-observability runs a Deployment"),
        ["coredns on a cluster without nodes yet"] = new("DEPLOY-007", t => Resources(t)["Coredns"] = JsonNode.Parse("""
            { "Type": "AWS::EKS::Addon", "Properties": { "AddonName": "coredns", "ClusterName": { "Ref": "Cluster" } } }
            """), "Coredns", "waits for none of the node groups"),
        ["vpc-cni after the node groups without bootstrap add-ons"] = new("DEPLOY-007", t =>
        {
            Properties(t, "Cluster")["BootstrapSelfManagedAddons"] = false;
            Resources(t)["VpcCni"] = JsonNode.Parse("""
                { "Type": "AWS::EKS::Addon", "DependsOn": "SystemNodeGroup", "Properties": { "AddonName": "vpc-cni", "ClusterName": "platform-prod" } }
                """);
        }, "VpcCni", "Add-on vpc-cni waits for node group(s) SystemNodeGroup"),
        ["kube-proxy after a node group through a reference"] = new("DEPLOY-007", t =>
        {
            Properties(t, "Cluster")["BootstrapSelfManagedAddons"] = "false";
            Resources(t)["KubeProxy"] = JsonNode.Parse("""
                { "Type": "AWS::EKS::Addon", "Properties": { "AddonName": "kube-proxy", "ClusterName": { "Ref": "Cluster" },
                  "Tags": [ { "Key": "after", "Value": { "Fn::GetAtt": [ "AppNodeGroup", "Arn" ] } } ] } }
                """);
        }, "KubeProxy", "waits for node group(s) AppNodeGroup"),

        ["alarm without actions"] = new("DEPLOY-008", t => Properties(t, "ApiServerErrorsAlarm").Remove("AlarmActions"), "ApiServerErrorsAlarm",
            "no AlarmActions"),
        ["alarm topic without a subscription"] = new("DEPLOY-008", t => Resources(t).Remove("AlarmEmail"), "ApiServerErrorsAlarm",
            "notifies only SNS topic(s) AlarmTopic, which have no subscription"),
        ["alarm with actions disabled"] = new("DEPLOY-008", t => Properties(t, "ApiServerErrorsAlarm")["ActionsEnabled"] = false,
            "ApiServerErrorsAlarm", "ActionsEnabled false"),

        ["cluster name of 101 characters"] = new("DEPLOY-009", t => Properties(t, "Cluster")["Name"] = new string('c', 101), "Cluster",
            "is 101 characters; AWS::EKS::Cluster allows at most 100"),
        ["alarm name derived past 255"] = new("DEPLOY-009",
            t => Properties(t, "ApiServerErrorsAlarm")["AlarmName"] = new JsonObject { ["Fn::Sub"] = "${AWS::StackName}-" + new string('a', 250) },
            "ApiServerErrorsAlarm", "is 259 characters; AWS::CloudWatch::Alarm allows at most 255"),
        ["node group name of 64 characters"] = new("DEPLOY-009", t => Properties(t, "SystemNodeGroup")["NodegroupName"] = new string('n', 64),
            "SystemNodeGroup", "allows at most 63"),
        ["role name too long whatever the account"] = new("DEPLOY-009",
            t => Properties(t, "AdminRole")["RoleName"] = new JsonObject { ["Fn::Sub"] = new string('r', 53) + "-${AWS::AccountId}" },
            "AdminRole", "is 66 characters"),

        ["IRSA subject with a typo"] = new("DEPLOY-010",
            t => TrustText(t, "ClusterAutoscalerRole", "kube-system:cluster-autoscaler", "kube-system:cluster-autoscalr"),
            "ClusterAutoscalerRole", "'system:serviceaccount:kube-system:cluster-autoscalr', which matches no service account"),
        ["IRSA subject in another namespace"] = new("DEPLOY-010",
            t => Properties(t, "ExternalSecretsRole")["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!
                ["oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub"] = "system:serviceaccount:eso:external-secrets",
            "ExternalSecretsRole", "system:serviceaccount:eso:external-secrets"),
        ["IRSA StringLike pattern matching nothing"] = new("DEPLOY-010", t =>
        {
            TrustText(t, "EbsCsiRole", "StringEquals", "StringLike");
            TrustText(t, "EbsCsiRole", "kube-system:ebs-csi-controller-sa", "storage:*");
        }, "EbsCsiRole", "system:serviceaccount:storage:*"),

        ["Pod Identity role without sts:TagSession"] = new("DEPLOY-011", t => AgentTrust(t)["Action"] = "sts:AssumeRole", "ObservabilityAgentRole",
            "trusts pods.eks.amazonaws.com without sts:TagSession"),
        ["Pod Identity role trusting EC2"] = new("DEPLOY-011", t => AgentTrust(t)["Principal"]!["Service"] = "ec2.amazonaws.com", "ObservabilityAgentRole",
            "does not trust the service principal pods.eks.amazonaws.com"),
        ["Pod Identity association naming an IRSA role"] = new("DEPLOY-011", t => Resources(t)["EbsCsiAssociation"] = JsonNode.Parse("""
            { "Type": "AWS::EKS::PodIdentityAssociation", "Properties": { "ClusterName": { "Ref": "Cluster" }, "Namespace": "kube-system",
              "ServiceAccount": "ebs-csi-controller-sa", "RoleArn": { "Fn::GetAtt": [ "EbsCsiRole", "Arn" ] } } }
            """), "EbsCsiRole", "named by the Pod Identity association of EbsCsiAssociation"),
    };

    public static TheoryData<string> BadCaseNames => [.. s_badCases.Keys];

    public static TheoryData<string> CheckIds => [.. s_allIds];

    [Fact]
    public void The_checks_are_listed_in_order_with_a_docs_section_and_a_public_source()
    {
        var results = Deploy(Good());

        Assert.Equal(s_allIds, results.Select(r => r.Id));
        Assert.Equal(s_allIds, DeployReadiness.CheckIds);
        Assert.All(results, r => Assert.Matches(@"^docs/deploy-readiness\.md §\d+; (https://docs\.aws\.amazon\.com/\S+|docs/[a-z-]+\.md §\d+)$", r.Source));
    }

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void Every_check_passes_on_the_good_template(string checkId)
    {
        var result = Assert.Single(Deploy(Good()), r => r.Id == checkId);

        Assert.True(result.Status == ComplianceStatus.Pass, $"{checkId} {result.Status}: {result.Summary} {Describe(result)}");
    }

    [Theory]
    [MemberData(nameof(BadCaseNames))]
    public void A_check_fails_on_a_broken_template_naming_the_resource_and_the_fix(string caseName)
    {
        var bad = s_badCases[caseName];
        var template = Good();
        bad.Break(template);

        var results = Deploy(template);

        var result = Assert.Single(results, r => r.Id == bad.CheckId);
        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.True(result.Blocks);
        var finding = Assert.Single(result.Findings, f => f.Problem.Contains(bad.ProblemFragment, StringComparison.Ordinal));
        Assert.Equal(bad.FailingResource, finding.LogicalId);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
        Assert.All(results.Where(r => r.Id != bad.CheckId),
            r => Assert.True(r.Status != ComplianceStatus.Fail, $"{caseName} also fails {r.Id}: {Describe(r)}"));
    }

    [Fact]
    public void Irsa_subjects_fail_without_the_rendered_values_that_declare_the_controllers_accounts()
    {
        var result = Assert.Single(DeployReadiness.Check(Assembly(Good())), r => r.Id == "DEPLOY-010");

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.Equal(["ClusterAutoscalerRole", "EbsCsiRole", "ExternalSecretsRole", "LoadBalancerControllerRole"],
            result.Findings.Select(f => f.LogicalId!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Irsa_subjects_of_add_ons_and_pod_identity_associations_in_the_template_are_declared()
    {
        var template = Good();
        Resources(template)["EbsCsi"] = JsonNode.Parse("""
            { "Type": "AWS::EKS::Addon", "DependsOn": [ "SystemNodeGroup" ],
              "Properties": { "AddonName": "aws-ebs-csi-driver", "ClusterName": { "Ref": "Cluster" },
                "ServiceAccountRoleArn": { "Fn::GetAtt": [ "EbsCsiRole", "Arn" ] } } }
            """);
        var options = PreflightOptions.Default with { ServiceAccounts = ControllerAccounts.Where(a => a.Name != "ebs-csi-controller-sa").ToList() };

        var result = Assert.Single(DeployReadiness.Check(Assembly(template), options), r => r.Id == "DEPLOY-010");

        Assert.Equal(ComplianceStatus.Pass, result.Status);
    }

    [Fact]
    public void Subnets_no_cluster_uses_may_be_placed_by_zone_name()
    {
        var template = Good();
        Zone(template, "PublicSubnet1", "AvailabilityZone", "us-east-1a");

        Assert.Equal(ComplianceStatus.Pass, Assert.Single(Deploy(template), r => r.Id == "DEPLOY-001").Status);
    }

    [Fact]
    public void Clusters_in_other_authentication_modes_or_keeping_the_creators_admin_are_not_judged()
    {
        var configMap = Good();
        Resources(configMap).Remove("AdminAccess");
        Properties(configMap, "Cluster")["AccessConfig"]!["AuthenticationMode"] = "API_AND_CONFIG_MAP";
        var creatorAdmin = Good();
        Resources(creatorAdmin).Remove("AdminAccess");
        Properties(creatorAdmin, "Cluster")["AccessConfig"]!.AsObject().Remove("BootstrapClusterCreatorAdminPermissions");

        Assert.Equal(ComplianceStatus.Pass, Assert.Single(Deploy(configMap), r => r.Id == "DEPLOY-002").Status);
        Assert.Equal(ComplianceStatus.Pass, Assert.Single(Deploy(creatorAdmin), r => r.Id == "DEPLOY-002").Status);
    }

    [Fact]
    public void A_public_endpoint_or_a_security_group_from_outside_the_template_is_not_judged()
    {
        var publicEndpoint = Good();
        Resources(publicEndpoint).Remove("ApiFromVpc");
        Properties(publicEndpoint, "Cluster")["ResourcesVpcConfig"]!["EndpointPublicAccess"] = true;
        var outsideGroup = Good();
        Resources(outsideGroup).Remove("ApiFromVpc");
        Properties(outsideGroup, "Cluster")["ResourcesVpcConfig"]!["SecurityGroupIds"] = new JsonArray("sg-0123456789abcdef0");

        Assert.Equal(ComplianceStatus.NotApplicable, Assert.Single(Deploy(publicEndpoint), r => r.Id == "DEPLOY-003").Status);
        Assert.Equal(ComplianceStatus.Pass, Assert.Single(Deploy(outsideGroup), r => r.Id == "DEPLOY-003").Status);
    }

    [Fact]
    public void Alarms_notifying_a_topic_outside_the_template_are_not_judged()
    {
        var template = Good();
        Resources(template).Remove("AlarmEmail");
        Properties(template, "ApiServerErrorsAlarm")["AlarmActions"]!.AsArray().Add("arn:aws:sns:us-east-1:111122223333:pager");

        Assert.Equal(ComplianceStatus.Pass, Assert.Single(Deploy(template), r => r.Id == "DEPLOY-008").Status);
    }

    [Fact]
    public void An_accepted_check_carries_its_reason_and_no_longer_blocks()
    {
        var template = Good();
        Resources(template).Remove("AlarmEmail");
        var options = s_options with { Accepted = new Dictionary<string, string> { ["DEPLOY-008"] = "development: alarms are read on the dashboard" } };

        var report = PreflightAnalyzer.Analyze(Assembly(template), options);

        var result = Assert.Single(report.DeployReadiness, r => r.Id == "DEPLOY-008");
        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.Equal("development: alarms are read on the dashboard", result.AcceptedBecause);
        Assert.False(result.Blocks);
        Assert.False(report.HasDeployBlocker);
        Assert.True(PreflightAnalyzer.Analyze(Assembly(template), s_options).HasDeployBlocker);
    }

    [Fact]
    public void The_checks_apply_to_nothing_in_a_template_without_a_cluster()
    {
        var bucketOnly = JsonNode.Parse("""{ "Resources": { "Bucket": { "Type": "AWS::S3::Bucket" } } }""")!.AsObject();

        var results = Deploy(bucketOnly);

        Assert.All(results.Where(r => r.Id != "DEPLOY-006"), r => Assert.Equal(ComplianceStatus.NotApplicable, r.Status));
        Assert.Equal(ComplianceStatus.Pass, Assert.Single(results, r => r.Id == "DEPLOY-006").Status);
    }

    /// <summary>
    /// Any template: every property of every resource replaced in turn by shapes the checks do not expect (intrinsics,
    /// scalars where objects belong, empty lists, null) never makes a check throw.
    /// </summary>
    [Fact]
    public void No_check_throws_on_unexpected_shapes()
    {
        JsonNode?[] shapes =
        [
            null, "text", 7, true, new JsonArray(), new JsonObject(), JsonNode.Parse("""{ "Fn::If": [ "C", "a", { "Ref": "AWS::NoValue" } ] }"""),
            JsonNode.Parse("""{ "Ref": "Missing" }"""), JsonNode.Parse("""[ { "Fn::GetAtt": "Cluster" }, 3, null ]"""),
        ];
        var good = Good();
        foreach (var (id, resource) in Resources(good))
        {
            foreach (var property in (resource!["Properties"] as JsonObject ?? []).Select(p => p.Key).ToList())
            {
                foreach (var shape in shapes)
                {
                    var template = Good();
                    Properties(template, id)[property] = shape?.DeepClone();
                    var exception = Record.Exception(() => Deploy(template));
                    Assert.True(exception is null, $"{id}.{property} = {shape?.ToJsonString() ?? "null"}: {exception}");
                }
            }
        }
    }

    /// <summary>The README's library example: one call on one template file.</summary>
    [Fact]
    public void The_library_call_on_a_single_template_file_returns_the_findings()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("deploy-readiness-").FullName, "platform.template.json");
        var template = Good();
        Resources(template).Remove("ApiFromVpc");
        File.WriteAllText(file, template.ToJsonString());
        var templatePath = file;
        try
        {
            // README example start
            var results = DeployReadiness.CheckTemplate(templatePath, "aws://111122223333/us-east-1");
            var blocking = results.Where(r => r.Blocks)
                .SelectMany(r => r.Findings.Select(f => $"{r.Id} {f.LogicalId}: {f.Problem} Fix: {f.Fix}"))
                .ToList();
            // README example end

            Assert.Contains(blocking,
                line => line.StartsWith("DEPLOY-003 Cluster: ", StringComparison.Ordinal) && line.Contains("Fix: Add an", StringComparison.Ordinal));
            Assert.Equal("platform", CloudAssembly.FromTemplate(file, "aws://111122223333/us-east-1").Stacks[0].StackName);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    /// <summary>The README's preflight section lists every check with its title and the public page or docs section it rests on.</summary>
    [Fact]
    public void The_readme_lists_every_check_with_its_source()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "EksPlatform.slnx")))
        {
            root = root.Parent!;
        }
        var readme = File.ReadAllLines(Path.Combine(root.FullName, "README.md"));

        Assert.All(Deploy(Good()), check =>
        {
            var row = Assert.Single(readme, l => l.StartsWith($"| `{check.Id}` |", StringComparison.Ordinal));
            Assert.Contains($"| {check.Title} |", row, StringComparison.Ordinal);
            var section = System.Text.RegularExpressions.Regex.Match(check.Source, @"§(\d+)").Groups[1].Value;
            Assert.Contains($"[§{section}](docs/deploy-readiness.md#{section}-", row, StringComparison.Ordinal);
            Assert.Contains(check.Source.Split("; ")[1].Replace("docs/limits-and-policies.md §3", "limits-and-policies.md §3", StringComparison.Ordinal),
                row, StringComparison.Ordinal);
        });
    }

    /// <summary>The C# block of the preflight README is the code the test above runs, line for line.</summary>
    [Fact]
    public void The_readme_example_is_the_code_the_test_runs()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "EksPlatform.slnx")))
        {
            root = root.Parent!;
        }
        var test = File.ReadAllLines(Path.Combine(root.FullName, "tests", "EksPlatform.Preflight.Tests", "DeployReadinessTests.cs"))
            .Select(l => l.Trim()).ToList();
        var tested = test.Skip(test.IndexOf("// README example start") + 1).TakeWhile(l => l != "// README example end").ToList();
        var readme = File.ReadAllText(Path.Combine(root.FullName, "src", "EksPlatform.Preflight", "README.md"));
        var block = readme[(readme.IndexOf("```csharp\n// Deploy readiness", StringComparison.Ordinal) + 10)..];
        var shown = block[..block.IndexOf("```", StringComparison.Ordinal)].Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();

        Assert.Equal(tested, shown);
    }

    private static IReadOnlyList<DeployReadinessResult> Deploy(JsonObject template) => DeployReadiness.Check(Assembly(template), s_options);

    private static string Describe(DeployReadinessResult result) => string.Join("; ", result.Findings.Select(f => $"{f.LogicalId}: {f.Problem}"));

    private static void Zone(JsonObject template, string subnet, string property, JsonNode zone)
    {
        Properties(template, subnet).Remove("AvailabilityZoneId");
        Properties(template, subnet).Remove("AvailabilityZone");
        Properties(template, subnet)[property] = zone;
    }

    private static JsonObject AdminPolicy(JsonObject template) => Properties(template, "AdminAccess")["AccessPolicies"]![0]!.AsObject();

    private static JsonArray KeyStatements(JsonObject template) => Properties(template, "PlatformKey")["KeyPolicy"]!["Statement"]!.AsArray();

    private static JsonObject KeyStatement(JsonObject template, string sid) =>
        KeyStatements(template).Single(s => (string?)s!["Sid"] == sid)!.AsObject();

    private static void AddKeyStatement(JsonObject template, string json) => KeyStatements(template).Add(JsonNode.Parse(json));

    private static void RemoveKeyStatement(JsonObject template, string sid) => KeyStatements(template).Remove(KeyStatement(template, sid));

    private static JsonObject AgentTrust(JsonObject template) =>
        Properties(template, "ObservabilityAgentRole")["AssumeRolePolicyDocument"]!["Statement"]![0]!.AsObject();

    /// <summary>Edits the Fn::Sub text of an IRSA trust policy.</summary>
    private static void TrustText(JsonObject template, string role, string from, string to)
    {
        var sub = Properties(template, role)["AssumeRolePolicyDocument"]!["Fn::Sub"]!.AsArray();
        sub[0] = ((string)sub[0]!).Replace(from, to, StringComparison.Ordinal);
    }
}
