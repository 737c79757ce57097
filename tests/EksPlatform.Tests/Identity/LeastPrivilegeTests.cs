using System.Text.Json.Nodes;
using EksPlatform.Controllers;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

/// <summary>
/// design.md §3 Identity: no statement grants a write action on <c>*</c> without a condition, and no statement
/// allows every action of a service. Checked over every identity policy of the synthesized templates.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LeastPrivilegeTests(PlatformFixture platform)
{
    /// <summary>
    /// The only accepted exceptions: the unconditioned write-on-<c>*</c> statements of the pinned official AWS Load
    /// Balancer Controller v3.5.0 policy, kept as published (shared/reference.md §1.2, statements 3, 5, 10 and 16),
    /// and only on that controller's role. Statement 4 is not here: the platform scopes it to its VPC.
    /// </summary>
    private static readonly string[][] s_officialLoadBalancerControllerStatements =
    [
        [
            "cognito-idp:DescribeUserPoolClient", "acm:ListCertificates", "acm:DescribeCertificate", "iam:ListServerCertificates",
            "iam:GetServerCertificate", "waf-regional:GetWebACL", "waf-regional:GetWebACLForResource", "waf-regional:AssociateWebACL",
            "waf-regional:DisassociateWebACL", "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "wafv2:AssociateWebACL",
            "wafv2:DisassociateWebACL", "shield:GetSubscriptionState", "shield:DescribeProtection", "shield:CreateProtection",
            "shield:DeleteProtection",
        ],
        ["ec2:CreateSecurityGroup"],
        ["elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule"],
        [
            "elasticloadbalancing:SetWebAcl", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddListenerCertificates",
            "elasticloadbalancing:RemoveListenerCertificates", "elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities",
        ],
    ];

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void No_identity_policy_allows_writes_on_every_resource_without_a_condition_nor_wildcard_actions(string env)
    {
        var synth = platform.Of(env);
        var loadBalancerRole = Assert.Single(IrsaTrust.All(synth), t => t.Subject == ControllerCatalog.AwsLoadBalancerController.ServiceAccount.Subject).RoleId;
        var problems = new List<string>();
        var exceptionsUsed = new HashSet<int>();

        var statements = IdentityStatements(synth).ToList();
        foreach (var (where, roles, statement) in statements)
        {
            var problem = Problem(statement);
            if (problem is null)
            {
                continue;
            }

            var actions = Actions(statement).Order(StringComparer.Ordinal).ToArray();
            var exception = Array.FindIndex(s_officialLoadBalancerControllerStatements, e => e.Order(StringComparer.Ordinal).SequenceEqual(actions));
            if (exception >= 0 && roles.SequenceEqual([loadBalancerRole]) && problem.StartsWith("writes", StringComparison.Ordinal))
            {
                exceptionsUsed.Add(exception);
                continue;
            }

            problems.Add($"{where}: {problem}: {statement.ToJsonString()}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The reader sees the role inline policies: all 16 statements of the load balancer controller's policy.
        Assert.Equal(16, statements.Count(s => s.Roles.SequenceEqual([loadBalancerRole])));
        // Each exception is still needed: the list cannot outlive the policy it excuses.
        Assert.Equal(Enumerable.Range(0, s_officialLoadBalancerControllerStatements.Length), exceptionsUsed.Order());
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":"ec2:TerminateInstances","Resource":"*"}""", "writes")]
    [InlineData("""{"Effect":"Allow","Action":["ec2:DescribeInstances","ec2:DeleteVolume"],"Resource":["arn:x","*"]}""", "writes")]
    [InlineData("""{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}""", "wildcard")]
    [InlineData("""{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}""", "wildcard")]
    [InlineData("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""", "NotAction")]
    [InlineData("""{"Effect":"Allow","Action":"ec2:DeleteVolume","NotResource":"arn:x"}""", "writes")]
    public void The_check_catches_what_it_is_meant_to(string statement, string expected)
    {
        Assert.StartsWith(expected, Problem(JsonNode.Parse(statement)!.AsObject()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"Effect":"Allow","Action":["ec2:DescribeInstances","autoscaling:GetX","s3:ListBucket"],"Resource":"*"}""")]
    [InlineData("""{"Effect":"Allow","Action":"ec2:DeleteVolume","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/a":"b"}}}""")]
    [InlineData("""{"Effect":"Allow","Action":"ec2:DeleteVolume","Resource":{"Fn::GetAtt":["V","Arn"]}}""")]
    [InlineData("""{"Effect":"Deny","Action":"*","Resource":"*"}""")]
    public void The_check_accepts_reads_conditions_and_named_resources(string statement)
    {
        Assert.Null(Problem(JsonNode.Parse(statement)!.AsObject()));
    }

    /// <summary>What is wrong with a statement, or null.</summary>
    private static string? Problem(JsonObject statement)
    {
        if ((string?)statement["Effect"] != "Allow")
        {
            return null;
        }

        if (statement["NotAction"] is not null)
        {
            return "NotAction allows every action but the listed ones";
        }

        var actions = Actions(statement);
        var wildcards = actions.Where(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal)).ToArray();
        if (wildcards.Length > 0)
        {
            return $"wildcard action {string.Join(", ", wildcards)}";
        }

        var onEverything = statement["NotResource"] is not null || Values(statement["Resource"]).Any(r => r is JsonValue v && (string?)v == "*");
        var writes = actions.Where(a => !IsRead(a)).ToArray();
        return onEverything && statement["Condition"] is null && writes.Length > 0
            ? $"writes {string.Join(", ", writes)} on Resource * without a Condition"
            : null;
    }

    private static bool IsRead(string action)
    {
        var name = action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return name.StartsWith("Describe", StringComparison.Ordinal) || name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("List", StringComparison.Ordinal);
    }

    private static string[] Actions(JsonObject statement) =>
        Values(statement["Action"]).Select(a => (string?)a ?? throw new InvalidOperationException($"action is not text: {a?.ToJsonString()}")).ToArray();

    private static JsonNode?[] Values(JsonNode? node) => node switch
    {
        JsonArray array => [.. array],
        null => [],
        _ => [node],
    };

    /// <summary>Every statement of every identity policy: AWS::IAM::Policy, AWS::IAM::ManagedPolicy, role inline policies.</summary>
    private static IEnumerable<(string Where, IReadOnlyList<string> Roles, JsonObject Statement)> IdentityStatements(Synthesized synth)
    {
        foreach (var (id, resource) in synth.Json["Resources"]!.AsObject().Select(r => (r.Key, r.Value!.AsObject())))
        {
            var type = (string?)resource["Type"];
            var properties = resource["Properties"];
            IEnumerable<(string Where, string[] Roles, JsonNode? Document)> documents = type switch
            {
                "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy" =>
                    [(id, Values(properties!["Roles"]).Select(Synthesized.RefId).ToArray(), properties!["PolicyDocument"])],
                "AWS::IAM::Role" => Values(properties!["Policies"])
                    .Select(p => ($"{id} inline {(string?)p!["PolicyName"]}", new[] { id }, p!["PolicyDocument"])),
                _ => [],
            };
            foreach (var (where, roles, document) in documents)
            {
                Assert.True(document is JsonObject, $"{where}: policy document is not a plain object: {document?.ToJsonString()}");
                foreach (var statement in Values(document!["Statement"]))
                {
                    yield return (where, roles, statement!.AsObject());
                }
            }
        }
    }
}
