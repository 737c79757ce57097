using EksPlatform.Cluster;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Cluster;

/// <summary><see cref="ClusterAccessEntry"/> built alone for an existing cluster given by name.</summary>
public sealed class ClusterAccessEntryAloneTests
{
    private const string Devs = "arn:aws:iam::111122223333:role/devs";

    [Theory]
    [InlineData(EksAccessPolicy.Edit, "AmazonEKSEditPolicy", "team-a,team-b")]
    [InlineData(EksAccessPolicy.ClusterAdmin, "AmazonEKSClusterAdminPolicy", "")]
    public void The_entry_names_the_cluster_principal_policy_and_scope(EksAccessPolicy policy, string policyName, string namespaces)
    {
        var stack = ImportedCluster.EmptyStack();
        var scope = namespaces.Split(',', StringSplitOptions.RemoveEmptyEntries);
        _ = new ClusterAccessEntry(stack, "Devs", new ClusterAccessEntryProps("existing", Devs, policy, scope));

        var entry = StackJson.Of(stack).Single("AWS::EKS::AccessEntry");

        Assert.Equal("existing", (string?)entry["ClusterName"]);
        Assert.Equal(Devs, (string?)entry["PrincipalArn"]);
        Assert.Equal("STANDARD", (string?)entry["Type"]);
        var access = Assert.Single(entry["AccessPolicies"]!.AsArray())!;
        Assert.EndsWith($":eks::aws:cluster-access-policy/{policyName}\"]]}}", access["PolicyArn"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(scope.Length == 0 ? "cluster" : "namespace", (string?)access["AccessScope"]!["Type"]);
        Assert.Equal(scope, access["AccessScope"]!["Namespaces"]?.AsArray().Select(n => (string)n!) ?? []);
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "an sts session arn", "PrincipalArn" },
        { "a bare user name", "PrincipalArn" },
        { "cluster admin in namespaces", "Namespaces" },
        { "an upper-case namespace", "Namespaces[0]" },
        { "a second namespace too long", "Namespaces[1]" },
        { "an undefined policy", "Policy" },
        { "a cluster name with a dot", "ClusterName" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var good = new ClusterAccessEntryProps("existing", Devs, EksAccessPolicy.View, []);
        var props = bad switch
        {
            "an sts session arn" => good with { PrincipalArn = "arn:aws:sts::111122223333:assumed-role/devs/alice" },
            "a bare user name" => good with { PrincipalArn = "alice" },
            "cluster admin in namespaces" => good with { Policy = EksAccessPolicy.ClusterAdmin, Namespaces = ["team-a"] },
            "an upper-case namespace" => good with { Namespaces = ["Team-A"] },
            "a second namespace too long" => good with { Namespaces = ["team-a", new string('n', 64)] },
            "an undefined policy" => good with { Policy = (EksAccessPolicy)42 },
            "a cluster name with a dot" => good with { ClusterName = "team.eks" },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.Throws<ArgumentException>(() => new ClusterAccessEntry(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
    }

    /// <summary>The loader reports an entry's own rules at cluster.accessEntries[i].*, the construct throws the same sentences.</summary>
    [Theory]
    [InlineData("{ principalArn: \"arn:aws:sts::111122223333:assumed-role/devs/alice\", policy: view }", "principalArn", "PrincipalArn")]
    [InlineData("{ principalArn: \"arn:aws:iam::111122223333:role/devs\", policy: clusterAdmin, namespaces: [team-a] }", "namespaces", "Namespaces")]
    public void The_loader_and_the_construct_refuse_an_entry_in_the_same_words(string yaml, string field, string prop)
    {
        var issue = Assert.Single(
            TestSettings.Problems($"environment: t\nobservability: {{ alarmEmail: a@b.io }}\ncluster:\n  name: c\n  accessEntries:\n    - {yaml}\n"),
            i => i.Path == $"cluster.accessEntries[0].{field}");
        var props = field == "principalArn"
            ? new ClusterAccessEntryProps("c", "arn:aws:sts::111122223333:assumed-role/devs/alice", EksAccessPolicy.View, [])
            : new ClusterAccessEntryProps("c", Devs, EksAccessPolicy.ClusterAdmin, ["team-a"]);

        var error = Assert.Throws<ArgumentException>(() => new ClusterAccessEntry(ImportedCluster.EmptyStack(), "Bad", props));

        Assert.Equal(prop, error.ParamName);
        Assert.Contains(issue.Message, error.Message, StringComparison.Ordinal);
    }
}
