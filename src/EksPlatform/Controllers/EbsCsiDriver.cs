using Amazon.CDK.AWS.IAM;
using EksPlatform.Compliance;
using EksPlatform.Identity;
using EksPlatform.Settings;

namespace EksPlatform.Controllers;

/// <summary>
/// The <c>aws-ebs-csi-driver</c> EKS managed add-on's role; EKS creates its controller's service account with this name.
/// The add-on itself is with the other managed add-ons (<see cref="Cluster.CoreAddons"/>).
/// </summary>
public sealed class EbsCsiDriver : Controller
{
    /// <summary>AWS managed policy of the EBS CSI driver (docs/iam-policies.md §5).</summary>
    public const string ManagedPolicy = "service-role/AmazonEBSCSIDriverPolicy";

    /// <summary>Auto Mode runs the EBS CSI driver's function itself (docs/auto-mode.md §4).</summary>
    public override bool ReplacedByAutoMode => true;

    /// <inheritdoc/>
    public override string Name => "aws-ebs-csi-driver";

    /// <inheritdoc/>
    public override string ConstructId => "EbsCsiDriver";

    /// <inheritdoc/>
    public override ServiceAccountRef ServiceAccount { get; } = new("kube-system", "ebs-csi-controller-sa");

    /// <inheritdoc/>
    public override IReadOnlyList<string> ManagedPolicyNames { get; } = [ManagedPolicy];

    /// <inheritdoc/>
    public override string SettingsKey => ControllerSettings.EbsCsiDriverKey;

    /// <inheritdoc/>
    public override string RoleDescription(ControllerContext context) => $"EBS CSI driver of {context.Cluster.Name}";

    /// <summary>
    /// With a customer-managed key: the two statements the EKS user guide gives for it, verbatim, on the platform's EBS
    /// key only (awsdocs amazon-eks-user-guide storage/ebs-csi.adoc; docs/iam-policies.md §5).
    /// </summary>
    public override IReadOnlyList<PolicyStatement> Statements(ControllerContext context) =>
    [
        new(new PolicyStatementProps
        {
            Sid = "GrantKeyToAttachedVolumes",
            Actions = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Resources = [context.EbsKey.KeyArn],
            Conditions = new Dictionary<string, object>
            {
                ["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" },
            },
        }),
        new(new PolicyStatementProps
        {
            Sid = "UseKeyForVolumes",
            Actions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resources = [context.EbsKey.KeyArn],
        }),
    ];

    /// <inheritdoc/>
    public override void Suppress(IControllerRole role, ControllerContext context)
    {
        NagSuppressions.AddManagedPolicies(role.Resource,
            "AmazonEBSCSIDriverPolicy is the AWS managed policy the EKS user guide prescribes for the EBS CSI add-on; AWS keeps it current with the driver",
            ManagedPolicy);
        NagSuppressions.Add(role.Permissions!, "AwsSolutions-IAM5",
            "kms:ReEncrypt* and kms:GenerateDataKey* on the platform's EBS key only, as the EKS user guide's statement for customer-managed keys gives them",
            "Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*");
    }
}
