using EksPlatform.Controllers;
using EksPlatform.Identity;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

[Collection(PlatformCollection.Name)]
public sealed class IrsaRoleTests(PlatformFixture platform)
{
    public static TheoryData<string, string> Controllers => new()
    {
        { "prod", nameof(ControllerCatalog.VpcCni) },
        { "prod", nameof(ControllerCatalog.EbsCsiDriver) },
        { "prod", nameof(ControllerCatalog.ClusterAutoscaler) },
        { "prod", nameof(ControllerCatalog.AwsLoadBalancerController) },
        { "prod", nameof(ControllerCatalog.ExternalSecrets) },
        { "dev", nameof(ControllerCatalog.ExternalSecrets) },
        { "dev", nameof(ControllerCatalog.VpcCni) },
    };

    [Theory]
    [MemberData(nameof(Controllers))]
    public void Each_controller_has_one_role_trusted_only_by_its_service_account_with_exact_sub_and_aud(string env, string controller)
    {
        var spec = Spec(controller);

        var trust = Assert.Single(IrsaTrust.All(platform.Of(env)), t => t.Subject == spec.ServiceAccount.Subject);

        Assert.Equal("sts.amazonaws.com", trust.Audience);
        Assert.Equal([$"{IrsaTrust.IssuerMarker}:aud", $"{IrsaTrust.IssuerMarker}:sub"],
            trust.ExactConditions.Select(k => k.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["StringEquals"], trust.Grant["Condition"]!.AsObject().Select(c => c.Key));
        Assert.Equal("Allow", (string?)trust.Grant["Effect"]);
        Assert.Equal("sts:AssumeRoleWithWebIdentity", (string?)trust.Grant["Action"]);
        Assert.Equal(IrsaTrust.ProviderMarker, (string?)trust.Grant["Principal"]!["Federated"]);
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("dev")]
    public void Trust_documents_are_built_at_deploy_time_from_the_cluster_issuer_and_the_oidc_provider(string env)
    {
        var synth = platform.Of(env);
        var clusterId = Assert.Single(synth.Resources("AWS::EKS::Cluster")).Id;
        var providerId = Assert.Single(synth.Resources("AWS::IAM::OIDCProvider")).Id;

        var trusts = IrsaTrust.All(synth);

        var enabled = ControllerCatalog.Enabled(synth.Settings.Controllers);
        Assert.Equal(enabled.Count, trusts.Count(t => enabled.Any(c => c.ServiceAccount.Subject == t.Subject)));
        Assert.All(trusts, t =>
        {
            // Fn::Select(1, Fn::Split("//", <cluster>.OpenIdConnectIssuerUrl)): the issuer without https://.
            var select = t.Variables["Issuer"]!["Fn::Select"]!.AsArray();
            Assert.Equal(1, (int)select[0]!);
            var split = select[1]!["Fn::Split"]!.AsArray();
            Assert.Equal("//", (string?)split[0]);
            Assert.Equal(clusterId, Synthesized.RefId(split[1]));
            Assert.Equal("OpenIdConnectIssuerUrl", (string?)split[1]!["Fn::GetAtt"]![1]);
            Assert.Equal(providerId, Synthesized.RefId(t.Variables["ProviderArn"]));
            Assert.Equal("Arn", (string?)t.Variables["ProviderArn"]!["Fn::GetAtt"]![1]);
        });
        Assert.DoesNotContain(synth.Json["Resources"]!.AsObject(), r => ((string?)r.Value!["Type"])!.StartsWith("Custom::", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(ControllerCatalog.ClusterAutoscaler), "system:serviceaccount:kube-system:cluster-autoscaler")]
    [InlineData(nameof(ControllerCatalog.AwsLoadBalancerController), "system:serviceaccount:kube-system:aws-load-balancer-controller")]
    [InlineData(nameof(ControllerCatalog.ExternalSecrets), "system:serviceaccount:external-secrets:external-secrets")]
    [InlineData(nameof(ControllerCatalog.EbsCsiDriver), "system:serviceaccount:kube-system:ebs-csi-controller-sa")]
    [InlineData(nameof(ControllerCatalog.VpcCni), "system:serviceaccount:kube-system:aws-node")]
    public void The_catalog_pins_the_service_accounts_the_add_ons_and_chart_docs_use(string controller, string subject)
    {
        // EKS creates the add-ons' accounts with these names; the charts' docs install into these namespaces.
        Assert.Equal(subject, Spec(controller).ServiceAccount.Subject);
    }

    [Theory]
    [InlineData("Kube-System", "sa")]
    [InlineData("kube-system", "sa\"}")]
    [InlineData("kube-system", "${Issuer}")]
    [InlineData("", "sa")]
    public void A_service_account_outside_kubernetes_naming_rules_is_refused(string ns, string name)
    {
        var error = Assert.Throws<ArgumentException>(() => IrsaRole.TrustPolicyText(new ServiceAccountRef(ns, name)));

        Assert.Contains("not a valid Kubernetes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trust_text_names_only_the_two_substitutions()
    {
        var text = IrsaRole.TrustPolicyText(ControllerCatalog.ExternalSecrets.ServiceAccount);

        var substitutions = System.Text.RegularExpressions.Regex.Matches(text, @"\$\{([^}]+)\}")
            .Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["Issuer", "ProviderArn"], substitutions);
        Assert.Contains("\"system:serviceaccount:external-secrets:external-secrets\"", text, StringComparison.Ordinal);
    }

    private static Controller Spec(string name) => ControllerCatalog.All.Single(c => c.ConstructId == name);
}
