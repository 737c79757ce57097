using System.Collections.Immutable;
using CsCheck;
using EksPlatform.Nodes;
using EksPlatform.Settings;
using Tomlyn;
using Tomlyn.Model;

namespace EksPlatform.Tests.Nodes;

/// <summary>
/// The user data is TOML the node accepts: one value per key, never a key that is both a value and a table, whatever
/// extra settings a group carries; custom-AMI nodes join with their labels and taints.
/// </summary>
public sealed class BottlerocketUserDataTests
{
    private static readonly BottlerocketBootstrap s_bootstrap =
        new("c", "https://0123.gr7.eu-west-1.eks.amazonaws.com", "LS0tLS1CRUdJTg==", "172.20.0.10");

    private static readonly NodeGroupSettings s_group = new() { Name = "batch", InstanceTypes = [InstanceTypes.All["m7i.large"]] };

    [Fact]
    public void A_custom_ami_node_carries_its_labels_and_taints_in_the_user_data()
    {
        var group = s_group with
        {
            AmiMode = AmiMode.Custom,
            Labels = ImmutableSortedDictionary<string, string>.Empty.Add("role", "batch").Add("example.com/team", "reports"),
            Taints = [new NodeTaint("dedicated", "batch", "NoSchedule"), new NodeTaint("dedicated", "batch", "NoExecute")],
        };

        var kubernetes = Table(Parse(BottlerocketUserData.Render(group, s_bootstrap)), "kubernetes");

        var labels = Table(kubernetes, "node-labels");
        Assert.Equal("reports", labels["example.com/team"]);
        Assert.Equal("batch", labels["role"]);
        Assert.Equal(["batch:NoSchedule", "batch:NoExecute"], ((TomlArray)Table(kubernetes, "node-taints")["dedicated"]).Select(v => (string)v!));
    }

    [Fact]
    public void A_managed_node_leaves_labels_and_taints_to_eks()
    {
        var group = s_group with { Labels = ImmutableSortedDictionary<string, string>.Empty.Add("role", "batch") };

        var settings = Parse(BottlerocketUserData.Render(group, null));

        Assert.False(settings.ContainsKey("kubernetes"));
    }

    public static TheoryData<string, string> RefusedKeys => new()
    {
        { "kernel.lockdown", "hardening" },
        { "host-containers.admin.enabled", "hardening" },
        { "kubernetes.node-taints", "set by EKS or by the platform" },
        { "host-containers.admin", "same path as 'host-containers.admin.enabled'" },
        { "kernel.lockdown.mode", "same path as 'kernel.lockdown'" },
    };

    [Theory]
    [MemberData(nameof(RefusedKeys))]
    public void Keys_the_platform_writes_or_shares_a_path_with_are_refused(string key, string reason)
    {
        var group = s_group with { ExtraSettings = ImmutableSortedDictionary<string, object>.Empty.Add(key, true) };

        var problem = Assert.Single(group.Problems());

        Assert.Equal($"bottlerocketSettings.{key}", problem.Field);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Any set of extra settings is either refused, or renders to TOML that parses and holds each value once.</summary>
    [Fact]
    public void Every_accepted_combination_of_extra_settings_parses_as_toml_in_both_modes()
    {
        string[] segments = ["kernel", "lockdown", "kubernetes", "max-pods", "node-labels", "host-containers", "admin", "enabled", "a", "b"];
        var key = Gen.OneOf(segments.Select(Gen.Const).ToArray()).Array[2, 3].Select(parts => string.Join('.', parts));
        var value = Gen.OneOf(
            Gen.Bool.Select(b => (object)b),
            Gen.Long[0, 500].Select(l => (object)l),
            Gen.OneOf(Gen.Const("x"), Gen.Const("y z")).Select(s => (object)s));
        var settings = Gen.Dictionary(key, value)[1, 4];

        settings.Sample(extra =>
        {
            var group = s_group with { ExtraSettings = extra.ToImmutableSortedDictionary(StringComparer.Ordinal) };
            if (NodeGroupSettings.BottlerocketSettingProblems(extra.Keys).Any())
            {
                Assert.NotEmpty(group.Problems());
                return;
            }

            foreach (var (mode, bootstrap) in new[] { (AmiMode.Managed, (BottlerocketBootstrap?)null), (AmiMode.Custom, s_bootstrap) })
            {
                var parsed = Parse(BottlerocketUserData.Render(group with { AmiMode = mode }, bootstrap));
                foreach (var (path, expected) in extra)
                {
                    var parts = path.Split('.');
                    var table = parts[..^1].Aggregate(parsed, Table);
                    Assert.Equal(expected, table[parts[^1]]);
                }
            }
        }, iter: 300);
    }

    private static TomlTable Parse(string toml) => (TomlTable)TomlSerializer.Deserialize<TomlTable>(toml)!["settings"];

    private static TomlTable Table(TomlTable table, string key) => (TomlTable)table[key];
}
