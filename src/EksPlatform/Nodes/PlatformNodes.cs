using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Compliance;
using EksPlatform.Settings;

namespace EksPlatform.Nodes;

/// <summary>Inputs of <see cref="PlatformNodes"/>.</summary>
/// <param name="Groups">The node groups to create: at least one, each name once.</param>
/// <param name="Cluster">The cluster the nodes join.</param>
/// <param name="KubernetesVersion">The cluster's Kubernetes version.</param>
/// <param name="Vpc">The VPC (nodes go in its private subnets, which it must have).</param>
/// <param name="EbsKey">Encrypts node volumes.</param>
/// <param name="InstanceTags">Tags for instances and volumes.</param>
public sealed record PlatformNodesProps(
    IReadOnlyList<NodeGroupSettings> Groups,
    IEksCluster Cluster,
    string KubernetesVersion,
    IVpc Vpc,
    IKey EbsKey,
    IReadOnlyDictionary<string, string> InstanceTags);

/// <summary>
/// The nodes: one IAM role and one security group shared by every group, the Bottlerocket AMI parameters of
/// custom-mode groups, and one <see cref="NodeGroup"/> per setting, each under a construct ID taken from its name.
/// </summary>
public sealed class PlatformNodes : Construct
{
    /// <summary>Creates the node groups.</summary>
    public PlatformNodes(Construct scope, string id, PlatformNodesProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        CheckGroups(props);
        var managedPolicies = new List<string> { "AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly" };
        // The CNI policy is deliberately absent: vpc-cni has its own IRSA role (AWS's recommended practice).
        if (props.Groups.Any(g => g.ControlContainer))
        {
            managedPolicies.Add("AmazonSSMManagedInstanceCore");
        }

        Role = new Role(this, "Role", new RoleProps
        {
            Description = $"Nodes of EKS cluster {props.Cluster.Name}",
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            ManagedPolicies = [.. managedPolicies.Select(ManagedPolicy.FromAwsManagedPolicyName)],
        });
        NagSuppressions.AddManagedPolicies(Role,
            "the AWS managed node policies EKS documents for node roles " +
            "(worker node, ECR read-only pulls, SSM for the Bottlerocket control container); AWS keeps them current",
            [.. managedPolicies]);

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = props.Vpc,
            Description = $"Nodes of {props.Cluster.Name}: node-to-node traffic; control plane traffic uses the cluster security group",
            // Nodes pull images and reach AWS APIs through NAT and the endpoints.
            AllowAllOutbound = true,
        });
        SecurityGroup.AddIngressRule(SecurityGroup, Port.AllTraffic(), "Pod and node traffic between nodes");
        // The packs flag any all-protocol ingress, whatever its source. This one admits only members of the group
        // itself, and pods on different nodes talk on whatever protocol and port the workload uses.
        foreach (var selfIngress in SecurityGroup.Node.Children.OfType<CfnSecurityGroupIngress>())
        {
            foreach (var pack in NagSuppressions.RegulatoryPacks)
            {
                NagSuppressions.Add(selfIngress, $"{pack}-EC2RestrictedCommonPorts",
                    "All protocols only from the node security group itself (no CIDR): " +
                    "pod-to-pod traffic between nodes uses whatever protocol and port the workload chooses");
            }
        }

        var subnets = props.Vpc.SelectSubnets(new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS }).Subnets;
        Groups = props.Groups.ToDictionary(g => g.Name, g => new NodeGroup(this, GroupId(g.Name), new NodeGroupProps(
            g, props.Cluster, props.KubernetesVersion, subnets, Role, SecurityGroup, props.EbsKey,
            g.AmiMode == AmiMode.Custom ? AmiParameter(props.KubernetesVersion, g) : null,
            new Dictionary<string, string>(props.InstanceTags) { ["Name"] = $"{props.Cluster.Name}-{g.Name}" })));
    }

    /// <summary>The node IAM role.</summary>
    public IRole Role { get; }

    /// <summary>The node security group.</summary>
    public ISecurityGroup SecurityGroup { get; }

    /// <summary>The node groups, by name.</summary>
    public IReadOnlyDictionary<string, NodeGroup> Groups { get; }

    /// <summary>
    /// Every group's own rules before anything is created, named by its place in <see cref="PlatformNodesProps.Groups"/>
    /// (<c>Groups[1].MaxSize</c>), and the rules between groups the settings loader also reports: names are construct IDs,
    /// so each must be unique.
    /// </summary>
    private static void CheckGroups(PlatformNodesProps props)
    {
        if (props.Groups.Count == 0)
        {
            throw new ArgumentException("list at least one node group", nameof(props.Groups));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < props.Groups.Count; i++)
        {
            var group = props.Groups[i];
            var prop = $"{nameof(props.Groups)}[{i}]";
            PropsCheck.ThrowIfAny(group.Problems(), prop, $"node group '{group.Name}'", typeof(NodeGroupSettings));
            if (!names.Add(group.Name))
            {
                throw new ArgumentException($"'{group.Name}' is used by another node group; names must be unique", $"{prop}.{nameof(group.Name)}");
            }
        }

        if (props.Vpc.PrivateSubnets.Length == 0)
        {
            throw new ArgumentException("the VPC has no private subnets with egress, where the nodes go", nameof(props.Vpc));
        }
    }

    /// <summary>
    /// One SSM-typed parameter per AMI path, resolved by CloudFormation at deploy time (no lookup at synth). With
    /// "latest", a deploy after a Bottlerocket release rolls the group onto the new AMI.
    /// </summary>
    private string AmiParameter(string kubernetesVersion, NodeGroupSettings group)
    {
        var path = BottlerocketAmi.SsmParameter(kubernetesVersion, group.Architecture, group.BottlerocketVersion);
        var id = $"BottlerocketAmi{group.Architecture}{(group.BottlerocketVersion ?? "Latest").Replace(".", "", StringComparison.Ordinal)}";
        var parameter = Node.TryFindChild(id) as CfnParameter ?? new CfnParameter(this, id, new CfnParameterProps
        {
            Type = "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
            Default = path,
            Description = $"Bottlerocket AMI for Kubernetes {kubernetesVersion} ({group.Architecture}), from the public SSM parameter",
        });
        return parameter.ValueAsString;
    }

    /// <summary><c>apps-spot</c> → <c>AppsSpot</c>.</summary>
    internal static string GroupId(string name) => ConstructIds.Pascal(name);
}
