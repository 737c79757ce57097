using System.Collections.Immutable;
using System.Net;

namespace EksPlatform.Settings;

/// <summary>The validated, immutable settings of one platform environment. Built only by <see cref="SettingsLoader"/>.</summary>
public sealed record PlatformSettings
{
    /// <summary>Suffix that names and tags everything (stack <c>EksPlatform-&lt;environment&gt;</c>).</summary>
    public required string Environment { get; init; }

    /// <summary>Production or development defaults (NAT, key window, retention, protection).</summary>
    public required Tier Tier { get; init; }

    /// <summary>The AWS region; always a real one from <see cref="AwsRegions"/>.</summary>
    public required AwsRegion Region { get; init; }

    /// <summary>Availability Zone IDs (<c>use1-az1</c>), all in <see cref="Region"/>, distinct, none that EKS refuses.</summary>
    public required ImmutableArray<string> AvailabilityZoneIds { get; init; }

    /// <summary>Extra tags on every resource.</summary>
    public required ImmutableSortedDictionary<string, string> Tags { get; init; }

    /// <summary>VPC, subnets, NAT and endpoints.</summary>
    public required NetworkSettings Network { get; init; }

    /// <summary>KMS key settings.</summary>
    public required EncryptionSettings Encryption { get; init; }

    /// <summary>The EKS control plane.</summary>
    public required ClusterSettings Cluster { get; init; }

    /// <summary>Managed node groups or EKS Auto Mode (docs/auto-mode.md).</summary>
    public ComputeSettings Compute { get; init; } = new();

    /// <summary>Managed node groups, each on its own launch template; empty under Auto Mode.</summary>
    public required ImmutableArray<NodeGroupSettings> NodeGroups { get; init; }

    /// <summary>Which in-cluster controllers get a role, how each gets its credentials, and which node autoscaler runs.</summary>
    public required ControllerSettings Controllers { get; init; }

    /// <summary>Karpenter's node pool and node class; used only when <see cref="ControllerSettings.NodeAutoscaler"/> is Karpenter.</summary>
    public KarpenterSettings Karpenter { get; init; } = new();

    /// <summary>The in-VPC installer of the controllers.</summary>
    public InstallerSettings Installer { get; init; } = new();

    /// <summary>
    /// Deploy-readiness checks whose findings <c>plan</c> accepts for this profile, each with the reason the report prints
    /// (like <c>--allow ID=reason</c>).
    /// </summary>
    public ImmutableSortedDictionary<string, string> AcceptedChecks { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Container Insights, the dashboard and the alarms.</summary>
    public required ObservabilitySettings Observability { get; init; }

    /// <summary>Usage assumptions of the preflight cost estimate.</summary>
    public required CostSettings Cost { get; init; }

    /// <summary>What survives a stack deletion.</summary>
    public required ProtectionSettings Protection { get; init; }

    /// <summary>The CloudFormation stack name.</summary>
    public string StackName => $"EksPlatform-{Environment}";
}

/// <summary>Selects the defaults for an environment.</summary>
public enum Tier
{
    /// <summary>NAT per AZ, data retained, termination protection.</summary>
    Production,

    /// <summary>One NAT, everything destroyable.</summary>
    Development,
}

/// <summary>How private subnets reach the internet.</summary>
public enum NatMode
{
    /// <summary>One NAT gateway per AZ.</summary>
    PerAz,

    /// <summary>One NAT gateway shared by all AZs (settings value <c>single</c>).</summary>
    SingleGateway,
}

/// <summary>Network settings.</summary>
public sealed record NetworkSettings
{
    /// <summary>The VPC range, private and /16 to /24.</summary>
    public required IPNetwork VpcCidr { get; init; }

    /// <summary>Prefix length of each public subnet.</summary>
    public required int PublicSubnetMask { get; init; }

    /// <summary>Prefix length of each private subnet.</summary>
    public required int PrivateSubnetMask { get; init; }

    /// <summary>NAT gateway layout.</summary>
    public required NatMode NatGateways { get; init; }

    /// <summary>Retention of the VPC flow-log group.</summary>
    public required int FlowLogRetentionDays { get; init; }

    /// <summary>Interface endpoints, by service suffix (<c>ecr.api</c>, <c>sts</c> …).</summary>
    public required ImmutableArray<string> InterfaceEndpoints { get; init; }

    /// <summary>The private IPv4 ranges (RFC 1918) a VPC may use.</summary>
    internal static readonly IPNetwork[] PrivateRanges =
        [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16")];

    /// <summary>
    /// The network's own invariants, shared by the settings loader (which reports them at <c>network.*</c>) and
    /// <see cref="Network.PlatformNetwork"/> (which throws on the first with the prop's name).
    /// </summary>
    /// <param name="zoneCount">How many zones the VPC spans: each holds one public and one private subnet.</param>
    public IEnumerable<(string Field, string Message)> Problems(int zoneCount) => Problems(zoneCount, VpcCidr.ToString());

    /// <summary>As <see cref="Problems(int)"/>, quoting the VPC range as the settings file wrote it.</summary>
    internal IEnumerable<(string Field, string Message)> Problems(int zoneCount, string vpcCidrAsWritten)
    {
        var cidr = VpcCidr;
        var text = vpcCidrAsWritten;
        if (cidr.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            yield return ("vpcCidr", $"'{text}' is not an IPv4 CIDR block such as 10.0.0.0/16");
        }
        else
        {
            if (!PrivateRanges.Any(range => range.Contains(cidr.BaseAddress) && cidr.PrefixLength >= range.PrefixLength))
            {
                yield return ("vpcCidr", $"'{text}' is not a private range; allowed: inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
            }

            if (cidr.PrefixLength is < 16 or > 24)
            {
                yield return ("vpcCidr", $"prefix /{cidr.PrefixLength} is not allowed; a VPC is /16 to /24");
            }
            else
            {
                foreach (var (field, mask) in new[] { ("publicSubnetMask", PublicSubnetMask), ("privateSubnetMask", PrivateSubnetMask) })
                {
                    if (mask <= cidr.PrefixLength)
                    {
                        yield return (field, $"/{mask} subnets do not fit in the /{cidr.PrefixLength} VPC; use a prefix longer than {cidr.PrefixLength}");
                    }
                }

                var needed = zoneCount * ((1L << (32 - PublicSubnetMask)) + (1L << (32 - PrivateSubnetMask)));
                var available = 1L << (32 - cidr.PrefixLength);
                if (needed > available && PublicSubnetMask > cidr.PrefixLength && PrivateSubnetMask > cidr.PrefixLength)
                {
                    yield return ("vpcCidr", $"/{cidr.PrefixLength} holds {available} addresses but {zoneCount} zones of /{PublicSubnetMask} public " +
                        $"and /{PrivateSubnetMask} private subnets need {needed}");
                }
            }
        }

        // The settings schema's range for both masks, so a network built in code cannot ask for more.
        foreach (var (field, mask) in new[] { ("publicSubnetMask", PublicSubnetMask), ("privateSubnetMask", PrivateSubnetMask) })
        {
            if (mask is < 16 or > 28)
            {
                yield return (field, $"/{mask} is outside /16 to /28");
            }
        }

        if (!LogRetention.IsValid(FlowLogRetentionDays))
        {
            yield return ("flowLogRetentionDays", $"{FlowLogRetentionDays} is not a retention CloudWatch Logs offers ({LogRetention.ValidDaysText})");
        }

        // Each endpoint is a construct named after its service, so a repeated one could not be built.
        foreach (var repeated in (InterfaceEndpoints.IsDefault ? [] : InterfaceEndpoints).GroupBy(e => e, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return ("interfaceEndpoints", $"lists {repeated.Key} {repeated.Count()} times; list each endpoint once");
        }
    }
}

/// <summary>KMS settings.</summary>
public sealed record EncryptionSettings
{
    /// <summary>Days a deleted key waits before it is destroyed.</summary>
    public required int DeletionWindowDays { get; init; }
}

/// <summary>Public API endpoint exposure.</summary>
public enum UpgradePolicy
{
    /// <summary>Auto-upgrade at the end of standard support.</summary>
    Standard,

    /// <summary>Extended support, billed at six times the standard hourly rate.</summary>
    Extended,
}

/// <summary>EKS control-plane settings.</summary>
public sealed record ClusterSettings
{
    /// <summary>The cluster name (create-only).</summary>
    public required string Name { get; init; }

    /// <summary>The Kubernetes version, from <see cref="KubernetesVersions"/>.</summary>
    public required KubernetesVersionInfo KubernetesVersion { get; init; }

    /// <summary>Support type after standard support ends.</summary>
    public UpgradePolicy UpgradePolicy { get; init; } = UpgradePolicy.Standard;

    /// <summary>Whether the API endpoint is reachable from the internet.</summary>
    public bool EndpointPublicAccess { get; init; }

    /// <summary>CIDR allowlist of the public endpoint (empty when it is off).</summary>
    public ImmutableArray<string> PublicAccessCidrs { get; init; } = [];

    /// <summary>Retention of the control-plane log group.</summary>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>Who may assume the platform's own cluster-admin role.</summary>
    public AdminRoleSettings AdminRole { get; init; } = new() { AssumableBy = [] };

    /// <summary>Further principals and the EKS access policy each gets (beside the platform's admin role).</summary>
    public ImmutableArray<AccessEntrySettings> AccessEntries { get; init; } = [];

    /// <summary>Networks and security groups admitted to the API endpoint on 443 (ingress on the cluster security group).</summary>
    public required EndpointAccessSettings EndpointAccess { get; init; }

    /// <summary>Let Amazon Application Recovery Controller shift the cluster's traffic away from an impaired zone.</summary>
    public bool ZonalShift { get; init; }

    /// <summary>Pinned versions of core add-ons; an absent add-on uses EKS's default.</summary>
    public ImmutableSortedDictionary<string, string> AddonVersions { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>
    /// Whether to create the cluster's IAM OIDC provider (IRSA). Null: only when a controller uses IRSA. True keeps it for
    /// IRSA roles of your own when every controller uses EKS Pod Identity.
    /// </summary>
    public bool? OidcProvider { get; init; }

    /// <summary>
    /// The cluster's own invariants, shared by the settings loader (which reports them at <c>cluster.*</c>) and
    /// <see cref="Cluster.PlatformCluster"/> (which throws on the first with the prop's name).
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (!Cluster.ClusterNames.IsValid(Name))
        {
            yield return ("name", $"'{Name}' is not {Cluster.ClusterNames.Rule}");
        }

        if (EndpointPublicAccess && PublicAccessCidrs.IsDefaultOrEmpty)
        {
            yield return ("publicAccessCidrs", "the public endpoint is on, so list the CIDR blocks allowed to reach it (never 0.0.0.0/0 in production)");
        }
        else if (!EndpointPublicAccess && !PublicAccessCidrs.IsDefaultOrEmpty)
        {
            yield return ("publicAccessCidrs", "given while cluster.endpointPublicAccess is false; set it to true or remove the list");
        }

        if (!LogRetention.IsValid(LogRetentionDays))
        {
            yield return ("logRetentionDays", $"{LogRetentionDays} is not a retention CloudWatch Logs offers ({LogRetention.ValidDaysText})");
        }
    }
}

public sealed record AdminRoleSettings
{
    /// <summary>Role or user ARNs, matched by <c>aws:PrincipalArn</c> (they need not exist when the stack is created).</summary>
    public required ImmutableArray<string> AssumableBy { get; init; }
}

/// <summary>The EKS access policies an access entry can associate (docs/eks-deploy-facts.md §3).</summary>
public enum EksAccessPolicy
{
    /// <summary><c>AmazonEKSClusterAdminPolicy</c>: everything, cluster-wide.</summary>
    ClusterAdmin,

    /// <summary><c>AmazonEKSAdminPolicy</c>: most resources, no quotas or the namespace itself.</summary>
    Admin,

    /// <summary><c>AmazonEKSEditPolicy</c>: edit most namespaced resources.</summary>
    Edit,

    /// <summary><c>AmazonEKSViewPolicy</c>: read most resources.</summary>
    View,
}

/// <summary>One EKS access entry: a principal, the access policy it gets, and where.</summary>
/// <param name="PrincipalArn">An IAM role or user ARN in the stack's partition.</param>
/// <param name="Policy">The access policy.</param>
/// <param name="Namespaces">Empty: the whole cluster; otherwise only these namespaces.</param>
public sealed partial record AccessEntrySettings(string PrincipalArn, EksAccessPolicy Policy, ImmutableArray<string> Namespaces)
{
    /// <summary>The settings schema's rule for a namespace name (a Kubernetes DNS label); a test keeps the two in step.</summary>
    public const string NamespacePattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>
    /// The entry's own invariants (docs/eks-deploy-facts.md §3), shared by the settings loader (which reports them at
    /// <c>cluster.accessEntries[i].*</c>) and <see cref="Cluster.ClusterAccessEntry"/> (which throws on the first with the
    /// prop's name). The principal's partition and the one-entry-per-principal rule need the whole file: the loader keeps them.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (Arns.PrincipalProblem(PrincipalArn) is { } principal)
        {
            yield return ("principalArn", principal);
        }

        if (!Enum.IsDefined(Policy))
        {
            yield return ("policy", $"{(int)Policy} is not an EKS access policy; choose clusterAdmin, admin, edit or view");
        }

        var namespaces = Namespaces.IsDefault ? [] : Namespaces;
        for (var i = 0; i < namespaces.Length; i++)
        {
            if (namespaces[i].Length > 63 || !Namespace().IsMatch(namespaces[i]))
            {
                yield return ($"namespaces[{i}]", $"'{namespaces[i]}' is not a Kubernetes namespace name: lower-case letters, digits and '-', " +
                    "starting and ending with a letter or digit, at most 63 characters");
            }
        }

        // An access scope of type cluster covers every namespace; a cluster-admin entry limited to namespaces is a contradiction.
        if (Policy == EksAccessPolicy.ClusterAdmin && !namespaces.IsEmpty)
        {
            yield return ("namespaces", "clusterAdmin applies to the whole cluster; for namespaced administration use policy: admin with namespaces");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(NamespacePattern)]
    private static partial System.Text.RegularExpressions.Regex Namespace();
}

/// <summary>Sources admitted to the cluster API endpoint on TCP 443.</summary>
public sealed record EndpointAccessSettings
{
    /// <summary>IPv4 ranges (default: the VPC's own range).</summary>
    public required ImmutableArray<string> Cidrs { get; init; }

    /// <summary>Security group IDs in the VPC (a bastion's, a VPN endpoint's).</summary>
    public required ImmutableArray<string> SecurityGroupIds { get; init; }
}

/// <summary>The in-VPC installer (README: Installing the controllers; docs/installer.md).</summary>
public sealed record InstallerSettings
{
    /// <summary>The fewest minutes a build may be given: Helm alone may wait 10 minutes for one release.</summary>
    public const int MinTimeoutMinutes = 10;

    /// <summary>The most minutes CodeBuild lets a build run (docs/installer.md §5).</summary>
    public const int MaxTimeoutMinutes = 480;

    /// <summary>Whether the stack installs the controllers after every deploy.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long one install may run before CodeBuild stops it.</summary>
    public int TimeoutMinutes { get; init; } = 60;

    /// <summary>Its invariants, shared by the loader (at <c>installer.*</c>) and the installer construct.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (TimeoutMinutes is < MinTimeoutMinutes or > MaxTimeoutMinutes)
        {
            yield return ("timeoutMinutes", $"{TimeoutMinutes} is outside {MinTimeoutMinutes}-{MaxTimeoutMinutes} minutes");
        }
    }
}

/// <summary>Data-safety settings.</summary>
public sealed record ProtectionSettings
{
    /// <summary>Keep the keys and log groups when the stack is deleted (never when its first create rolls back).</summary>
    public required bool RetainOnDelete { get; init; }

    /// <summary>The cluster's own deletion protection: EKS refuses to delete it while this is on.</summary>
    public required bool ClusterDeletionProtection { get; init; }

    /// <summary>Stack termination protection.</summary>
    public required bool TerminationProtection { get; init; }
}
