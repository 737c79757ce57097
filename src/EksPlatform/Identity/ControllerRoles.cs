using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using EksPlatform.Cluster;
using EksPlatform.Compliance;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Identity;

/// <summary>Inputs of <see cref="ControllerRoles"/>.</summary>
/// <param name="Cluster">The cluster: its OIDC provider, and its name from settings (plain text, so it can be part of
/// IAM condition keys).</param>
/// <param name="Settings">Which controllers are on.</param>
/// <param name="Vpc">The cluster VPC (the load balancer controller may change security groups only in it).</param>
/// <param name="EbsKey">The key of EBS volumes, which the EBS CSI driver may use.</param>
public sealed record ControllerRolesProps(IEksCluster Cluster, ControllerSettings Settings, IVpc Vpc, IKey EbsKey);

/// <summary>
/// One least-privilege IRSA role per enabled controller (catalog: <see cref="ControllerCatalog"/>), the VPC CNI's
/// role (always: the node role does not carry <c>AmazonEKS_CNI_Policy</c>), and the <c>aws-ebs-csi-driver</c>
/// managed add-on that uses its role. A disabled controller has no role.
/// </summary>
public sealed class ControllerRoles : Construct
{
    /// <summary>Creates the roles and the EBS CSI add-on.</summary>
    public ControllerRoles(Construct scope, string id, ControllerRolesProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var stack = Stack.Of(this);
        var clusterName = props.Cluster.Name;
        var roles = new Dictionary<ControllerId, IrsaRole>();
        foreach (var controller in ControllerCatalog.Enabled(props.Settings))
        {
            roles[controller.Id] = controller.Id switch
            {
                ControllerId.ClusterAutoscaler => Create(props, controller, "ClusterAutoscaler",
                    $"cluster-autoscaler of {clusterName}: scales only this cluster's tagged Auto Scaling groups",
                    Policies.ClusterAutoscaler(clusterName), []),
                ControllerId.AwsLoadBalancerController => Create(props, controller, "AwsLoadBalancerController",
                    $"AWS Load Balancer Controller {Policies.LoadBalancerControllerVersion} of {clusterName}",
                    Policies.AwsLoadBalancerController(stack, props.Vpc), []),
                ControllerId.ExternalSecrets => Create(props, controller, "ExternalSecrets",
                    $"external-secrets of {clusterName}: reads {props.Settings.ExternalSecrets.NamePrefix}* from Secrets Manager and SSM",
                    Policies.ExternalSecrets(stack, props.Settings.ExternalSecrets.NamePrefix), []),
                ControllerId.EbsCsiDriver => Create(props, controller, "EbsCsiDriver",
                    $"EBS CSI driver of {clusterName}",
                    Policies.EbsCsiDriverKey(props.EbsKey), [Policies.EbsCsiDriverManagedPolicy]),
                ControllerId.VpcCni => Create(props, controller, "VpcCni", $"VPC CNI (aws-node) of {clusterName}", [], [Policies.VpcCniManagedPolicy]),
                _ => throw ControllerCatalog.Unhandled(controller.Id, $"{nameof(ControllerRoles)} (role)"),
            };
        }

        Roles = roles;
        Suppress(roles, stack.Region, props.Settings.ExternalSecrets.NamePrefix);
        if (roles.TryGetValue(ControllerId.EbsCsiDriver, out var ebs))
        {
            EbsCsiDriverAddon = new CfnAddon(this, "EbsCsiDriverAddon", new CfnAddonProps
            {
                ClusterName = props.Cluster.ClusterName,
                AddonName = "aws-ebs-csi-driver",
                AddonVersion = props.Settings.EbsCsiDriver.AddonVersion,
                ServiceAccountRoleArn = ebs.RoleArn,
                // OVERWRITE: the managed add-on owns its Kubernetes objects; edits made with kubectl are reset.
                ResolveConflicts = "OVERWRITE",
                // No ConfigurationValues. The add-on's own default StorageClass option (defaultStorageClass.enabled)
                // sets no parameters, so it cannot ask for encryption or our key, and a `storageClasses` value could
                // not be verified in the add-on's configuration schema (only in the Helm chart's values). The
                // encrypted gp3 default StorageClass is therefore a manifest the `addons` command renders instead.
            });
        }
    }

    /// <summary>The role of every enabled controller, by controller (the VPC CNI's is always there).</summary>
    public IReadOnlyDictionary<ControllerId, IrsaRole> Roles { get; }

    /// <summary>The VPC CNI's role, for the <c>vpc-cni</c> add-on.</summary>
    public IrsaRole VpcCni => Roles[ControllerId.VpcCni];

    /// <summary>
    /// The <c>aws-ebs-csi-driver</c> add-on, or null when disabled. Its controller is a Deployment, so the stack
    /// should make it wait for the node groups (docs/eks-deploy-facts.md §8).
    /// </summary>
    public CfnAddon? EbsCsiDriverAddon { get; }

    private IrsaRole Create(ControllerRolesProps props, ControllerSpec controller, string id, string description,
        PolicyStatement[] statements, string[] managedPolicies) =>
        new(this, id, new IrsaRoleProps(props.Cluster, controller.ServiceAccount, description, statements, managedPolicies));

    /// <summary>cdk-nag IAM4/IAM5: each finding named exactly, with the reason it is accepted.</summary>
    private static void Suppress(Dictionary<ControllerId, IrsaRole> roles, string region, string namePrefix)
    {
        var partition = "arn:<AWS::Partition>";
        foreach (var (id, role) in roles)
        {
            switch (id)
            {
                case ControllerId.ClusterAutoscaler:
                    NagSuppressions.Add(role.Permissions!, "AwsSolutions-IAM5",
                        "Describe calls of Auto Scaling, EC2 and EKS have no resource-level permissions; SetDesiredCapacity/TerminateInstanceInAutoScalingGroup are limited by tag conditions to this cluster's groups (their names are generated by EKS)",
                        "Resource::*");
                    break;
                case ControllerId.AwsLoadBalancerController:
                    NagSuppressions.Add(role.Permissions!, "AwsSolutions-IAM5",
                        $"official AWS Load Balancer Controller {Policies.LoadBalancerControllerVersion} policy, kept as published: the controller creates and names load balancers, target groups and security groups at run time, and most writes are limited by the elbv2.k8s.aws/cluster tag",
                        "Resource::*",
                        $"Resource::{partition}:ec2:*:*:security-group/*",
                        $"Resource::{partition}:elasticloadbalancing:*:*:targetgroup/*/*",
                        $"Resource::{partition}:elasticloadbalancing:*:*:loadbalancer/net/*/*",
                        $"Resource::{partition}:elasticloadbalancing:*:*:loadbalancer/app/*/*",
                        $"Resource::{partition}:elasticloadbalancing:*:*:listener/net/*/*/*",
                        $"Resource::{partition}:elasticloadbalancing:*:*:listener/app/*/*/*",
                        $"Resource::{partition}:elasticloadbalancing:*:*:listener-rule/net/*/*/*",
                        $"Resource::{partition}:elasticloadbalancing:*:*:listener-rule/app/*/*/*");
                    break;
                case ControllerId.ExternalSecrets:
                    NagSuppressions.Add(role.Permissions!, "AwsSolutions-IAM5",
                        "read-only access to the secrets and parameters under the configured name prefix (Secrets Manager appends random characters to secret ARNs); kms:Decrypt on this account's keys only through Secrets Manager and SSM (kms:ViaService)",
                        $"Resource::{partition}:secretsmanager:{region}:<AWS::AccountId>:secret:{namePrefix}*",
                        $"Resource::{partition}:ssm:{region}:<AWS::AccountId>:parameter/{namePrefix}*",
                        $"Resource::{partition}:kms:{region}:<AWS::AccountId>:key/*");
                    break;
                case ControllerId.EbsCsiDriver:
                    NagSuppressions.AddManagedPolicies(role.Resource,
                        "AmazonEBSCSIDriverPolicy is the AWS managed policy the EKS user guide prescribes for the EBS CSI add-on; AWS keeps it current with the driver",
                        Policies.EbsCsiDriverManagedPolicy);
                    NagSuppressions.Add(role.Permissions!, "AwsSolutions-IAM5",
                        "kms:ReEncrypt* and kms:GenerateDataKey* on the platform's EBS key only, as the EKS user guide's statement for customer-managed keys gives them",
                        "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*");
                    break;
                case ControllerId.VpcCni:
                    NagSuppressions.AddManagedPolicies(role.Resource,
                        "AmazonEKS_CNI_Policy is the AWS managed policy the VPC CNI add-on needs to manage pod ENIs and IPs; it is given to the aws-node service account instead of the node role",
                        Policies.VpcCniManagedPolicy);
                    break;
                default:
                    throw ControllerCatalog.Unhandled(id, $"{nameof(ControllerRoles)} (cdk-nag suppressions)");
            }
        }
    }
}
