using Learning.Modularity;

namespace Learning.UnitTests.Modularity;

public sealed class ModuleCatalogTests
{
    private static readonly System.Reflection.Assembly[] Installed =
    [
        typeof(Learning.Organization.Startup).Assembly,
        typeof(Learning.Users.Startup).Assembly,
        typeof(Learning.Recipes.Startup).Assembly,
        typeof(Learning.Web.WebStrings).Assembly,
    ];

    [Fact]
    public void FromAssemblies_OrdersDependenciesFirst()
    {
        var catalog = ModuleCatalog.FromAssemblies(Installed, new HashSet<string>());
        var names = catalog.Modules.Select(m => m.Name).ToList();

        Assert.True(names.IndexOf("Learning.Users") < names.IndexOf("Learning.Organization"));
        Assert.All(catalog.Modules, m => Assert.NotNull(m.StartupType));
    }

    [Fact]
    public void FromAssemblies_DisabledModule_IsKnownButNotEnabled()
    {
        var catalog = ModuleCatalog.FromAssemblies(Installed, new HashSet<string> { "Learning.Organization" });

        var organization = Assert.Single(catalog.Modules, m => m.Name == "Learning.Organization");
        Assert.False(organization.Enabled);
        Assert.DoesNotContain(catalog.EnabledModules, m => m.Name == "Learning.Organization");
        Assert.Contains(organization.Assembly, catalog.ModelAssemblies);
    }

    [Fact]
    public void FromAssemblies_AlwaysEnabledModule_CannotBeDisabled()
    {
        var catalog = ModuleCatalog.FromAssemblies(Installed, new HashSet<string> { "Learning.Users" });

        Assert.True(catalog.Modules.Single(m => m.Name == "Learning.Users").Enabled);
    }

    [Fact]
    public void Discover_FindsModulesAndBothThemesNextToTheHost()
    {
        var catalog = ModuleCatalog.Discover(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        Assert.Contains(catalog.Modules, m => m.Name == "Learning.Organization");
        Assert.Contains(catalog.Themes, t => t.Name == "Learning.Theme.Default" && !t.Manifest.IsAdmin);
        Assert.Contains(catalog.Themes, t => t.Name == "Learning.Theme.Admin" && t.Manifest.IsAdmin);
    }
}
