using System.Text.Json.Nodes;

namespace EksPlatform.Cli.Tests;

/// <summary>
/// <c>plan --assembly</c> on cloud assemblies written here by hand, one per deploy-readiness pattern: each reports its
/// check and exits 4; <c>--allow</c> accepts a check with its reason; the shipped profiles pass (docs/deploy-readiness.md).
/// </summary>
public sealed class PlanDeployReadinessTests
{
    private const string Cluster = """
        "Cluster": { "Type": "AWS::EKS::Cluster", "Properties": { "Name": "hand-made", "RoleArn": "arn:aws:iam::111122223333:role/eks",
          "ResourcesVpcConfig": { "SubnetIds": [ "subnet-1", "subnet-2" ] } } }
        """;

    /// <summary>Check id → the resources of a template that shows its pattern.</summary>
    public static TheoryData<string, string> Patterns => new()
    {
        { "DEPLOY-001", """
            "Cluster": { "Type": "AWS::EKS::Cluster", "Properties": { "Name": "zones", "RoleArn": "arn:aws:iam::111122223333:role/eks",
              "ResourcesVpcConfig": { "SubnetIds": [ { "Ref": "A" }, { "Ref": "B" } ] } } },
            "A": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-1a" } },
            "B": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZoneId": "use1-az3" } }
            """ },
        { "DEPLOY-002", """
            "Cluster": { "Type": "AWS::EKS::Cluster", "Properties": { "Name": "nobody", "RoleArn": "arn:aws:iam::111122223333:role/eks",
              "AccessConfig": { "AuthenticationMode": "API", "BootstrapClusterCreatorAdminPermissions": false },
              "ResourcesVpcConfig": { "SubnetIds": [ "subnet-1", "subnet-2" ] } } }
            """ },
        { "DEPLOY-003", """
            "Cluster": { "Type": "AWS::EKS::Cluster", "Properties": { "Name": "unreachable", "RoleArn": "arn:aws:iam::111122223333:role/eks",
              "ResourcesVpcConfig": { "SubnetIds": [ "subnet-1", "subnet-2" ], "EndpointPublicAccess": false, "EndpointPrivateAccess": true } } }
            """ },
        { "DEPLOY-004", """
            "Key": { "Type": "AWS::KMS::Key", "Properties": { "KeyPolicy": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Action": "kms:*", "Resource": "*", "Principal": { "AWS": "arn:aws:iam::111122223333:root" } },
              { "Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*", "Principal": { "AWS":
                "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling" } } ] } } }
            """ },
        { "DEPLOY-005", """
            "Key": { "Type": "AWS::KMS::Key", "Properties": { "KeyPolicy": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Action": "kms:*", "Resource": "*", "Principal": { "AWS": "arn:aws:iam::111122223333:root" } } ] } } },
            "Logs": { "Type": "AWS::Logs::LogGroup", "Properties": { "KmsKeyId": { "Fn::GetAtt": [ "Key", "Arn" ] } } }
            """ },
        { "DEPLOY-006", """
            "Logs": { "Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Retain", "Properties": { "LogGroupName": "/aws/eks/hand-made/cluster" } }
            """ },
        { "DEPLOY-007", Cluster + """
            ,
            "Nodes": { "Type": "AWS::EKS::Nodegroup", "Properties": { "ClusterName": { "Ref": "Cluster" }, "NodeRole": "arn:aws:iam::111122223333:role/n",
              "Subnets": [ "subnet-1" ] } },
            "Coredns": { "Type": "AWS::EKS::Addon", "Properties": { "AddonName": "coredns", "ClusterName": { "Ref": "Cluster" } } }
            """ },
        { "DEPLOY-008", """
            "Alarm": { "Type": "AWS::CloudWatch::Alarm", "Properties": { "MetricName": "m", "Namespace": "n", "Statistic": "Sum", "Period": 60,
              "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold" } }
            """ },
        { "DEPLOY-009", """
            "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "DisplayName": { "Fn::Sub":
              "${AWS::StackName} alarms of the hand-made cluster that nobody reads because the display name is far longer than SMS allows" } } }
            """ },
        { "DEPLOY-010", """
            "Role": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X" },
                "Action": "sts:AssumeRoleWithWebIdentity", "Condition": { "StringEquals": {
                  "oidc.eks.us-east-1.amazonaws.com/id/X:sub": "system:serviceaccount:apps:ghost",
                  "oidc.eks.us-east-1.amazonaws.com/id/X:aud": "sts.amazonaws.com" } } } ] } } }
            """ },
        { "DEPLOY-011", Cluster + """
            ,
            "Role": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [
              { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" } ] } } },
            "Association": { "Type": "AWS::EKS::PodIdentityAssociation", "Properties": { "ClusterName": { "Ref": "Cluster" }, "Namespace": "apps",
              "ServiceAccount": "worker", "RoleArn": { "Fn::GetAtt": [ "Role", "Arn" ] } } }
            """ },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Plan_of_an_assembly_with_the_pattern_reports_the_check_and_exits_4(string checkId, string resources)
    {
        using var temp = new TempDir();
        var assembly = HandMadeAssembly(temp, resources);

        var result = Cli.Run(temp.Path, "plan", "--assembly", assembly, "--format", "json");

        Assert.True(result.ExitCode == 4, $"exit {result.ExitCode}: {result.Stderr}");
        var check = DeployCheck(JsonNode.Parse(result.Stdout)!, checkId);
        Assert.True((string?)check["status"] == "fail", check.ToJsonString());
        Assert.NotEmpty(check["findings"]!.AsArray());
        Assert.All(check["findings"]!.AsArray(), f => Assert.False(string.IsNullOrWhiteSpace((string?)f!["fix"])));
        Assert.Contains(checkId, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "preflight", "report.html")));
    }

    [Fact]
    public void Allow_accepts_a_check_with_its_reason_in_every_report_and_exit_0()
    {
        using var temp = new TempDir();
        var assembly = HandMadeAssembly(temp, (string)Patterns.Single(p => (string)p[0] == "DEPLOY-008")[1]);

        var result = Cli.Run(temp.Path, "plan", "--assembly", assembly, "--format", "json", "--allow", "DEPLOY-008=the alarm feeds a dashboard only");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        var check = DeployCheck(JsonNode.Parse(result.Stdout)!, "DEPLOY-008");
        Assert.Equal("fail", (string?)check["status"]);
        Assert.Equal("the alarm feeds a dashboard only", (string?)check["acceptedBecause"]);
        Assert.False((bool)JsonNode.Parse(result.Stdout)!["hasDeployBlocker"]!);
        Assert.Contains("Accepted (--allow): the alarm feeds a dashboard only", File.ReadAllText(Path.Combine(temp.Path, "preflight", "report.html")),
            StringComparison.Ordinal);
        Assert.Contains("accepted (--allow): the alarm feeds a dashboard only", File.ReadAllText(Path.Combine(temp.Path, "preflight", "report.md")),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DEPLOY-999=why", "not a deploy-readiness check")]
    [InlineData("EKSP-004=why", "not a deploy-readiness check")]
    [InlineData("DEPLOY-008", "give the reason")]
    [InlineData("DEPLOY-008= ", "give the reason")]
    public void Allow_refuses_an_unknown_check_or_a_missing_reason(string allow, string message)
    {
        using var temp = new TempDir();
        var assembly = HandMadeAssembly(temp, (string)Patterns.Single(p => (string)p[0] == "DEPLOY-008")[1]);

        var result = Cli.Run(temp.Path, "plan", "--assembly", assembly, "--allow", allow);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_account_declares_an_account_a_chart_creates()
    {
        using var temp = new TempDir();
        var assembly = HandMadeAssembly(temp, (string)Patterns.Single(p => (string)p[0] == "DEPLOY-010")[1]);

        var result = Cli.Run(temp.Path, "plan", "--assembly", assembly, "--format", "json", "--service-account", "apps/ghost");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Equal("pass", (string?)DeployCheck(JsonNode.Parse(result.Stdout)!, "DEPLOY-010")["status"]);
    }

    /// <summary>
    /// The dev profile's alarms notify a topic with no subscription (no alarmEmail or alarmTopicArn: the loader only warns),
    /// so DEPLOY-008 fails on it and nothing else does. The profile accepts it in <c>preflight.accept</c> with a reason:
    /// plan exits 0, keeps the synth and prints the reason. The same profile without that block exits 4 on the same
    /// assembly, naming the check. (That a refused plan leaves the previous output in place is the code path exit 3
    /// shares, tested in PlanCommandTests.)
    /// </summary>
    [Fact]
    public void Dev_fails_only_the_alarm_check_which_its_profile_accepts_with_a_reason()
    {
        using var temp = new TempDir();
        var output = Path.Combine(temp.Path, "cdk.out");
        var profile = File.ReadAllText(Path.Combine(Cli.RepoRoot, "config", "dev.yaml"));
        var withoutAcceptance = Path.Combine(temp.Path, "dev-unaccepted.yaml");
        File.WriteAllText(withoutAcceptance, System.Text.RegularExpressions.Regex.Replace(profile, @"(?ms)^preflight:\n(  .*?\n)+", ""));

        var accepted = Cli.Run(Cli.RepoRoot, "plan", "--env", "dev", "--out", output, "--format", "json");

        Assert.True(accepted.ExitCode == 0, accepted.Stderr);
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
        var alarms = DeployCheck(JsonNode.Parse(accepted.Stdout)!, "DEPLOY-008");
        Assert.Equal("fail", (string?)alarms["status"]);
        Assert.StartsWith("development:", (string?)alarms["acceptedBecause"], StringComparison.Ordinal);

        var refused = Cli.Run(Cli.RepoRoot, "plan", "--config", withoutAcceptance, "--assembly", output, "--format", "json");

        Assert.DoesNotContain("preflight:", File.ReadAllText(withoutAcceptance), StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 4, refused.Stderr);
        var failing = JsonNode.Parse(refused.Stdout)!["deployReadiness"]!.AsArray().Where(c => (string?)c!["status"] == "fail").ToList();
        Assert.Equal(["DEPLOY-008"], failing.Select(c => (string?)c!["id"]));
        Assert.Contains("DEPLOY-008", refused.Stderr, StringComparison.Ordinal);
    }

    private static JsonNode DeployCheck(JsonNode report, string id) =>
        Assert.Single(report["deployReadiness"]!.AsArray(), c => (string?)c!["id"] == id)!;

    private static string HandMadeAssembly(TempDir temp, string resources)
    {
        var dir = Directory.CreateDirectory(Path.Combine(temp.Path, "cdk.out")).FullName;
        File.WriteAllText(Path.Combine(dir, "manifest.json"), """
            { "version": "36.0.0", "artifacts": { "HandMade": { "type": "aws:cloudformation:stack", "environment": "aws://111122223333/us-east-1",
              "properties": { "templateFile": "HandMade.template.json" } } } }
            """);
        File.WriteAllText(Path.Combine(dir, "HandMade.template.json"), $$"""{ "Resources": { {{resources}} } }""");
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "HandMade.template.json"))));
        return dir;
    }
}
