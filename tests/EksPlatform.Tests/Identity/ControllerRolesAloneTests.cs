using System.Collections.Immutable;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using EksPlatform.Controllers;
using EksPlatform.Identity;
using EksPlatform.Settings;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Identity;

/// <summary><see cref="ControllerRoles"/> built alone for an existing cluster, in an imported VPC with an imported key.</summary>
public sealed class ControllerRolesAloneTests
{
    private static readonly ControllerSettings s_settings = new()
    {
        Switches = ImmutableSortedDictionary<string, bool>.Empty.Add("awsLoadBalancerController", false),
        ExternalSecrets = new ExternalSecretsSettings { NamePrefix = "team-a/" },
    };

    [Fact]
    public void Each_enabled_controller_gets_a_role_trusting_the_existing_clusters_provider_for_its_service_account()
    {
        var stack = ImportedCluster.EmptyStack();
        var controllers = new ControllerRoles(stack, "Controllers", Props(stack, s_settings));

        var template = StackJson.Of(stack);

        Assert.Equal(["aws-ebs-csi-driver", "cluster-autoscaler", "external-secrets", "vpc-cni"],
            controllers.Roles.Keys.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Null(controllers.RoleOf(ControllerCatalog.AwsLoadBalancerController));
        var roles = template.Resources("AWS::IAM::Role").Select(r => r.Resource["Properties"]!["AssumeRolePolicyDocument"]!["Fn::Sub"]!.AsArray()).ToArray();
        Assert.Equal(4, roles.Length);
        Assert.All(roles, sub => Assert.Equal(ImportedCluster.Attributes.OidcProviderArn, (string?)sub[1]!["ProviderArn"]));
        Assert.Contains(roles, sub => ((string)sub[0]!).Contains("system:serviceaccount:external-secrets:external-secrets", StringComparison.Ordinal));
        // The operator reads only what lies under its prefix.
        var reads = template.Resources("AWS::IAM::ManagedPolicy").SelectMany(p => p.Resource["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray())
            .Single(s => (string?)s!["Sid"] == "ReadSecretsUnderPrefix")!;
        Assert.EndsWith(":secret:team-a/*\"]]}", reads["Resource"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_external_secrets_operator_needs_no_prefix()
    {
        var stack = ImportedCluster.EmptyStack();

        var controllers = new ControllerRoles(stack, "Controllers", Props(stack, s_settings with
        {
            Switches = s_settings.Switches.Add("externalSecrets", false),
            ExternalSecrets = new ExternalSecretsSettings { NamePrefix = "" },
        }));

        Assert.Null(controllers.RoleOf(ControllerCatalog.ExternalSecrets));
    }

    public static TheoryData<string, string> BadProps => new()
    {
        { "an empty name prefix", "Settings.ExternalSecrets.NamePrefix" },
        { "a name prefix without its slash", "Settings.ExternalSecrets.NamePrefix" },
        { "a name prefix with a wildcard", "Settings.ExternalSecrets.NamePrefix" },
        { "a name prefix ssm reserves", "Settings.ExternalSecrets.NamePrefix" },
        { "an ebs version while ebs is off", "Settings.EbsCsiDriver.AddonVersion" },
        { "an ebs version that is not an add-on version", "Settings.EbsCsiDriver.AddonVersion" },
    };

    [Theory]
    [MemberData(nameof(BadProps))]
    public void Bad_props_throw_with_the_props_name(string bad, string prop)
    {
        ControllerSettings Prefix(string prefix) => s_settings with { ExternalSecrets = s_settings.ExternalSecrets with { NamePrefix = prefix } };
        var settings = bad switch
        {
            "an empty name prefix" => Prefix(""),
            "a name prefix without its slash" => Prefix("team-a"),
            "a name prefix with a wildcard" => Prefix("team/*/"),
            "a name prefix ssm reserves" => Prefix("aws-team/"),
            "an ebs version while ebs is off" => s_settings with
            {
                Switches = s_settings.Switches.Add("ebsCsiDriver", false),
                EbsCsiDriver = new EbsCsiDriverSettings { AddonVersion = "v1.40.0-eksbuild.1" },
            },
            "an ebs version that is not an add-on version" => s_settings with { EbsCsiDriver = new EbsCsiDriverSettings { AddonVersion = "1.40" } },
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.Throws<ArgumentException>(() => new ControllerRoles(stack, "Bad", Props(stack, settings)));

        Assert.Equal(prop, error.ParamName);
        Assert.Empty(stack.Node.FindAll().OfType<Amazon.CDK.AWS.IAM.CfnRole>()); // refused before any role exists
    }

    /// <summary>The loader reports the controllers' own rules at controllers.*, the construct throws the same sentences.</summary>
    [Theory]
    [InlineData("externalSecrets:\n    namePrefix: aws-prod/", "externalSecrets.namePrefix")]
    [InlineData("ebsCsiDriver:\n    enabled: false\n    addonVersion: v1.40.0-eksbuild.1", "ebsCsiDriver.addonVersion")]
    public void The_loader_and_the_construct_refuse_controllers_in_the_same_words(string yaml, string field)
    {
        var issue = Assert.Single(TestSettings.Problems(TestSettings.Minimal + $"\ncontrollers:\n  {yaml}\n"), i => i.Path == $"controllers.{field}");
        var settings = field == "ebsCsiDriver.addonVersion"
            ? s_settings with
            {
                Switches = s_settings.Switches.Add("ebsCsiDriver", false),
                EbsCsiDriver = new EbsCsiDriverSettings { AddonVersion = "v1.40.0-eksbuild.1" },
            }
            : s_settings with { ExternalSecrets = s_settings.ExternalSecrets with { NamePrefix = "aws-prod/" } };
        var stack = ImportedCluster.EmptyStack();

        var error = Assert.Throws<ArgumentException>(() => new ControllerRoles(stack, "Bad", Props(stack, settings)));

        Assert.Contains(issue.Message, error.Message, StringComparison.Ordinal);
    }

    private static ControllerRolesProps Props(Stack stack, ControllerSettings settings) => new(
        ImportedCluster.Attributes,
        settings,
        Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes
        {
            VpcId = "vpc-0123456789abcdef0",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            PrivateSubnetIds = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
        }),
        Key.FromKeyArn(stack, "Ebs", StackJson.KeyArn("ebs")));
}
