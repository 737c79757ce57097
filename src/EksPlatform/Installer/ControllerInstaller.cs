using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.CodeBuild;
using Amazon.CDK.AWS.EC2;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using CfnRuleProps = Amazon.CDK.AWS.Events.CfnRuleProps;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Compliance;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Installer;

/// <summary>Inputs of <see cref="ControllerInstaller"/>.</summary>
/// <param name="Settings">The platform settings: what the build installs, and <see cref="PlatformSettings.Installer"/>.</param>
/// <param name="Cluster">The cluster to install into (its endpoint is reached through its cluster security group).</param>
/// <param name="Vpc">The cluster's VPC; the build runs in its private subnets, which reach the internet through NAT.</param>
/// <param name="StackValues">What the Helm values need from the stack, by output key (<see cref="StackOutputKeys"/> and each
/// controller's <see cref="Controller.RoleOutputKey"/>): the same values <c>eks-platform controllers</c> reads from the
/// outputs file, here as references CloudFormation resolves.</param>
/// <param name="LogsKey">The key of the build's log group and of the project's own encryption.</param>
/// <param name="AlarmTopic">Where a failed install is announced (its key must admit EventBridge: <see cref="Encryption.PlatformKeysProps"/>).</param>
/// <param name="RetainOnDelete">Keep the build log group when the stack is deleted.</param>
/// <param name="Controllers">The controllers to consider; null: <see cref="ControllerCatalog.All"/>.</param>
public sealed record ControllerInstallerProps(
    PlatformSettings Settings,
    IEksCluster Cluster,
    IVpc Vpc,
    IReadOnlyDictionary<string, string> StackValues,
    IKey LogsKey,
    ITopic AlarmTopic,
    bool RetainOnDelete,
    IReadOnlyList<Controller>? Controllers = null);

/// <summary>
/// Installs the controllers from inside the VPC after every deploy, with native resources only (docs/installer.md):
/// a CodeBuild project in the private subnets whose build specification holds the files <c>eks-platform controllers</c>
/// renders (pinned charts, Helm values, manifests, the encrypted StorageClass, <c>install.sh</c>); an EventBridge rule
/// that starts it when this stack reaches CREATE_COMPLETE or UPDATE_COMPLETE; and a rule that sends a failed or
/// stopped build to the alarm topic. Its role reaches the cluster through its own EKS access entry and its own
/// security group, admitted to the endpoint on 443.
/// </summary>
public sealed class ControllerInstaller : Construct
{
    /// <summary>The curated CodeBuild image: Amazon Linux 2023 with the AWS CLI v2 and kubectl (docs/installer.md §5).</summary>
    public const string BuildImage = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

    /// <summary>2 vCPUs and 3 GB: Helm and kubectl need little (docs/installer.md §5).</summary>
    public const string ComputeType = "BUILD_GENERAL1_SMALL";

    /// <summary>CloudFormation's event source and the detail type of a stack's status change (docs/installer.md §1).</summary>
    public static readonly IReadOnlyList<string> StackEventSource = ["aws.cloudformation"], StackEventType = ["CloudFormation Stack Status Change"];

    /// <summary>CodeBuild's event source and the detail type of a build's state change (docs/installer.md §2).</summary>
    public static readonly IReadOnlyList<string> BuildEventSource = ["aws.codebuild"], BuildEventType = ["CodeBuild Build State Change"];

    /// <summary>The stack statuses after which the controllers are installed (docs/installer.md §1).</summary>
    public static readonly IReadOnlyList<string> TriggerStatuses = ["CREATE_COMPLETE", "UPDATE_COMPLETE"];

    /// <summary>
    /// The build statuses announced on the alarm topic: the notification sample's FAILED and STOPPED, and the build API's
    /// FAULT and TIMED_OUT in case a time-out is reported as such (docs/installer.md §2).
    /// </summary>
    public static readonly IReadOnlyList<string> FailureStatuses = ["FAILED", "FAULT", "STOPPED", "TIMED_OUT"];

    /// <summary>
    /// The EC2 statement AWS documents for a CodeBuild project in a VPC, as documented: these actions on all resources
    /// (docs/installer.md §3). The preflight's wildcard-write check accepts exactly this statement (the CLI's allowlist).
    /// </summary>
    public const string NetworkInterfaceStatement = """
        {
          "Effect": "Allow",
          "Action": [
            "ec2:CreateNetworkInterface", "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
            "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"
          ],
          "Resource": "*"
        }
        """;

    /// <summary>Creates the installer.</summary>
    public ControllerInstaller(Construct scope, string id, ControllerInstallerProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentNullException.ThrowIfNull(props.Settings);
        PropsCheck.ThrowIfAny(props.Settings.Installer.Problems(), "Settings.Installer", "installer", typeof(InstallerSettings));
        var clusterName = props.Settings.Cluster.Name;
        if (!Token.IsUnresolved(props.Cluster.Name) && props.Cluster.Name != clusterName)
        {
            throw new ArgumentException(
                $"the settings name cluster '{clusterName}' but the installer was given cluster '{props.Cluster.Name}'", nameof(props));
        }

        var stack = Stack.Of(this);
        ProjectName = DerivedNames.InstallerProject(clusterName);
        var projectArn = stack.FormatArn(new ArnComponents { Service = "codebuild", Resource = "project", ResourceName = ProjectName });

        // Rendered first: a settings problem (no autoscaler image for the version, say) fails synthesis, not the build.
        BuildSpec = InstallerBuildSpec.Render(props.Settings, props.StackValues, props.Controllers);

        LogGroup = EncryptedLogGroup.Create(this, "Logs", LogGroupNames.Installer(ProjectName), props.LogsKey,
            props.Settings.Cluster.LogRetentionDays, props.RetainOnDelete);

        SecurityGroup = new CfnSecurityGroup(this, "SecurityGroup", new CfnSecurityGroupProps
        {
            VpcId = props.Vpc.VpcId,
            GroupDescription = $"Controller installer of {clusterName}: HTTPS out only (Kubernetes API, chart repositories, AWS APIs)",
            SecurityGroupEgress = new object[]
            {
                new CfnSecurityGroup.EgressProperty
                {
                    IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIp = "0.0.0.0/0",
                    Description = "HTTPS: the cluster endpoint, get.helm.sh and chart repositories (through NAT), AWS APIs",
                },
            },
        });
        NagSuppressions.Add(SecurityGroup, "AwsSolutions-EC23",
            "No ingress at all; the only rule is HTTPS egress, which the build needs to reach chart repositories through NAT.");
        _ = new CfnSecurityGroupIngress(this, "EndpointFromInstaller", new CfnSecurityGroupIngressProps
        {
            GroupId = props.Cluster.ClusterSecurityGroupId,
            IpProtocol = "tcp",
            FromPort = 443,
            ToPort = 443,
            SourceSecurityGroupId = SecurityGroup.AttrGroupId,
            Description = "Kubernetes API from the controller installer",
        });

        var subnetIds = props.Vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }).SubnetIds;
        (Role, Permissions) = BuildRole(stack, props, subnetIds);
        AccessEntry = new ClusterAccessEntry(this, "Access", new ClusterAccessEntryProps(
            props.Cluster.ClusterName, Role.AttrArn, EksAccessPolicy.ClusterAdmin, []));

        Project = new CfnProject(this, "Project", new CfnProjectProps
        {
            Name = ProjectName,
            Description = $"Installs the controllers of EKS cluster {clusterName} (pinned Helm charts) after every deploy of {stack.StackName}",
            ServiceRole = Role.AttrArn,
            Source = new CfnProject.SourceProperty { Type = "NO_SOURCE", BuildSpec = BuildSpec },
            Artifacts = new CfnProject.ArtifactsProperty { Type = "NO_ARTIFACTS" },
            Environment = new CfnProject.EnvironmentProperty
            {
                Type = "LINUX_CONTAINER",
                ComputeType = ComputeType,
                Image = BuildImage,
                ImagePullCredentialsType = "CODEBUILD",
                PrivilegedMode = false,
            },
            VpcConfig = new CfnProject.VpcConfigProperty
            {
                VpcId = props.Vpc.VpcId,
                Subnets = subnetIds,
                SecurityGroupIds = [SecurityGroup.AttrGroupId],
            },
            LogsConfig = new CfnProject.LogsConfigProperty
            {
                CloudWatchLogs = new CfnProject.CloudWatchLogsConfigProperty { Status = "ENABLED", GroupName = LogGroup.LogGroupName },
                S3Logs = new CfnProject.S3LogsConfigProperty { Status = "DISABLED" },
            },
            EncryptionKey = props.LogsKey.KeyArn,
            // No concurrency limit: a start refused while a build runs would lose that deploy's install (docs/installer.md §5);
            // two installs at once serialize on Helm's release lock, and a loser fails loudly to the alarm topic.
            TimeoutInMinutes = props.Settings.Installer.TimeoutMinutes,
        });
        foreach (var pack in new[] { "HIPAA.Security", "PCI.DSS.321" })
        {
            NagSuppressions.Add(Project, $"{pack}-CodeBuildProjectSourceRepoUrl",
                "The project has no source repository at all (NO_SOURCE): its build specification is part of the template.");
        }

        // CodeBuild checks the role's VPC permissions when the project is created (docs/installer.md §3).
        Project.AddDependency(Permissions);

        StartRule = StartOnDeploy(stack, projectArn);
        FailureRule = AnnounceFailures(props, clusterName);
    }

    /// <summary>The CodeBuild project's name (fixed, so its ARN can be written in its own role's trust).</summary>
    public string ProjectName { get; }

    /// <summary>The build specification, YAML with references CloudFormation resolves.</summary>
    public string BuildSpec { get; }

    /// <summary>The project.</summary>
    public CfnProject Project { get; }

    /// <summary>The build's role.</summary>
    public CfnRole Role { get; }

    /// <summary>The build role's permissions.</summary>
    public CfnManagedPolicy Permissions { get; }

    /// <summary>The build role's EKS access entry.</summary>
    public ClusterAccessEntry AccessEntry { get; }

    /// <summary>The build's security group.</summary>
    public CfnSecurityGroup SecurityGroup { get; }

    /// <summary>The build log group.</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>The rule that starts a build when the stack's deploy completes.</summary>
    public CfnRule StartRule { get; }

    /// <summary>The rule that sends a failed build to the alarm topic.</summary>
    public CfnRule FailureRule { get; }

    private (CfnRole Role, CfnManagedPolicy Permissions) BuildRole(Stack stack, ControllerInstallerProps props, string[] subnetIds)
    {
        // The trust AWS documents for a CodeBuild service role, without source conditions: whether CodeBuild sends
        // aws:SourceArn when it assumes the role is UNVERIFIED (docs/installer.md §3), and a condition it does not meet
        // would stop every install. Only principals allowed iam:PassRole on this role can give it to a project.
        var role = new CfnRole(this, "Role", new CfnRoleProps
        {
            Description = $"Controller installer of {props.Settings.Cluster.Name}: CodeBuild in the VPC, EKS cluster admin by access entry",
            AssumeRolePolicyDocument = new PolicyDocument(new PolicyDocumentProps
            {
                Statements =
                [
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Principals = [new ServicePrincipal("codebuild.amazonaws.com")],
                        Actions = ["sts:AssumeRole"],
                    }),
                ],
            }),
        });

        var networkInterfaceArn = stack.FormatArn(new ArnComponents { Service = "ec2", Resource = "network-interface", ResourceName = "*" });
        var subnetArns = subnetIds.Select(subnet => stack.FormatArn(new ArnComponents { Service = "ec2", Resource = "subnet", ResourceName = subnet }))
            .ToArray();
        var permissions = new CfnManagedPolicy(this, "Permissions", new CfnManagedPolicyProps
        {
            Description = $"Permissions of the controller installer of {props.Settings.Cluster.Name}",
            Roles = [role.Ref],
            PolicyDocument = new PolicyDocument(new PolicyDocumentProps
            {
                Statements =
                [
                    // Its own log streams only.
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Sid = "WriteBuildLogs",
                        Actions = ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resources = [LogGroup.LogGroupArn, $"{LogGroup.LogGroupArn}:log-stream:*"],
                    }),
                    // The project's encryption key (build output and logs CodeBuild keeps).
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Sid = "UseProjectKey",
                        Actions = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"],
                        Resources = [props.LogsKey.KeyArn],
                    }),
                    // aws eks update-kubeconfig reads the endpoint and certificate; kubectl's token needs no IAM action.
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Sid = "DescribeThisCluster",
                        Actions = ["eks:DescribeCluster"],
                        Resources = [props.Cluster.ClusterArn],
                    }),
                    // CodeBuild in a VPC creates its network interfaces as this role (docs/installer.md §3).
                    DocumentedNetworkInterfaceStatement(),
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Sid = "AttachNetworkInterfacesInPrivateSubnets",
                        Actions = ["ec2:CreateNetworkInterfacePermission"],
                        Resources = [networkInterfaceArn],
                        Conditions = new Dictionary<string, object>
                        {
                            ["StringEquals"] = new Dictionary<string, object>
                            {
                                ["ec2:AuthorizedService"] = "codebuild.amazonaws.com",
                            },
                            ["ArnEquals"] = new Dictionary<string, object> { ["ec2:Subnet"] = subnetArns },
                        },
                    }),
                ],
            }),
        });
        NagSuppressions.Add(permissions, "AwsSolutions-IAM5",
            "CodeBuild in a VPC manages its own network interfaces; AWS documents these EC2 actions on all resources " +
            "(docs/installer.md §3). Network interface permissions are limited to the private subnets and to CodeBuild.",
            "Resource::*", $"Resource::arn:<AWS::Partition>:ec2:{stack.Region}:<AWS::AccountId>:network-interface/*",
            $"Resource::<{stack.Resolve(((CfnResource)LogGroup.Node.DefaultChild!).LogicalId)}.Arn>:log-stream:*",
            "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*");
        return (role, permissions);
    }

    /// <summary><see cref="NetworkInterfaceStatement"/> as a statement of the role's policy.</summary>
    private static PolicyStatement DocumentedNetworkInterfaceStatement()
    {
        var statement = JsonNode.Parse(NetworkInterfaceStatement)!;
        return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "BuildNetworkInterfaces",
            Actions = [.. statement["Action"]!.AsArray().Select(action => (string)action!)],
            Resources = [(string)statement["Resource"]!],
        });
    }

    /// <summary>
    /// CloudFormation sends its stack status changes to EventBridge on its own (docs/installer.md §1); the rule matches
    /// this stack's id and the completed statuses, and starts the project through a role that may start only it.
    /// </summary>
    private CfnRule StartOnDeploy(Stack stack, string projectArn)
    {
        var eventsRole = new CfnRole(this, "StartRole", new CfnRoleProps
        {
            Description = $"EventBridge starts the controller installer {ProjectName} after a deploy of {stack.StackName}",
            AssumeRolePolicyDocument = new PolicyDocument(new PolicyDocumentProps
            {
                Statements =
                [
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Principals = [new ServicePrincipal("events.amazonaws.com")],
                        Actions = ["sts:AssumeRole"],
                    }),
                ],
            }),
        });
        var startPolicy = new CfnManagedPolicy(this, "StartPermissions", new CfnManagedPolicyProps
        {
            Description = $"Start the controller installer {ProjectName} and nothing else",
            Roles = [eventsRole.Ref],
            PolicyDocument = new PolicyDocument(new PolicyDocumentProps
            {
                Statements = [new PolicyStatement(new PolicyStatementProps { Actions = ["codebuild:StartBuild"], Resources = [projectArn] })],
            }),
        });

        var rule = new CfnRule(this, "StartOnDeploy", new CfnRuleProps
        {
            Description = $"Installs the controllers after {stack.StackName} is created or updated",
            State = "ENABLED",
            EventPattern = new Dictionary<string, object>
            {
                ["source"] = StackEventSource.ToArray(),
                ["detail-type"] = StackEventType.ToArray(),
                ["detail"] = new Dictionary<string, object>
                {
                    ["stack-id"] = new[] { stack.StackId },
                    ["status-details"] = new Dictionary<string, object> { ["status"] = TriggerStatuses.ToArray() },
                },
            },
            Targets = new object[] { new CfnRule.TargetProperty { Id = "Installer", Arn = Project.AttrArn, RoleArn = eventsRole.AttrArn } },
        });
        rule.AddDependency(startPolicy);
        return rule;
    }

    /// <summary>
    /// A failed or stopped build goes to the alarm topic with a sentence that says where its log is and how to rerun it
    /// (docs/installer.md §2, §8). The topic admits this rule only.
    /// </summary>
    private CfnRule AnnounceFailures(ControllerInstallerProps props, string clusterName)
    {
        var rule = new CfnRule(this, "AnnounceFailures", new CfnRuleProps
        {
            Description = $"Sends a failed controller install of {clusterName} to the alarm topic",
            State = "ENABLED",
            EventPattern = new Dictionary<string, object>
            {
                ["source"] = BuildEventSource.ToArray(),
                ["detail-type"] = BuildEventType.ToArray(),
                ["detail"] = new Dictionary<string, object>
                {
                    ["project-name"] = new[] { ProjectName },
                    ["build-status"] = FailureStatuses.ToArray(),
                },
            },
            Targets = new object[]
            {
                new CfnRule.TargetProperty
                {
                    Id = "AlarmTopic",
                    Arn = props.AlarmTopic.TopicArn,
                    InputTransformer = new CfnRule.InputTransformerProperty
                    {
                        InputPathsMap = new Dictionary<string, string> { ["status"] = "$.detail.build-status", ["build"] = "$.detail.build-id" },
                        InputTemplate =
                            $"\"The controller installer of EKS cluster {clusterName} ended <status> (build <build>). " +
                            $"Its log is in CloudWatch Logs group {LogGroupNames.Installer(ProjectName)}. " +
                            $"Fix the cause, then rerun it: aws codebuild start-build --project-name {ProjectName}\"",
                    },
                },
            },
        });
        // Without conditions: EventBridge's guide has said that conditions cannot be used in a topic policy for its rules
        // (docs/installer.md §8), and a condition it does not meet would drop every failure notice.
        props.AlarmTopic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowEventBridgeToPublishInstallerFailures",
            Principals = [new ServicePrincipal("events.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [props.AlarmTopic.TopicArn],
        }));
        return rule;
    }
}
