using System.Text.Json.Nodes;
using EksPlatform.Controllers;
using EksPlatform.Identity;
using EksPlatform.Preflight;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

/// <summary>
/// docs/architecture.md §6 (Identity): no Allow statement of any identity policy (IAM policies, managed policies, role inline
/// policies) grants a non-read action on Resource <c>*</c> without a condition, or uses Action <c>*</c> /
/// <c>service:*</c> / NotAction. The rule is the preflight's EKSP-009 check, run here over the synthesized templates,
/// so the test and the <c>plan</c> command cannot drift apart; the only exceptions are listed below.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LeastPrivilegeTests(PlatformFixture platform)
{
    private const string CheckId = "EKSP-009";

    /// <summary>
    /// The only accepted exceptions: the unconditioned write-on-<c>*</c> statements of the pinned official AWS Load
    /// Balancer Controller v3.5.0 policy, kept as published (docs/iam-policies.md §3, statements 3, 5, 10 and 16),
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

    /// <summary>
    /// What <c>plan</c> allowlists: the whole official policy, statement by statement, and the EC2 statement AWS documents
    /// for CodeBuild in a VPC (the installer's, docs/installer.md §3), which is the other accepted exception.
    /// </summary>
    private static readonly IReadOnlyList<AllowlistedIamStatement> s_officialPolicy = Cli.IamAllowlist.Statements;

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void No_identity_policy_allows_writes_on_every_resource_without_a_condition_nor_wildcard_actions(string env)
    {
        var synth = platform.Of(env);

        var result = Eksp009(synth, synth.Json, s_officialPolicy);

        Assert.True(result.Status == ComplianceStatus.Pass, string.Join("\n", result.Findings.Select(f => $"{f.LogicalId}: {f.Reason}")));
        // Exactly the four listed statements needed the allowlist on the load balancer controller's role, and the one
        // documented CodeBuild statement on the installer's policy.
        Assert.Equal(s_officialLoadBalancerControllerStatements.Length,
            result.Allowlisted.Count(a => a.LogicalId == OwnPolicy(synth.Json.AsObject(), LoadBalancerRole(synth))));
        var other = Assert.Single(result.Allowlisted, a => a.LogicalId != OwnPolicy(synth.Json.AsObject(), LoadBalancerRole(synth)));
        Assert.Equal(InstallerPolicy(synth), other.LogicalId);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void The_listed_statements_are_exactly_the_exceptions_and_each_is_still_needed(string env)
    {
        var synth = platform.Of(env);
        var withoutListed = s_officialPolicy.Where(a => !IsListed(a.Statement) && !a.Label.Contains("CodeBuild", StringComparison.Ordinal)).ToList();

        var result = Eksp009(synth, synth.Json, withoutListed);

        // Each listed statement matches one statement of the official policy, and without them exactly those fail,
        // with the installer's CodeBuild statement.
        Assert.Equal(s_officialPolicy.Count - s_officialLoadBalancerControllerStatements.Length - 1, withoutListed.Count);
        Assert.Equal(ComplianceStatus.Fail, result.Status);
        Assert.Equal(s_officialLoadBalancerControllerStatements.Length + 1, result.Findings.Count);
        Assert.Equal(s_officialLoadBalancerControllerStatements.Length,
            result.Findings.Count(f => f.LogicalId == OwnPolicy(synth.Json.AsObject(), LoadBalancerRole(synth))));
        Assert.Contains(result.Findings, f => f.LogicalId == InstallerPolicy(synth));
        Assert.Empty(result.Allowlisted);
    }

    [Fact]
    public void A_statement_widened_beyond_the_official_one_fails()
    {
        var synth = platform.Prod;
        var template = synth.Json.DeepClone().AsObject();
        var role = LoadBalancerRole(synth);
        var createSecurityGroup = Assert.Single(OwnStatements(template, role), s => s?["Action"] is JsonValue a && (string?)a == "ec2:CreateSecurityGroup")!;
        createSecurityGroup["Action"] = new JsonArray("ec2:CreateSecurityGroup", "iam:CreateUser");

        var result = Eksp009(synth, template, s_officialPolicy);

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(OwnPolicy(template, role), finding.LogicalId);
        Assert.Contains("iam:CreateUser", finding.Reason, StringComparison.Ordinal);
        Assert.Equal(s_officialLoadBalancerControllerStatements.Length - 1 + 1, result.Allowlisted.Count); // and the installer's
    }

    [Theory]
    [InlineData("""{ "Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*" }""", "ec2:TerminateInstances")]
    [InlineData("""{ "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/*" }""", "s3:*")]
    [InlineData("""{ "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }""", "NotAction")]
    public void A_bad_statement_on_another_role_fails(string statement, string named)
    {
        var synth = platform.Prod;
        var template = synth.Json.DeepClone().AsObject();
        var autoscaler = Assert.Single(IrsaTrust.All(synth), t => t.Subject == ControllerCatalog.ClusterAutoscaler.ServiceAccount.Subject).RoleId;
        OwnStatements(template, autoscaler).Add(JsonNode.Parse(statement));

        var result = Eksp009(synth, template, s_officialPolicy);

        Assert.Equal(ComplianceStatus.Fail, result.Status);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(OwnPolicy(template, autoscaler), finding.LogicalId);
        Assert.Contains(named, finding.Reason, StringComparison.Ordinal);
    }

    /// <summary>The preflight's EKSP-009 result for one synthesized template, with the given allowlist.</summary>
    private static ComplianceResult Eksp009(Synthesized synth, JsonObject template, IReadOnlyList<AllowlistedIamStatement> allowlist)
    {
        var stackName = synth.Stack.StackName;
        var assembly = new CloudAssembly("", [new StackTemplate(stackName, stackName, $"aws://unknown-account/{synth.Settings.Region.Name}", template)]);
        var report = PreflightAnalyzer.Analyze(assembly, PreflightOptions.Default with { IamAllowlist = allowlist });
        return Assert.Single(report.Compliance, c => c.Id == CheckId);
    }

    private static string InstallerPolicy(Synthesized synth) => (string)synth.Stack.Resolve(synth.Stack.Installer!.Permissions.LogicalId);

    private static string LoadBalancerRole(Synthesized synth) =>
        Assert.Single(IrsaTrust.All(synth), t => t.Subject == ControllerCatalog.AwsLoadBalancerController.ServiceAccount.Subject).RoleId;

    /// <summary>Whether an official statement is one of the listed exceptions (same actions, any order).</summary>
    private static bool IsListed(JsonObject statement)
    {
        var actions = statement["Action"] switch
        {
            JsonArray list => list.Select(a => (string)a!).ToArray(),
            var single => [(string)single!],
        };
        return s_officialLoadBalancerControllerStatements.Any(
            listed => listed.Order(StringComparer.Ordinal).SequenceEqual(actions.Order(StringComparer.Ordinal)));
    }

    /// <summary>The statements of a role's own managed policy in <paramref name="template"/>.</summary>
    private static JsonArray OwnStatements(JsonObject template, string roleId) =>
        template["Resources"]![OwnPolicy(template, roleId)]!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();

    private static string OwnPolicy(JsonObject template, string roleId) =>
        ControllerRolesTests.OwnPolicyId(template["Resources"]![roleId]!["Properties"]!);
}
