using System.Reflection;
using System.Xml.Linq;
using Learning.Modularity;
using Microsoft.Extensions.Configuration;

namespace Learning.ArchitectureTests;

/// <summary>
/// Modules talk through abstractions (Learning.Modularity, a module's *.Abstractions) and events, never through each other's
/// internals (kgrzybek's modular monolith, ArchTests/Modules/ModuleTests.cs). Checked twice: compiled references and project files.
/// </summary>
public sealed class ModuleBoundaryTests
{
    internal static readonly ModuleCatalog Catalog = ModuleCatalog.Discover(new ConfigurationBuilder().Build());

    internal static readonly HashSet<string> ModuleNames = Catalog.Modules.Select(m => m.Assembly.GetName().Name!).ToHashSet();

    public static TheoryData<string> Modules()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModuleNames.Order())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_DoesNotReferenceAnotherModule(string module)
    {
        var assembly = Catalog.Modules.Single(m => m.Assembly.GetName().Name == module).Assembly;
        var offending = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => ModuleNames.Contains(n) && n != module).ToList();

        Assert.Empty(offending);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void ModuleProject_HasNoProjectReferenceToAnotherModule(string module)
    {
        var project = RepositoryRoot.File("src", "Modules", module, module + ".csproj");
        var references = XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!))
            .Where(n => !n.EndsWith(".Abstractions", StringComparison.Ordinal));

        var toModules = references.Where(ModuleNames.Contains).ToList();
        Assert.Empty(toModules);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_HasOneSealedStartupAndAManifest(string module)
    {
        var descriptor = Catalog.Modules.Single(m => m.Assembly.GetName().Name == module);
        var startups = descriptor.Assembly.GetTypes().Where(t => typeof(ModuleStartup).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        var startup = Assert.Single(startups);
        Assert.True(startup.IsSealed);
        Assert.Equal("Startup", startup.Name);
        Assert.NotNull(descriptor.Assembly.GetCustomAttribute<ModuleAttribute>());
    }

    [Fact]
    public void SharedKernel_AndThemes_DoNotDependOnModules()
    {
        var shared = new[] { typeof(ModuleStartup).Assembly, typeof(Learning.Data.LearningDbContext).Assembly }
            .Concat(Catalog.Themes.Select(t => t.Assembly));

        foreach (var assembly in shared)
        {
            var toModules = assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(ModuleNames.Contains).ToList();
            Assert.Empty(toModules);
        }
    }

    [Fact]
    public void Host_DoesNotUseModuleInternals()
    {
        // The host references the modules only so they are deployed; its code talks to them through Learning.Modularity.
        var host = typeof(Learning.Web.WebStrings).Assembly;

        var toModules = host.GetReferencedAssemblies().Select(a => a.Name!).Where(ModuleNames.Contains).ToList();
        Assert.Empty(toModules);
    }
}
