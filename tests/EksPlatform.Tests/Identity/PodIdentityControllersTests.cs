using System.Text.Json.Nodes;
using EksPlatform.Cluster;
using EksPlatform.Controllers;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

/// <summary>
/// <c>identity: podIdentity</c> per controller (docs/karpenter.md §9): the controller's role trusts EKS Pod Identity and has
/// an association (or the add-on's own), no IRSA trust; with every controller on Pod Identity the IAM OIDC provider and its
/// output are gone unless <c>cluster.oidcProvider: true</c> keeps them.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PodIdentityControllersTests(PlatformFixture platform)
{
    private const string Base = "environment: test\ncluster:\n  name: test-cluster\nobservability: { alarmEmail: oncall@example.com }\n";

    [Fact]
    public void A_controller_switched_to_pod_identity_has_an_association_and_no_irsa_trust_while_the_others_keep_irsa()
    {
        var synth = new Synthesized(TestSettings.Yaml(Base + "controllers:\n  externalSecrets: { identity: podIdentity }\n"));
        var role = synth.Stack.Controllers.RoleOf(ControllerCatalog.ExternalSecrets)!;
        var roleId = (string)synth.Stack.Resolve(role.Resource.LogicalId);

        Assert.Equal(ControllerIdentity.PodIdentity, role.Identity);
        var association = Assert.Single(synth.Resources("AWS::EKS::PodIdentityAssociation")).Resource["Properties"]!;
        Assert.Equal(roleId, Synthesized.RefId(association["RoleArn"]));
        Assert.Equal("external-secrets", (string?)association["Namespace"]);
        Assert.Equal("external-secrets", (string?)association["ServiceAccount"]);
        var trust = synth.Properties(roleId)["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();
        Assert.All(trust, s =>
        {
            Assert.Equal("pods.eks.amazonaws.com", (string?)s!["Principal"]!["Service"]);
            Assert.Equal("external-secrets", (string?)s["Condition"]!["StringEquals"]!["aws:RequestTag/kubernetes-service-account"]);
        });
        Assert.DoesNotContain(IrsaTrust.All(synth), t => t.RoleId == roleId);
        // The other controllers stay on IRSA, so the provider stays.
        Assert.Single(synth.Resources("AWS::IAM::OIDCProvider"));
        Assert.Contains(IrsaTrust.All(synth), t => t.Subject == ControllerCatalog.AwsLoadBalancerController.ServiceAccount.Subject);
        Assert.Equal("EKS Pod Identity role of external-secrets (external-secrets/external-secrets)",
            (string?)synth.Json["Outputs"]![ControllerCatalog.ExternalSecrets.RoleOutputKey]!["Description"]);
    }

    [Fact]
    public void With_every_controller_on_pod_identity_there_is_no_oidc_provider_and_no_irsa_trust()
    {
        var synth = platform.Karpenter;

        Assert.Empty(synth.Resources("AWS::IAM::OIDCProvider"));
        Assert.Empty(IrsaTrust.All(synth));
        Assert.False(synth.Stack.Controllers.UseIrsa);
        Assert.Null(synth.Json["Outputs"]!["OidcProviderArn"]);
        Assert.NotNull(synth.Json["Outputs"]!["OidcIssuerUrl"]);
        Assert.Null(synth.Stack.Cluster.OidcProvider);
        Assert.Throws<InvalidOperationException>(() => synth.Stack.Cluster.OidcProviderArn);
        Assert.DoesNotContain(synth.Resources("AWS::IAM::Role"),
            r => r.Resource["Properties"]!["AssumeRolePolicyDocument"]!.ToJsonString().Contains("AssumeRoleWithWebIdentity", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vpc-cni", "aws-node")]
    [InlineData("aws-ebs-csi-driver", "ebs-csi-controller-sa")]
    public void A_managed_add_on_on_pod_identity_owns_its_association_and_waits_for_the_agent(string addonName, string serviceAccount)
    {
        var synth = platform.Karpenter;
        var (addonId, addon) = Assert.Single(synth.Resources("AWS::EKS::Addon"), a => (string?)a.Resource["Properties"]!["AddonName"] == addonName);
        var agentId = Assert.Single(synth.Resources("AWS::EKS::Addon"),
            a => (string?)a.Resource["Properties"]!["AddonName"] == CoreAddons.PodIdentityAgent).Id;

        var properties = addon["Properties"]!;
        Assert.Null(properties["ServiceAccountRoleArn"]);
        var association = Assert.Single(properties["PodIdentityAssociations"]!.AsArray())!;
        Assert.Equal(serviceAccount, (string?)association["ServiceAccount"]);
        var roleId = Synthesized.RefId(association["RoleArn"]);
        Assert.Equal("pods.eks.amazonaws.com", (string?)synth.Properties(roleId)["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
        // No separate association: the add-on's own would collide with it.
        Assert.DoesNotContain(synth.Resources("AWS::EKS::PodIdentityAssociation"),
            a => Synthesized.RefId(a.Resource["Properties"]!["RoleArn"]) == roleId);
        Assert.Contains(agentId, addon["DependsOn"]!.AsArray().Select(d => (string)d!));
        Assert.NotEqual(addonId, agentId);
    }

    [Fact]
    public void Cluster_oidc_provider_true_keeps_the_provider_for_irsa_roles_of_your_own()
    {
        var synth = new Synthesized(TestSettings.Yaml(
            "environment: test\ncluster:\n  name: test-cluster\n  oidcProvider: true\nobservability: { alarmEmail: oncall@example.com }\n" +
            "controllers: { identity: podIdentity }\n"));

        Assert.Single(synth.Resources("AWS::IAM::OIDCProvider"));
        Assert.NotNull(synth.Json["Outputs"]!["OidcProviderArn"]);
        Assert.Empty(IrsaTrust.All(synth));
    }

    [Fact]
    public void The_pod_identity_roles_pass_the_preflight_role_check()
    {
        var synth = platform.Karpenter;
        var stackName = synth.Stack.StackName;
        var assembly = new Preflight.CloudAssembly("", [new Preflight.StackTemplate(stackName, stackName, "aws://unknown-account/us-east-1",
            (JsonObject)synth.Json.DeepClone())]);

        var report = Preflight.PreflightAnalyzer.Analyze(assembly, Preflight.PreflightOptions.Default);

        var eksp006 = Assert.Single(report.Compliance, c => c.Id == "EKSP-006");
        Assert.True(eksp006.Status == Preflight.ComplianceStatus.Pass, string.Join("; ", eksp006.Findings.Select(f => f.Reason)));
        Assert.Equal(Preflight.ComplianceStatus.Pass, Assert.Single(report.Compliance, c => c.Id == "EKSP-010").Status);
    }
}
