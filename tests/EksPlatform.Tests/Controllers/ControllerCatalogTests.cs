using EksPlatform.Controllers;
using EksPlatform.Tests.Support;

namespace EksPlatform.Tests.Controllers;

/// <summary>
/// Every <see cref="ControllerId"/> is in the catalog once, and every per-controller switch (enabled, IRSA role,
/// cdk-nag suppressions, Helm values, install note) has a case for it: each switch throws on an id it does not name,
/// so running all controllers through all of them is the check that none is missing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ControllerCatalogTests(PlatformFixture platform)
{
    [Fact]
    public void Every_controller_id_has_exactly_one_catalog_entry()
    {
        Assert.Equal(Enum.GetValues<ControllerId>().Order(), ControllerCatalog.All.Select(c => c.Id).Order());
    }

    [Fact]
    public void Every_switch_handles_every_controller()
    {
        // prod turns every controller on: Enabled, the role switch and the suppression switch all ran for each.
        var prod = platform.Prod;
        Assert.Equal(Enum.GetValues<ControllerId>().Order(), ControllerCatalog.Enabled(prod.Settings.Controllers).Select(c => c.Id).Order());
        Assert.Equal(Enum.GetValues<ControllerId>().Order(), prod.Stack.Controllers.Roles.Keys.Order());

        // The Helm values and install note switches ran for every chart-installed controller.
        var bundle = AddonsRenderer.Render(prod.Settings, null);
        var charts = ControllerCatalog.All.Where(c => c.Chart is not null).ToArray();
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.Contains(bundle.Files, f => f.Name == AddonsRenderer.ValuesFileName(c)));
        var script = Assert.Single(bundle.Files, f => f.Name == AddonsRenderer.InstallScriptName).Content;
        Assert.All(charts, c => Assert.Contains($"-f {AddonsRenderer.ValuesFileName(c)} --wait", script, StringComparison.Ordinal));
    }

    [Fact]
    public void An_id_without_a_case_is_an_error_that_names_it()
    {
        var error = ControllerCatalog.Unhandled((ControllerId)99, "SomeSwitch");

        Assert.Contains("controller 99 has no case in SomeSwitch", error.Message, StringComparison.Ordinal);
    }
}
