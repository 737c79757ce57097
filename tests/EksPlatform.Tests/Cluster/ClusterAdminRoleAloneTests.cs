using EksPlatform.Cluster;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Cluster;

/// <summary><see cref="ClusterAdminRole"/> built alone for an existing cluster, from its name and ARN.</summary>
public sealed class ClusterAdminRoleAloneTests
{
    private const string Admins = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_PlatformAdmins_0123456789abcdef";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_role_trusts_the_account_narrowed_to_the_listed_principals_and_may_describe_only_this_cluster(bool listed)
    {
        var stack = ImportedCluster.EmptyStack();
        _ = new ClusterAdminRole(stack, "Admin", new ClusterAdminRoleProps("existing", ImportedCluster.Attributes.ClusterArn, listed ? [Admins] : []));

        var template = StackJson.Of(stack);

        var role = template.Single("AWS::IAM::Role");
        var trust = Assert.Single(role["AssumeRolePolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Contains(":iam::111122223333:root", trust["Principal"]!["AWS"]!.ToJsonString(), StringComparison.Ordinal);
        if (listed)
        {
            Assert.Equal([Admins], trust["Condition"]!["ArnLike"]!["aws:PrincipalArn"]!.AsArray().Select(a => (string)a!));
        }
        else
        {
            Assert.Null(trust["Condition"]);
        }

        Assert.Contains("existing", (string?)role["Description"], StringComparison.Ordinal);
        var (policyId, policy) = Assert.Single(template.Resources("AWS::IAM::ManagedPolicy"));
        var statement = Assert.Single(policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal("eks:DescribeCluster", (string?)statement["Action"]);
        Assert.Equal(ImportedCluster.Attributes.ClusterArn, (string?)statement["Resource"]);
        Assert.Equal(policyId, Synthesized.RefId(Assert.Single(role["ManagedPolicyArns"]!.AsArray())));
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "a cluster name with a dot", "ClusterName" },
        { "another cluster's arn", "ClusterArn" },
        { "no arn at all", "ClusterArn" },
        { "an sts session arn", "AssumableBy" },
        { "a bare user name", "AssumableBy" },
        { "a role of the wrong partition form", "AssumableBy" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        var good = new ClusterAdminRoleProps("existing", ImportedCluster.Attributes.ClusterArn, [Admins]);
        var props = bad switch
        {
            "a cluster name with a dot" => good with { ClusterName = "team.eks" },
            "another cluster's arn" => good with { ClusterArn = "arn:aws:eks:eu-west-1:111122223333:cluster/other" },
            "no arn at all" => good with { ClusterArn = "existing" },
            "an sts session arn" => good with { AssumableBy = [Admins, "arn:aws:sts::111122223333:assumed-role/admins/alice"] },
            "a bare user name" => good with { AssumableBy = ["alice"] },
            "a role of the wrong partition form" => good with { AssumableBy = ["arn:aws-iso:iam::111122223333:role/admins"] },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.Throws<ArgumentException>(() => new ClusterAdminRole(stack, "Bad", props));

        Assert.Equal(prop, error.ParamName);
    }
}
