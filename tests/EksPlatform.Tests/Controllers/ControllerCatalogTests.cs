using EksPlatform.Controllers;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Controllers;

/// <summary>
/// The catalog: each controller once, with names, construct ids, output keys and service accounts of its own, and
/// every one of them turned into a role and an output when the settings turn it on.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ControllerCatalogTests(PlatformFixture platform)
{
    public static TheoryData<string, Func<Controller, string>> Keys => new()
    {
        { "name", c => c.Name },
        { "construct id", c => c.ConstructId },
        { "role output key", c => c.RoleOutputKey },
        { "service account", c => c.ServiceAccount.Subject },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_controller_is_distinct_by(string what, Func<Controller, string> key)
    {
        var duplicates = ControllerCatalog.All.GroupBy(key).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();

        Assert.True(duplicates.Length == 0, $"controllers share a {what}: {string.Join(", ", duplicates)}");
    }

    [Fact]
    public void Prod_turns_every_controller_but_karpenter_on_and_each_has_its_role_and_output()
    {
        var prod = platform.Prod;
        var outputs = prod.Json["Outputs"]!.AsObject();
        var expected = ControllerCatalog.All.Where(c => c != ControllerCatalog.Karpenter).ToArray();

        Assert.Equal(expected, ControllerCatalog.Enabled(prod.Settings.Controllers));
        Assert.Equal(expected.ToHashSet(), prod.Stack.Controllers.Roles.Keys.ToHashSet());
        Assert.All(expected, c => Assert.NotNull(outputs[c.RoleOutputKey]));
        Assert.Null(outputs[ControllerCatalog.Karpenter.RoleOutputKey]);
    }

    [Fact]
    public void Karpenter_mode_turns_karpenter_on_instead_of_cluster_autoscaler()
    {
        var settings = TestSettings.Yaml(TestSettings.Minimal + "\nautoscaling:\n  mode: karpenter\n");

        var enabled = ControllerCatalog.Enabled(settings.Controllers);

        Assert.Contains(ControllerCatalog.Karpenter, enabled);
        Assert.DoesNotContain(ControllerCatalog.ClusterAutoscaler, enabled);
        Assert.Equal(ControllerCatalog.All.Count - 1, enabled.Count);
    }

    [Fact]
    public void Add_on_roles_have_no_chart_and_asking_for_their_values_is_an_error()
    {
        var addOns = ControllerCatalog.All.Where(c => c.Chart is null).ToArray();

        Assert.Equal([ControllerCatalog.VpcCni, ControllerCatalog.EbsCsiDriver], addOns);
        Assert.All(addOns, c => Assert.Throws<InvalidOperationException>(
            () => c.ChartValues(new ChartValuesContext(platform.Prod.Settings, "arn", (_, what) => what))));
    }
}
