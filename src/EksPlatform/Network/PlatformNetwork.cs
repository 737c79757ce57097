using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EksPlatform.Compliance;
using EksPlatform.Settings;

namespace EksPlatform.Network;

/// <summary>Inputs of <see cref="PlatformNetwork"/>.</summary>
/// <param name="Settings">The network slice of the settings.</param>
/// <param name="AvailabilityZoneIds">Availability Zone IDs such as <c>use1-az1</c> (never names, never looked up, never
/// placeholders): names map to different physical zones in each account, IDs do not (docs/eks-deploy-facts.md §1-2).</param>
/// <param name="ClusterName">Names the VPC and tags subnets for EKS.</param>
/// <param name="LogsKey">Encrypts the flow-log group.</param>
/// <param name="RetainOnDelete">Keep the flow-log group when the stack is deleted.</param>
public sealed record PlatformNetworkProps(NetworkSettings Settings, IReadOnlyList<string> AvailabilityZoneIds, string ClusterName, IKey LogsKey,
    bool RetainOnDelete);

/// <summary>
/// The VPC: public and private subnets in every zone with the EKS load-balancer tags, NAT per AZ or single,
/// flow logs to an encrypted group, the S3 gateway endpoint on every private route table, and interface endpoints
/// with private DNS behind a security group that admits HTTPS from the VPC only.
/// </summary>
public sealed partial class PlatformNetwork : Construct
{
    /// <summary>Creates the network.</summary>
    public PlatformNetwork(Construct scope, string id, PlatformNetworkProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;
        if (!Cluster.ClusterNames.IsValid(props.ClusterName))
        {
            throw new ArgumentException($"'{props.ClusterName}' is not {Cluster.ClusterNames.Rule}", nameof(props.ClusterName));
        }

        CheckZones(props.AvailabilityZoneIds, Stack.Of(this).Region);
        // The same rules the settings loader reports for network.*, so a network built in code cannot skip them.
        PropsCheck.ThrowIfAny(settings.Problems(props.AvailabilityZoneIds.Count), nameof(props.Settings), $"network of {props.ClusterName}",
            typeof(NetworkSettings));
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr(settings.VpcCidr.ToString()),
            // Explicit zones: no context lookup, no dummy1a placeholders. CDK only knows zone names, so it is given the
            // IDs as opaque labels and each subnet is then placed by AvailabilityZoneId instead (below).
            AvailabilityZones = [.. props.AvailabilityZoneIds],
            NatGateways = settings.NatGateways == NatMode.PerAz ? props.AvailabilityZoneIds.Count : 1,
            EnableDnsHostnames = true, // private DNS of interface endpoints needs both DNS attributes
            EnableDnsSupport = true,
            // CDK restricts the default security group with a Lambda-backed custom resource, which the platform's
            // native-only rule forbids. Nothing is placed in the default group (SuppressByDesign).
            RestrictDefaultSecurityGroup = false,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "Public", SubnetType = SubnetType.PUBLIC, CidrMask = settings.PublicSubnetMask, MapPublicIpOnLaunch = false },
                new SubnetConfiguration { Name = "Private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = settings.PrivateSubnetMask },
            ],
        });
        PlaceSubnetsByZoneId(Vpc);
        SuppressByDesign(Vpc);
        Tags.Of(Vpc).Add("Name", $"{props.ClusterName}-vpc");
        foreach (var subnet in Vpc.PublicSubnets)
        {
            Tags.Of(subnet).Add("kubernetes.io/role/elb", "1");
        }

        foreach (var subnet in Vpc.PrivateSubnets)
        {
            Tags.Of(subnet).Add("kubernetes.io/role/internal-elb", "1");
        }

        FlowLogGroup = EncryptedLogGroup.Create(this, "FlowLogs", LogGroupNames.FlowLogs(props.ClusterName),
            props.LogsKey, settings.FlowLogRetentionDays, props.RetainOnDelete);
        FlowLogRole = CreateFlowLogRole(FlowLogGroup);
        // The L1: CDK's FlowLog L2 would add its own inline policy (and iam:PassRole on itself) to the role.
        _ = new CfnFlowLog(Vpc, "FlowLog", new CfnFlowLogProps
        {
            ResourceId = Vpc.VpcId,
            ResourceType = "VPC",
            TrafficType = "ALL",
            LogDestinationType = "cloud-watch-logs",
            LogGroupName = FlowLogGroup.LogGroupName,
            DeliverLogsPermissionArn = FlowLogRole.RoleArn,
            Tags = [new CfnTag { Key = "Name", Value = $"{props.ClusterName}-vpc-flow-log" }],
        });

        // Image layers come from S3: the free gateway endpoint takes that traffic off the NAT gateways.
        // CDK attaches it to the route table of every selected subnet: each private route table, one by one.
        Vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions
        {
            Service = GatewayVpcEndpointAwsService.S3,
            Subnets = [new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }],
        });

        EndpointSecurityGroup = new SecurityGroup(this, "EndpointSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Interface endpoints: HTTPS from inside the VPC only",
            AllowAllOutbound = false,
        });
        // The literal CIDR from settings (not a GetAtt) so reviewers and cdk-nag (EC23) can read the rule as written.
        EndpointSecurityGroup.AddIngressRule(Peer.Ipv4(settings.VpcCidr.ToString()), Port.Tcp(443), "HTTPS from the VPC");
        foreach (var name in settings.InterfaceEndpoints)
        {
            Vpc.AddInterfaceEndpoint(EndpointId(name), new InterfaceVpcEndpointOptions
            {
                Service = new InterfaceVpcEndpointAwsService(name),
                PrivateDnsEnabled = true,
                Open = false,
                SecurityGroups = [EndpointSecurityGroup],
                Subnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            });
        }
    }

    /// <summary>The VPC.</summary>
    public Vpc Vpc { get; }

    /// <summary>The role VPC Flow Logs assumes to write into <see cref="FlowLogGroup"/>.</summary>
    public IRole FlowLogRole { get; }

    /// <summary>The flow-log group.</summary>
    public ILogGroup FlowLogGroup { get; }

    /// <summary>Guards the interface endpoints.</summary>
    public ISecurityGroup EndpointSecurityGroup { get; }

    /// <summary>
    /// The role VPC Flow Logs assumes. Its trust admits the service only for flow logs of this account and region
    /// (<c>aws:SourceAccount</c>, <c>aws:SourceArn</c>: the VPC user guide's confused-deputy advice), and its only
    /// permissions are writing streams and events into the one flow-log group (docs/security-facts.md §1).
    /// </summary>
    private Role CreateFlowLogRole(ILogGroup logGroup)
    {
        var stack = Stack.Of(this);
        var write = new ManagedPolicy(this, "FlowLogWrite", new ManagedPolicyProps
        {
            Description = "Lets VPC Flow Logs write into the platform's flow-log group",
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resources = [logGroup.LogGroupArn],
                }),
            ],
        });
        return new Role(this, "FlowLogRole", new RoleProps
        {
            Description = "VPC Flow Logs delivery into the platform's flow-log group",
            AssumedBy = new ServicePrincipal("vpc-flow-logs.amazonaws.com").WithConditions(new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                ["ArnLike"] = new Dictionary<string, object>
                {
                    ["aws:SourceArn"] = stack.FormatArn(new ArnComponents { Service = "ec2", Resource = "vpc-flow-log", ResourceName = "*" }),
                },
            }),
            ManagedPolicies = [write],
        });
    }

    /// <summary>
    /// cdk-nag findings the design rules out, each on its own resource: the VPC's default security group keeps the
    /// rules AWS gives it, because removing them natively is impossible (CDK does it with a Lambda-backed custom
    /// resource, which the platform forbids) and nothing is ever placed in it; the public subnets route to the
    /// internet gateway because they exist for the NAT gateways and internet-facing load balancers
    /// (docs/security-facts.md §5).
    /// </summary>
    private static void SuppressByDesign(Vpc vpc)
    {
        const string defaultGroup = "The default security group cannot be emptied with native CloudFormation " +
            "(CDK uses a Lambda-backed custom resource, which this platform forbids); no resource of the platform is placed in it, " +
            "and every node, endpoint and cluster uses its own group";
        const string publicRoute = "Public subnets route to the internet gateway by design: " +
            "they host only the NAT gateways and internet-facing load balancers; nodes and the cluster are in private subnets";
        foreach (var pack in NagSuppressions.RegulatoryPacks)
        {
            NagSuppressions.Add(vpc, $"{pack}-VPCDefaultSecurityGroupClosed", defaultGroup);
            foreach (var subnet in vpc.PublicSubnets)
            {
                NagSuppressions.Add(subnet.Node.FindChild("DefaultRoute"), $"{pack}-VPCNoUnrestrictedRouteToIGW", publicRoute);
            }
        }
    }

    /// <summary>
    /// <c>AWS::EC2::Subnet</c> takes either <c>AvailabilityZone</c> (a name, mapped per account) or
    /// <c>AvailabilityZoneId</c> (the same physical zone in every account); both are create-only (CloudFormation
    /// resource schema of AWS::EC2::Subnet; docs/eks-deploy-facts.md §1-2). The IDs CDK carried as names move to the ID property.
    /// </summary>
    private static void PlaceSubnetsByZoneId(Vpc vpc)
    {
        foreach (var subnet in vpc.PublicSubnets.Concat(vpc.PrivateSubnets))
        {
            var resource = (CfnSubnet)subnet.Node.DefaultChild!;
            resource.AvailabilityZoneId = subnet.AvailabilityZone;
            resource.AddPropertyDeletionOverride("AvailabilityZone");
        }
    }

    /// <summary>
    /// The zones must be zone IDs (a name maps to a different physical zone in each account), distinct, and at least two,
    /// because EKS wants cluster subnets in two zones or more (docs/eks-deploy-facts.md §1-2). In a stack whose region is
    /// known, each must also be one of that region's zones that EKS accepts, as the settings loader checks.
    /// </summary>
    private static void CheckZones(IReadOnlyList<string> zoneIds, string stackRegion)
    {
        const string prop = nameof(PlatformNetworkProps.AvailabilityZoneIds);
        if (zoneIds.Count < 2)
        {
            throw new ArgumentException($"{zoneIds.Count} zone(s) given; EKS needs cluster subnets in at least two Availability Zones", prop);
        }

        if (zoneIds.GroupBy(z => z, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"zone {repeated.Key} is listed {repeated.Count()} times; list each zone once", prop);
        }

        var region = !Token.IsUnresolved(stackRegion) && AwsRegions.All.TryGetValue(stackRegion, out var known) ? known : null;
        foreach (var zone in zoneIds)
        {
            var problem = region is not null ? region.ZoneIdProblem(zone)
                : ZoneIdForm().IsMatch(zone) ? null
                : $"'{zone}' is not an Availability Zone ID such as use1-az1 (zone names such as us-east-1a map to different zones in each account)";
            if (problem is not null)
            {
                throw new ArgumentException(problem, prop);
            }
        }
    }

    /// <summary>Any region's zone ID form: the region's short code, <c>-az</c> and a number (<c>use1-az1</c>, <c>cnn1-az2</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]+[0-9]+-az[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex ZoneIdForm();

    /// <summary>A stable construct ID per endpoint name: <c>ecr.api</c> → <c>EcrApi</c>.</summary>
    internal static string EndpointId(string name) => ConstructIds.Pascal(name) + "Endpoint";
}
