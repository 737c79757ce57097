using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace EksPlatform.Settings;

/// <summary>What adds and removes nodes (settings <c>autoscaling.mode</c>).</summary>
public enum NodeAutoscaler
{
    /// <summary>cluster-autoscaler over the managed node groups (the default).</summary>
    ClusterAutoscaler,

    /// <summary>Karpenter launches nodes itself from a NodePool; the managed node groups stay for Karpenter and system pods.</summary>
    Karpenter,
}

/// <summary>How a controller's pods get AWS credentials (settings <c>controllers.identity</c> and <c>controllers.&lt;key&gt;.identity</c>).</summary>
public enum ControllerIdentity
{
    /// <summary>IAM roles for service accounts: the role trusts the cluster's IAM OIDC provider.</summary>
    Irsa,

    /// <summary>EKS Pod Identity: the role trusts <c>pods.eks.amazonaws.com</c>, an association names the service account.</summary>
    PodIdentity,
}

/// <summary>
/// Karpenter's node pool and node class, rendered by the <c>controllers</c> command as a <c>NodePool</c> and an
/// <c>EC2NodeClass</c> (docs/karpenter.md §6, §7). Used only when <c>autoscaling.mode</c> is <c>karpenter</c>.
/// </summary>
public sealed record KarpenterSettings
{
    /// <summary>Which instances Karpenter may launch, how many, and how it replaces them.</summary>
    public KarpenterNodePoolSettings NodePool { get; init; } = new();

    /// <summary>How the instances are built: AMI, volumes, user data.</summary>
    public KarpenterNodeClassSettings NodeClass { get; init; } = new();

    /// <summary>
    /// The record's own invariants, each with its field below <c>autoscaling.karpenter</c>: the settings loader reports
    /// them there, and the Karpenter constructs throw on the first with the prop's name.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems() =>
        NodePool.Problems().Select(p => ($"nodePool.{p.Field}", p.Message))
            .Concat(NodeClass.Problems().Select(p => ($"nodeClass.{p.Field}", p.Message)));
}

/// <summary>
/// The NodePool. Field rules are the CRD's of the pinned Karpenter version (karpenter.sh_nodepools.yaml at v1.14.1;
/// docs/karpenter.md §7); the schema states the same patterns and a test keeps them in step.
/// </summary>
public sealed partial record KarpenterNodePoolSettings
{
    /// <summary>A duration as the NodePool CRD accepts it for <c>consolidateAfter</c> and <c>expireAfter</c>.</summary>
    public const string DurationPattern = "^(([0-9]+(s|m|h))+|Never)$";

    /// <summary>A disruption budget's <c>nodes</c>: a count or a percentage.</summary>
    public const string BudgetNodesPattern = "^((100|[0-9]{1,2})%|[0-9]+)$";

    /// <summary>A disruption budget's <c>duration</c>: minutes and hours only (cron has no seconds).</summary>
    public const string BudgetDurationPattern = "^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$";

    /// <summary>An instance category (<c>karpenter.k8s.aws/instance-category</c>): the letters before the generation.</summary>
    public const string CategoryPattern = "^[a-z]{1,8}$";

    /// <summary>An instance family (<c>karpenter.k8s.aws/instance-family</c>), such as <c>m7i</c>, <c>c7gn</c> or <c>m7i-flex</c>.</summary>
    public const string FamilyPattern = "^[a-z]+[0-9]+[a-z0-9]*(-[a-z0-9]+)?$";

    /// <summary>The architectures Karpenter launches (the <c>kubernetes.io/arch</c> label values).</summary>
    public static readonly ImmutableArray<string> KnownArchitectures = ["amd64", "arm64"];

    /// <summary>
    /// The capacity types the platform offers (<c>karpenter.sh/capacity-type</c>). Karpenter also knows <c>reserved</c>, which
    /// needs capacity reservations in the EC2NodeClass; the platform selects none.
    /// </summary>
    public static readonly ImmutableArray<string> KnownCapacityTypes = ["on-demand", "spot"];

    /// <summary>The consolidation policies of the NodePool CRD.</summary>
    public static readonly ImmutableArray<string> KnownConsolidationPolicies = ["WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced"];

    /// <summary>The disruption reasons a budget may be limited to.</summary>
    public static readonly ImmutableArray<string> KnownBudgetReasons = ["Underutilized", "Empty", "Drifted"];

    /// <summary>Instance categories (<c>c</c>, <c>m</c>, <c>r</c> …), as Karpenter's getting-started NodePool.</summary>
    public ImmutableArray<string> InstanceCategories { get; init; } = ["c", "m", "r"];

    /// <summary>Instance families to limit the categories to (<c>m7i</c>, <c>m7g</c> …); empty for every family of the categories.</summary>
    public ImmutableArray<string> InstanceFamilies { get; init; } = [];

    /// <summary>CPU architectures (<c>amd64</c>, <c>arm64</c>).</summary>
    public ImmutableArray<string> Architectures { get; init; } = ["amd64", "arm64"];

    /// <summary>Capacity types, in the order given (<c>on-demand</c>, <c>spot</c>).</summary>
    public ImmutableArray<string> CapacityTypes { get; init; } = ["on-demand"];

    /// <summary>Most vCPUs the pool may hold in all (the NodePool's <c>limits.cpu</c>).</summary>
    public int CpuLimit { get; init; } = 1000;

    /// <summary>Most memory the pool may hold in all, in GiB (<c>limits.memory</c>); null for no memory limit.</summary>
    public int? MemoryLimitGiB { get; init; }

    /// <summary><c>WhenEmpty</c>, <c>WhenEmptyOrUnderutilized</c> or <c>Balanced</c>.</summary>
    public string ConsolidationPolicy { get; init; } = "WhenEmptyOrUnderutilized";

    /// <summary>How long a node must be empty or underutilized before Karpenter consolidates it (<c>1m</c>, <c>Never</c>).</summary>
    public string ConsolidateAfter { get; init; } = "1m";

    /// <summary>How long a node lives before Karpenter replaces it (<c>720h</c>, <c>Never</c>).</summary>
    public string ExpireAfter { get; init; } = "720h";

    /// <summary>How many nodes may be disrupted at once, and when.</summary>
    public ImmutableArray<DisruptionBudget> Budgets { get; init; } = [new DisruptionBudget("10%")];

    /// <summary>The node pool's own invariants (fields in camelCase as written in the settings file).</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        foreach (var problem in ListProblems("instanceCategories", InstanceCategories, value => Category().IsMatch(value),
            "is not an instance category: 1 to 8 lower-case letters such as c, m or r", required: true))
        {
            yield return problem;
        }

        foreach (var problem in ListProblems("instanceFamilies", InstanceFamilies, value => Family().IsMatch(value),
            "is not an instance family such as m7i, c7gn or m7i-flex", required: false))
        {
            yield return problem;
        }

        foreach (var problem in ListProblems("architectures", Architectures, KnownArchitectures.Contains,
            $"is not an architecture Karpenter launches; choose {string.Join(" or ", KnownArchitectures)}", required: true))
        {
            yield return problem;
        }

        foreach (var problem in ListProblems("capacityTypes", CapacityTypes, KnownCapacityTypes.Contains,
            $"is not a capacity type the platform offers; choose {string.Join(" or ", KnownCapacityTypes)}", required: true))
        {
            yield return problem;
        }

        if (CpuLimit < 1)
        {
            yield return ("cpuLimit", $"{CpuLimit} is below 1 vCPU: the pool could launch nothing");
        }

        if (MemoryLimitGiB is < 1)
        {
            yield return ("memoryLimitGiB", $"{MemoryLimitGiB} is below 1 GiB: the pool could launch nothing");
        }

        if (!KnownConsolidationPolicies.Contains(ConsolidationPolicy))
        {
            yield return ("consolidationPolicy", $"'{ConsolidationPolicy}' is not one of {string.Join(", ", KnownConsolidationPolicies)}");
        }

        foreach (var (field, value) in new[] { ("consolidateAfter", ConsolidateAfter), ("expireAfter", ExpireAfter) })
        {
            if (!Duration().IsMatch(value))
            {
                yield return (field, $"'{value}' is not a duration such as 30s, 1m, 720h or 1h30m, or Never");
            }
        }

        var budgets = Budgets.IsDefault ? [] : Budgets;
        if (budgets.Length > 50)
        {
            yield return ("budgets", $"{budgets.Length} budgets; a NodePool takes at most 50");
        }

        for (var i = 0; i < budgets.Length; i++)
        {
            foreach (var (field, message) in budgets[i].Problems())
            {
                yield return ($"budgets[{i}].{field}", message);
            }
        }
    }

    private static IEnumerable<(string Field, string Message)> ListProblems(
        string field, ImmutableArray<string> values, Func<string, bool> valid, string rule, bool required)
    {
        var list = values.IsDefault ? [] : values;
        if (required && list.IsEmpty)
        {
            yield return (field, "list at least one value");
        }

        for (var i = 0; i < list.Length; i++)
        {
            if (!valid(list[i]))
            {
                yield return ($"{field}[{i}]", $"'{list[i]}' {rule}");
            }
            else if (list.IndexOf(list[i]) < i)
            {
                yield return ($"{field}[{i}]", $"'{list[i]}' is listed twice");
            }
        }
    }

    [GeneratedRegex(DurationPattern)]
    private static partial Regex Duration();

    [GeneratedRegex(CategoryPattern)]
    private static partial Regex Category();

    [GeneratedRegex(FamilyPattern)]
    private static partial Regex Family();
}

/// <summary>One disruption budget of the NodePool: at most <paramref name="Nodes"/> nodes disrupted at once, always or on a schedule.</summary>
/// <param name="Nodes">A count (<c>2</c>) or a percentage (<c>10%</c>) of the pool's nodes.</param>
/// <param name="Schedule">A cron schedule when the budget starts to apply (UTC); null: always. Needs <paramref name="Duration"/>.</param>
/// <param name="Duration">How long it applies from each start (<c>8h</c>, <c>30m</c>); null with no schedule.</param>
public sealed partial record DisruptionBudget(string Nodes, string? Schedule = null, string? Duration = null)
{
    /// <summary>Disruption reasons it applies to (<c>Underutilized</c>, <c>Empty</c>, <c>Drifted</c>); empty: all.</summary>
    public ImmutableArray<string> Reasons { get; init; } = [];

    /// <summary>The budget's own invariants, by field.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (!BudgetNodes().IsMatch(Nodes))
        {
            yield return ("nodes", $"'{Nodes}' is not a node count such as 2 or a percentage from 0% to 100%");
        }

        if ((Schedule is null) != (Duration is null))
        {
            yield return (Schedule is null ? "schedule" : "duration", "schedule and duration go together: give both or neither");
        }

        if (Schedule is not null && !CronSchedule().IsMatch(Schedule))
        {
            yield return ("schedule", $"'{Schedule}' is not a cron schedule of five fields, such as '0 9 * * mon-fri', or a macro such as @daily");
        }

        if (Duration is not null && !BudgetDuration().IsMatch(Duration))
        {
            yield return ("duration", $"'{Duration}' is not a duration in hours and minutes such as 8h, 30m or 1h30m");
        }

        var reasons = Reasons.IsDefault ? [] : Reasons;
        for (var i = 0; i < reasons.Length; i++)
        {
            if (!KarpenterNodePoolSettings.KnownBudgetReasons.Contains(reasons[i]))
            {
                yield return ($"reasons[{i}]", $"'{reasons[i]}' is not one of {string.Join(", ", KarpenterNodePoolSettings.KnownBudgetReasons)}");
            }
        }
    }

    [GeneratedRegex(KarpenterNodePoolSettings.BudgetNodesPattern)]
    private static partial Regex BudgetNodes();

    [GeneratedRegex(KarpenterNodePoolSettings.BudgetDurationPattern)]
    private static partial Regex BudgetDuration();

    // The CRD's pattern for schedule (karpenter.sh_nodepools.yaml at v1.14.1).
    [GeneratedRegex(@"^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\s(.+)\s(.+)\s(.+)\s(.+))$")]
    private static partial Regex CronSchedule();
}

/// <summary>
/// The EC2NodeClass: Bottlerocket, two encrypted gp3 volumes with the platform's EBS key, IMDSv2 with hop limit 1, and
/// the same hardening user data as the managed node groups (docs/karpenter.md §6).
/// </summary>
public sealed partial record KarpenterNodeClassSettings
{
    /// <summary>A Bottlerocket release as the EC2NodeClass alias pins it (<c>bottlerocket@v1.57.0</c>), without the <c>v</c>.</summary>
    public const string BottlerocketVersionPattern = "^\\d+\\.\\d+\\.\\d+$";

    /// <summary>A pinned Bottlerocket release; null: the newest (<c>bottlerocket@latest</c>), which Karpenter's docs advise against in production.</summary>
    public string? BottlerocketVersion { get; init; }

    /// <summary>The OS volume, <c>/dev/xvda</c>, in GiB (Karpenter's Bottlerocket default is 4).</summary>
    public int OsVolumeGiB { get; init; } = 4;

    /// <summary>The data volume, <c>/dev/xvdb</c> (images and containers), in GiB.</summary>
    public int DataVolumeGiB { get; init; } = 50;

    /// <summary>Keep Bottlerocket's control container (SSM Session Manager) on; adds AmazonSSMManagedInstanceCore to the node role.</summary>
    public bool ControlContainer { get; init; } = true;

    /// <summary>Extra Bottlerocket settings, as for a managed node group (<c>kubernetes.max-pods</c> …).</summary>
    public ImmutableSortedDictionary<string, object> ExtraSettings { get; init; } = ImmutableSortedDictionary<string, object>.Empty;

    /// <summary>The AMI alias of the EC2NodeClass: <c>bottlerocket@v1.57.0</c> or <c>bottlerocket@latest</c>.</summary>
    public string AmiAlias => $"bottlerocket@{(BottlerocketVersion is null ? "latest" : $"v{BottlerocketVersion}")}";

    /// <summary>The node class's own invariants (fields in camelCase as written in the settings file).</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (BottlerocketVersion is not null && !Version().IsMatch(BottlerocketVersion))
        {
            yield return ("bottlerocketVersion", $"'{BottlerocketVersion}' is not a Bottlerocket release such as 1.57.0 (no leading v)");
        }

        if (OsVolumeGiB is < 4 or > 16384)
        {
            yield return ("osVolumeGiB", $"{OsVolumeGiB} is outside 4-16384 GiB");
        }

        if (DataVolumeGiB is < 8 or > 16384)
        {
            yield return ("dataVolumeGiB", $"{DataVolumeGiB} is outside 8-16384 GiB");
        }

        foreach (var (key, message) in NodeGroupSettings.BottlerocketSettingProblems(ExtraSettings.Keys))
        {
            yield return ($"bottlerocketSettings.{key}", message);
        }
    }

    [GeneratedRegex(BottlerocketVersionPattern)]
    private static partial Regex Version();
}
