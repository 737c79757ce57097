using System.Collections.Immutable;
using System.Net;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.S3;
using Constructs;
using EksPlatform;
using EksPlatform.Cluster;
using EksPlatform.Compliance;
using EksPlatform.Controllers;
using EksPlatform.Encryption;
using EksPlatform.Identity;
using EksPlatform.Nodes;
using EksPlatform.Settings;

namespace ExistingVpc;

/// <summary>
/// A team's EKS cluster in a VPC that already exists, composed from the library's constructs rather than from a
/// settings file: keys, the cluster, one Graviton node group, and an IRSA role that may read one existing bucket.
/// </summary>
public sealed class TeamClusterStack : Stack
{
    private const string ClusterName = "team-eks";
    private const string VpcCidr = "10.40.0.0/16";

    /// <summary>Composes the stack.</summary>
    public TeamClusterStack(Construct scope, string id)
        : base(scope, id, new StackProps { Env = new Amazon.CDK.Environment { Region = "eu-west-1" } })
    {
        // The VPC by attributes: no lookup, so synthesis needs no credentials.
        var vpc = Vpc.FromVpcAttributes(this, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0a1b2c3d4e5f67890",
            VpcCidrBlock = VpcCidr,
            AvailabilityZones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            PrivateSubnetIds = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
        });

        var keys = new PlatformKeys(this, "Keys", new PlatformKeysProps(ClusterName, [LogGroupNames.ControlPlane(ClusterName)],
            DeletionWindowDays: 30, RetainOnDelete: true));

        Cluster = new PlatformCluster(this, "Cluster", new PlatformClusterProps(
            new ClusterSettings
            {
                Name = ClusterName,
                KubernetesVersion = KubernetesVersions.All["1.33"],
                EndpointAccess = new EndpointAccessSettings { Cidrs = [VpcCidr], SecurityGroupIds = [] },
            },
            vpc, keys.Secrets, keys.Logs, RetainOnDelete: true, IPNetwork.Parse(VpcCidr), DeletionProtection: true));

        _ = new PlatformNodes(this, "Nodes", new PlatformNodesProps(
            [
                new NodeGroupSettings
                {
                    Name = "general",
                    InstanceTypes = [InstanceTypes.All["m7g.large"], InstanceTypes.All["m6g.large"]],
                    MinSize = 2,
                    DesiredSize = 2,
                    MaxSize = 6,
                    Labels = ImmutableSortedDictionary<string, string>.Empty.Add("team", "reports"),
                },
            ],
            Cluster, Cluster.KubernetesVersion, vpc, keys.Ebs, new Dictionary<string, string> { ["Team"] = "reports" }));

        // The reports service reads one bucket that another team owns; the grant lands in a managed policy of the role.
        Reports = new IrsaRole(this, "Reports", new IrsaRoleProps(Cluster, new ServiceAccountRef("reports", "reports-api"),
            "Reports API: reads the reports bucket", [], []));
        Bucket.FromBucketName(this, "ReportsBucket", "team-reports-archive").GrantRead(Reports);
        NagSuppressions.Add(Reports.GrantsPolicy!, "AwsSolutions-IAM5",
            "bucket.GrantRead gives CDK's read actions (GetObject*, GetBucket*, List*) on this one bucket and its objects only",
            "Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*", "Resource::arn:<AWS::Partition>:s3:::team-reports-archive/*");
    }

    /// <summary>The cluster.</summary>
    public PlatformCluster Cluster { get; }

    /// <summary>The reports service's role.</summary>
    public IrsaRole Reports { get; }
}
