using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Karpenter;

/// <summary>Inputs of <see cref="PlatformKarpenter"/>.</summary>
/// <param name="Cluster">The cluster Karpenter scales.</param>
/// <param name="Vpc">The cluster's VPC: its private subnets get the discovery tag.</param>
/// <param name="Settings">The node pool and node class.</param>
public sealed record PlatformKarpenterProps(IEksCluster Cluster, IVpc Vpc, KarpenterSettings Settings);

/// <summary>
/// What Karpenter needs in AWS besides its controller's role (which <see cref="Identity.ControllerRoles"/> builds from
/// <see cref="KarpenterController"/>): the node role with its access entry, the interruption queue with its rules, and the
/// discovery tag <c>karpenter.sh/discovery: &lt;cluster&gt;</c> on the private subnets (docs/karpenter.md §4, §5). The node
/// security group is tagged with <see cref="TagForDiscovery"/> once it exists.
/// </summary>
public sealed class PlatformKarpenter : Construct
{
    /// <summary>Creates the node role, access entry, queue and rules, and tags the private subnets.</summary>
    public PlatformKarpenter(Construct scope, string id, PlatformKarpenterProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        // The same rules the settings loader reports for autoscaling.karpenter.
        PropsCheck.ThrowIfAny(props.Settings.Problems(), nameof(props.Settings), $"Karpenter of {props.Cluster.Name}", typeof(KarpenterSettings));
        if (props.Vpc.PrivateSubnets.Length == 0)
        {
            throw new ArgumentException("the VPC has no private subnets with egress, where Karpenter's nodes go", nameof(props.Vpc));
        }

        ClusterName = props.Cluster.Name;
        NodeRole = new KarpenterNodeRole(this, "NodeRole", new KarpenterNodeRoleProps(props.Cluster, props.Settings.NodeClass.ControlContainer));
        Queue = new InterruptionQueue(this, "Interruption", new InterruptionQueueProps(props.Cluster.Name));
        foreach (var subnet in props.Vpc.PrivateSubnets)
        {
            Tags.Of(subnet).Add(KarpenterController.DiscoveryTagKey, ClusterName);
        }
    }

    /// <summary>The cluster's name, the discovery tag's value.</summary>
    public string ClusterName { get; }

    /// <summary>The nodes' role and access entry.</summary>
    public KarpenterNodeRole NodeRole { get; }

    /// <summary>The interruption queue and its rules.</summary>
    public InterruptionQueue Queue { get; }

    /// <summary>What the controller's role refers to.</summary>
    public KarpenterResources Resources => new(NodeRole.Role, Queue.QueueArn);

    /// <summary>Tags a security group for Karpenter's <c>securityGroupSelectorTerms</c> (the node security group).</summary>
    public void TagForDiscovery(ISecurityGroup securityGroup)
    {
        ArgumentNullException.ThrowIfNull(securityGroup);
        Tags.Of(securityGroup).Add(KarpenterController.DiscoveryTagKey, ClusterName);
    }
}
