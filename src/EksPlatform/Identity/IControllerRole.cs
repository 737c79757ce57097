using Amazon.CDK.AWS.IAM;
using Constructs;
using EksPlatform.Controllers;
using EksPlatform.Settings;

namespace EksPlatform.Identity;

/// <summary>
/// A controller's role, however its pods reach it: an <see cref="IrsaRole"/> (trusted by the cluster's IAM OIDC provider) or
/// a <see cref="PodIdentityRole"/> (trusted by EKS Pod Identity). What the controller classes and the stack need of either.
/// </summary>
public interface IControllerRole
{
    /// <summary>How the controller's pods get the role.</summary>
    ControllerIdentity Identity { get; }

    /// <summary>The role, for constructs that take an <see cref="IRole"/>.</summary>
    IRole Role { get; }

    /// <summary>The L1 role (cdk-nag suppressions of managed policies sit on it).</summary>
    CfnRole Resource { get; }

    /// <summary>The role's ARN (a deploy-time reference).</summary>
    string RoleArn { get; }

    /// <summary>The construct of the role's own permissions (a customer managed policy); null when it has none.</summary>
    IConstruct? Permissions { get; }

    /// <summary>Further customer managed policies of its own, when its permissions exceed one policy's size limit.</summary>
    IReadOnlyList<IConstruct> AdditionalPermissions { get; }

    /// <summary>The service account the role serves.</summary>
    ServiceAccountRef ServiceAccount { get; }
}
