using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Constructs;
using EksPlatform.Compliance;
using EksPlatform.Settings;

namespace EksPlatform.Cluster;

/// <summary>Inputs of <see cref="PlatformCluster"/>.</summary>
/// <param name="Settings">The cluster slice of the settings.</param>
/// <param name="Vpc">The VPC; the control plane's network interfaces go in its private subnets.</param>
/// <param name="SecretsKey">Envelope encryption of Kubernetes secrets.</param>
/// <param name="LogsKey">Encrypts the control-plane log group.</param>
/// <param name="RetainOnDelete">Keep the control-plane log group when the stack is deleted (never the cluster itself:
/// docs/data-safety.md).</param>
/// <param name="VpcCidr">The VPC range, from settings: the service range is chosen not to overlap it.</param>
/// <param name="DeletionProtection">The cluster's own deletion protection (EKS refuses DeleteCluster while it is on).</param>
/// <param name="OidcProvider">Whether to create the IAM OIDC provider IRSA roles trust; EKS Pod Identity does not need it
/// (docs/karpenter.md §9).</param>
/// <param name="Compute">Managed node groups (null, the default) or EKS Auto Mode (docs/auto-mode.md).</param>
public sealed record PlatformClusterProps(ClusterSettings Settings, IVpc Vpc, IKey SecretsKey, IKey LogsKey, bool RetainOnDelete, IPNetwork VpcCidr,
    bool DeletionProtection, bool OidcProvider = true, ComputeSettings? Compute = null);

/// <summary>
/// The EKS control plane as a native <c>AWS::EKS::Cluster</c> (no kubectl Lambda, no custom resource): its role,
/// secrets encryption, all five control-plane log types into a pre-created encrypted log group, the platform's own
/// cluster-admin role with its access entry, the access entries named in settings, the endpoint's 443 ingress from
/// the configured networks, and the IAM OIDC provider for IRSA (unless nothing uses IRSA).
/// </summary>
public sealed class PlatformCluster : Construct, IEksCluster
{
    /// <summary>The KMS actions EKS needs on the secrets key for envelope encryption (docs/security-facts.md §6).</summary>
    public static readonly IReadOnlyList<string> SecretsEncryptionActions = ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"];

    /// <summary>
    /// The AWS managed policies the cluster role needs beside <c>AmazonEKSClusterPolicy</c> under Auto Mode
    /// (docs/auto-mode.md §2).
    /// </summary>
    public static readonly IReadOnlyList<string> AutoModeClusterPolicies =
        ["AmazonEKSComputePolicy", "AmazonEKSBlockStoragePolicy", "AmazonEKSLoadBalancingPolicy", "AmazonEKSNetworkingPolicy"];

    /// <summary>The AWS managed policies of an Auto Mode node role (docs/auto-mode.md §3).</summary>
    public static readonly IReadOnlyList<string> AutoModeNodePolicies = ["AmazonEKSWorkerNodeMinimalPolicy", "AmazonEC2ContainerRegistryPullOnly"];

    /// <summary>The five control-plane log types (CIS EKS 2.1.1).</summary>
    public static readonly IReadOnlyList<string> LogTypes = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    /// <summary>Creates the control plane.</summary>
    public PlatformCluster(Construct scope, string id, PlatformClusterProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;
        PropsCheck.ThrowIfAny(settings.Problems(), nameof(props.Settings), $"cluster '{settings.Name}'");
        var compute = props.Compute ?? new ComputeSettings();
        PropsCheck.ThrowIfAny(compute.Problems(), nameof(props.Compute), $"compute of cluster '{settings.Name}'", typeof(ComputeSettings));
        if (compute.IsAutoMode && settings.ZonalShift)
        {
            throw new ArgumentException($"cluster '{settings.Name}': EKS Auto Mode does not support zonal shift (docs/auto-mode.md §1)",
                $"{nameof(props.Settings)}.{nameof(ClusterSettings.ZonalShift)}");
        }

        Compute = compute;

        Name = settings.Name;
        KubernetesVersion = settings.KubernetesVersion.Version;
        // EKS's own rule for the default service range, made explicit (it is create-only): custom-AMI nodes need
        // the cluster DNS IP (service range + .10) before they can ask EKS for it.
        ServiceIpv4Cidr = ServiceRange.For(props.VpcCidr).ToString();

        // EKS calls KMS as the cluster role to wrap the data keys of secrets: exactly these four actions, on the secrets
        // key only (docs/security-facts.md §6). A managed policy the role lists, so the role has it from the moment it
        // exists and the cluster (which depends on the role) never encrypts before it may; not inline, which the
        // cdk-nag packs refuse (§5).
        var secretsEncryption = new ManagedPolicy(this, "SecretsEncryption", new ManagedPolicyProps
        {
            Description = $"Envelope encryption of the Kubernetes secrets of {settings.Name} with the platform's secrets key",
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = [.. SecretsEncryptionActions],
                    Resources = [props.SecretsKey.KeyArn],
                }),
            ],
        });
        // Auto Mode: the trust adds sts:TagSession and the role gets the four Auto Mode policies (docs/auto-mode.md §2). The
        // role keeps its logical ID, so switching an existing cluster updates the role (RoleArn is create-only, §1, §9).
        IPrincipal eks = new ServicePrincipal("eks.amazonaws.com");
        Role = new Role(this, "Role", new RoleProps
        {
            Description = $"EKS control plane of {settings.Name}",
            AssumedBy = compute.IsAutoMode ? new SessionTagsPrincipal(eks) : eks,
            ManagedPolicies =
            [
                ManagedPolicy.FromAwsManagedPolicyName("AmazonEKSClusterPolicy"), secretsEncryption,
                .. compute.IsAutoMode ? AutoModeClusterPolicies.Select(ManagedPolicy.FromAwsManagedPolicyName) : [],
            ],
        });
        NagSuppressions.AddManagedPolicies(Role,
            "AmazonEKSClusterPolicy is the AWS managed policy EKS requires for the cluster role; AWS keeps it current with EKS features",
            "AmazonEKSClusterPolicy");
        if (compute.IsAutoMode)
        {
            NagSuppressions.AddManagedPolicies(Role,
                "the AWS managed policies the EKS user guide requires on the cluster role for Auto Mode (docs/auto-mode.md §2); " +
                "each is scoped by the eks:eks-cluster-name tag and AWS keeps it current with Auto Mode",
                [.. AutoModeClusterPolicies]);
        }

        // The role of the built-in node pools' instances (ComputeConfig.NodeRoleArn): only when a pool is on, since EKS
        // refuses a node role without pools and pools without a role (docs/auto-mode.md §1). EKS creates its EC2 access
        // entry itself, so none is declared (§3). Its logical ID must not change: EKS refuses a new node role (§1).
        if (compute.HasBuiltInNodePools)
        {
            AutoNodeRole = AutoModeNodeRole(this, "AutoNodeRole", $"Instances of the built-in Auto Mode node pools of {settings.Name}");
        }

        // EKS writes to this fixed name; creating it first (before the cluster) sets our retention and key.
        LogGroup = EncryptedLogGroup.Create(this, "ControlPlaneLogs", LogGroupNames.ControlPlane(settings.Name),
            props.LogsKey, settings.LogRetentionDays, props.RetainOnDelete);

        Resource = new CfnCluster(this, "Resource", new CfnClusterProps
        {
            Name = settings.Name,
            Version = settings.KubernetesVersion.Version,
            RoleArn = Role.RoleArn,
            ResourcesVpcConfig = new CfnCluster.ResourcesVpcConfigProperty
            {
                SubnetIds = props.Vpc.PrivateSubnets.Select(s => s.SubnetId).ToArray(),
                EndpointPrivateAccess = true,
                EndpointPublicAccess = settings.EndpointPublicAccess,
                PublicAccessCidrs = settings.EndpointPublicAccess ? [.. settings.PublicAccessCidrs] : null,
            },
            EncryptionConfig = new object[]
            {
                new CfnCluster.EncryptionConfigProperty
                {
                    Provider = new CfnCluster.ProviderProperty { KeyArn = props.SecretsKey.KeyArn },
                    Resources = ["secrets"],
                },
            },
            Logging = new CfnCluster.LoggingProperty
            {
                ClusterLogging = new CfnCluster.ClusterLoggingProperty
                {
                    EnabledTypes = LogTypes.Select(type => new CfnCluster.LoggingTypeConfigProperty { Type = type }).ToArray(),
                },
            },
            AccessConfig = new CfnCluster.AccessConfigProperty
            {
                AuthenticationMode = "API",
                // The creator would be CloudFormation's role: admins come from settings as access entries instead.
                BootstrapClusterCreatorAdminPermissions = false,
            },
            KubernetesNetworkConfig = new CfnCluster.KubernetesNetworkConfigProperty { IpFamily = "ipv4", ServiceIpv4Cidr = ServiceIpv4Cidr },
            // The core add-ons are EKS managed add-ons (CoreAddons), so EKS does not also install self-managed copies.
            BootstrapSelfManagedAddons = false,
            UpgradePolicy = new CfnCluster.UpgradePolicyProperty
            {
                SupportType = settings.UpgradePolicy == UpgradePolicy.Extended ? "EXTENDED" : "STANDARD",
            },
            Tags = [new CfnTag { Key = "Name", Value = settings.Name }],
        });
        // The log group must exist before EKS first writes to it. The role, and through it its KMS policy, is already a
        // dependency through RoleArn.
        Resource.Node.AddDependency(LogGroup);
        // Not retained: a cluster kept without its role, subnets and OIDC provider cannot be used, and a kept cluster
        // name blocks the retry of a failed first create. Deletion protection guards it instead (docs/data-safety.md).
        Resource.ApplyRemovalPolicy(RemovalPolicy.DESTROY);
        // Properties of AWS::EKS::Cluster that the 2.160 L1 does not type; both are updatable in place (CloudFormation
        // resource schema, docs/eks-deploy-facts.md §5), and cfn-lint checks them against that schema.
        if (props.DeletionProtection)
        {
            Resource.AddPropertyOverride("DeletionProtection", true);
        }

        if (settings.ZonalShift)
        {
            Resource.AddPropertyOverride("ZonalShiftConfig.Enabled", true);
        }

        if (compute.IsAutoMode)
        {
            EnableAutoMode(compute);
        }

        AdmitEndpointClients(settings.EndpointAccess);
        if (settings.EndpointPublicAccess)
        {
            NagSuppressions.Add(Resource, "AwsSolutions-EKS1",
                $"public endpoint enabled on purpose in settings, restricted to {string.Join(", ", settings.PublicAccessCidrs)} " +
                "(validated: never 0.0.0.0/0 in production)");
        }

        OidcProvider = !props.OidcProvider ? null : new CfnOIDCProvider(this, "OidcProvider", new CfnOIDCProviderProps
        {
            Url = Resource.AttrOpenIdConnectIssuerUrl,
            ClientIdList = ["sts.amazonaws.com"],
            Tags = [new CfnTag { Key = "Name", Value = $"{settings.Name}-irsa" }],
        });

        AdminRole = new ClusterAdminRole(this, "AdminRole", new ClusterAdminRoleProps(settings.Name, Resource.AttrArn, settings.AdminRole.AssumableBy)).Role;
        _ = new ClusterAccessEntry(this, "AdminRoleAccess", new ClusterAccessEntryProps(Resource.Ref, AdminRole.RoleArn, EksAccessPolicy.ClusterAdmin, []));
        foreach (var entry in settings.AccessEntries)
        {
            _ = new ClusterAccessEntry(this, AccessEntryId(entry.PrincipalArn), new ClusterAccessEntryProps(
                Resource.Ref, entry.PrincipalArn, entry.Policy, entry.Namespaces));
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string ServiceIpv4Cidr { get; }

    /// <summary>The L1 cluster.</summary>
    public CfnCluster Resource { get; }

    /// <summary>The cluster's name (a reference, so dependents wait for the cluster).</summary>
    public string ClusterName => Resource.Ref;

    /// <inheritdoc/>
    public string ClusterArn => Resource.AttrArn;

    /// <inheritdoc/>
    public string Endpoint => Resource.AttrEndpoint;

    /// <inheritdoc/>
    public string CertificateAuthorityData => Resource.AttrCertificateAuthorityData;

    /// <inheritdoc/>
    public string ClusterSecurityGroupId => Resource.AttrClusterSecurityGroupId;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The cluster was built without the provider (nothing used IRSA).</exception>
    public string OidcProviderArn => OidcProvider?.AttrArn ?? throw new InvalidOperationException(
        $"cluster {Name} has no IAM OIDC provider (PlatformClusterProps.OidcProvider is false): IRSA roles cannot trust it; " +
        "use EKS Pod Identity, or create the provider");

    /// <inheritdoc/>
    public string OidcIssuerUrl => Resource.AttrOpenIdConnectIssuerUrl;

    /// <inheritdoc/>
    public string KubernetesVersion { get; }

    /// <summary>The cluster IAM role.</summary>
    public IRole Role { get; }

    /// <summary>Managed node groups or Auto Mode.</summary>
    public ComputeSettings Compute { get; }

    /// <summary>Auto Mode with built-in node pools: the role of their instances (<c>ComputeConfig.NodeRoleArn</c>); otherwise null.</summary>
    public IRole? AutoNodeRole { get; }

    /// <summary>The control-plane log group.</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>The IAM OIDC identity provider that IRSA roles trust; null when nothing uses IRSA.</summary>
    public CfnOIDCProvider? OidcProvider { get; }

    /// <summary>The platform's cluster-admin role: every profile can be used without edits (stack output AdminRoleArn).</summary>
    public IRole AdminRole { get; }

    /// <summary>
    /// A role Auto Mode gives to the instances it launches: trusted by EC2, with the two managed policies the EKS user
    /// guide names and no SSM policy, since Auto Mode nodes allow no Session Manager (docs/auto-mode.md §3, §10).
    /// </summary>
    internal static Role AutoModeNodeRole(Construct scope, string id, string description)
    {
        var role = new Role(scope, id, new RoleProps
        {
            Description = description,
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            ManagedPolicies = [.. AutoModeNodePolicies.Select(ManagedPolicy.FromAwsManagedPolicyName)],
        });
        NagSuppressions.AddManagedPolicies(role,
            "the AWS managed policies the EKS user guide names for an Auto Mode node role (docs/auto-mode.md §3): Pod Identity and ECR pull only",
            [.. AutoModeNodePolicies]);
        return role;
    }

    /// <summary>
    /// The three Auto Mode capabilities, on together as EKS requires (docs/auto-mode.md §1). The 2.160 L1 types none of
    /// them, so they are property overrides that cfn-lint checks against the resource schema; none is create-only, so
    /// switching an existing cluster updates it in place (§1, §9). Zonal shift stays off (refused in the settings, §1).
    /// </summary>
    private void EnableAutoMode(ComputeSettings compute)
    {
        var computeConfig = new Dictionary<string, object> { ["Enabled"] = true };
        if (AutoNodeRole is not null)
        {
            computeConfig["NodePools"] = compute.NodePools.ToArray();
            computeConfig["NodeRoleArn"] = AutoNodeRole.RoleArn;
        }

        Resource.AddPropertyOverride("ComputeConfig", computeConfig);
        Resource.AddPropertyOverride("StorageConfig.BlockStorage.Enabled", true);
        Resource.AddPropertyOverride("KubernetesNetworkConfig.ElasticLoadBalancing.Enabled", true);
    }

    /// <summary>
    /// The cluster security group admits only itself, so with the public endpoint off nobody reaches the API until
    /// the networks that should are admitted on 443 (docs/eks-deploy-facts.md §4).
    /// </summary>
    private void AdmitEndpointClients(EndpointAccessSettings access)
    {
        var sources = access.Cidrs.Select(cidr => (Source: cidr, IsGroup: false))
            .Concat(access.SecurityGroupIds.Select(group => (Source: group, IsGroup: true)));
        foreach (var (source, isGroup) in sources)
        {
            _ = new CfnSecurityGroupIngress(this, $"EndpointFrom{source.Replace('/', '-')}", new CfnSecurityGroupIngressProps
            {
                GroupId = Resource.AttrClusterSecurityGroupId,
                IpProtocol = "tcp",
                FromPort = 443,
                ToPort = 443,
                CidrIp = isGroup ? null : source,
                SourceSecurityGroupId = isGroup ? source : null,
                Description = $"Kubernetes API from {source} (cluster.endpointAccess)",
            });
        }
    }

    /// <summary>
    /// A construct ID per admin that does not move when another admin is added or removed: the principal ARN is
    /// create-only on an access entry, so index-based IDs would replace (and collide with) existing entries.
    /// </summary>
    private static string AccessEntryId(string principalArn)
    {
        var name = principalArn[(principalArn.LastIndexOf('/') + 1)..];
        var safe = new string(name.Where(char.IsAsciiLetterOrDigit).ToArray());
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(principalArn)))[..8];
        return $"Access{safe}{hash}";
    }
}
