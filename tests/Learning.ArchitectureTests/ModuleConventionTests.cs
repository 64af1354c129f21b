using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Learning.Data;
using Learning.Data.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Learning.ArchitectureTests;

/// <summary>
/// The shape ARCHITECTURE.md gives a module, read from the folders under <c>src/Modules</c> rather than from a list here, so a
/// module added tomorrow is held to it without touching this file.
/// </summary>
public sealed class ModuleConventionTests
{
    /// <summary>Convention 7 (with <c>Jobs/</c> for background work); <c>Resources/</c> and <c>wwwroot/</c> are the resource and static-file folders of a Razor class library.</summary>
    private static readonly HashSet<string> RoleFolders = ["Pages", "Endpoints", "Services", "Data", "Recipes", "Jobs", "Components", "Resources", "wwwroot"]; // Components: Razor components a module renders to HTML (ADR-013)

    private static readonly HashSet<string> BuildFolders = ["bin", "obj"];

    private static readonly string ModulesFolder = RepositoryRoot.File("src", "Modules");

    /// <summary>Every folder under src/Modules with a project, except the <c>*.Abstractions</c> ones.</summary>
    public static TheoryData<string> ModuleFolders() => new(FolderNames(abstractions: false));

    public static TheoryData<string> AbstractionsFolders() => new(FolderNames(abstractions: true));

    [Theory]
    [MemberData(nameof(ModuleFolders))]
    public void Catalog_FindsTheModuleOfEveryFolder(string module)
    {
        Assert.True(ModuleBoundaryTests.ModuleNames.Contains(module),
            $"src/Modules/{module} has a project, but the module catalogue does not find it (no [assembly: Module] in a Manifest.cs, or no reference from the host).");
    }

    [Fact]
    public void Catalog_FindsNoModuleWithoutAFolder()
    {
        var folders = FolderNames(abstractions: false);

        Assert.DoesNotContain(ModuleBoundaryTests.ModuleNames, m => !folders.Contains(m));
    }

    [Theory]
    [MemberData(nameof(AbstractionsFolders))]
    public void AbstractionsProject_ReferencesOnlyModularityAndTheFramework(string project)
    {
        var file = XDocument.Load(Path.Combine(ModulesFolder, project, project + ".csproj"));
        var projects = file.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!));
        var packages = file.Descendants("PackageReference").Select(r => (string)r.Attribute("Include")!);
        Assert.Empty(projects.Where(p => p != "Learning.Modularity").Concat(packages));

        var frameworks = new[] { typeof(object), typeof(Microsoft.AspNetCore.Http.HttpContext) }.Select(t => Path.GetDirectoryName(t.Assembly.Location)!).ToList();
        var compiled = Assembly.Load(new AssemblyName(project)).GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => name != "Learning.Modularity" && !frameworks.Any(folder => File.Exists(Path.Combine(folder, name + ".dll"))))
            .ToList();
        Assert.Empty(compiled);
    }

    [Theory]
    [MemberData(nameof(ModuleFolders))]
    public void Module_HasManifestStartupPermissionsAndOnlyRoleFolders(string module)
    {
        var folder = Path.Combine(ModulesFolder, module);
        foreach (var file in new[] { "Manifest.cs", "Startup.cs", "Permissions.cs" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{module} has no {file}");
        }

        var folders = Directory.GetDirectories(folder).Select(Path.GetFileName).Where(n => !BuildFolders.Contains(n!)).ToList();
        Assert.DoesNotContain(folders, n => !RoleFolders.Contains(n!));

        var data = Path.Combine(folder, "Data");
        var dataFolders = Directory.Exists(data) ? Directory.GetDirectories(data).Select(Path.GetFileName).ToList() : [];
        Assert.DoesNotContain(dataFolders, n => n != "Configurations");

        // At the root, next to those three: the options (convention 4) and the marker class of the module's resources.
        var rootCode = Directory.GetFiles(folder, "*.cs").Select(Path.GetFileName)
            .Where(n => n is not ("Manifest.cs" or "Startup.cs" or "Permissions.cs") && !n!.EndsWith("Options.cs", StringComparison.Ordinal) && !n.EndsWith("Strings.cs", StringComparison.Ordinal));
        Assert.Empty(rootCode);
    }

    [Theory]
    [MemberData(nameof(ModuleFolders))]
    public void Module_KeepsJobsAndEntityConfigurationsInTheirRoleFolders(string module)
    {
        var assembly = Assembly.Load(new AssemblyName(module));
        var folder = Path.Combine(ModulesFolder, module);
        var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), Text: File.ReadAllText(f)))
            .ToList();

        var misplaced = new List<string>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            var expected = typeof(IJobHandler).IsAssignableFrom(type) ? "Jobs/"
                : type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)) ? "Data/Configurations/"
                : null;
            if (expected is null)
            {
                continue;
            }

            var declaration = new Regex($@"\bclass\s+{Regex.Escape(type.Name)}\b");
            foreach (var source in sources.Where(s => declaration.IsMatch(s.Text) && !s.Path.StartsWith(expected, StringComparison.Ordinal)))
            {
                misplaced.Add($"{type.Name} in {source.Path} (belongs in {expected})");
            }
        }

        Assert.True(misplaced.Count == 0, string.Join(Environment.NewLine, misplaced));
    }

    [Fact]
    public void Model_EveryModulesTablesCarryItsPrefix_AndTheRestAreCoreOrIdentity()
    {
        var builder = new DbContextOptionsBuilder<LearningDbContext>();
        DataServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite, "Data Source=:memory:");
        builder.UseModelAssemblies(new ModelAssemblies(ModuleBoundaryTests.Catalog.ModelAssemblies));
        using var db = new LearningDbContext(builder.Options);
        var model = db.GetService<IDesignTimeModel>().Model;

        // An entity belongs to the module whose assembly defines it or configures it.
        var owners = new Dictionary<Type, Learning.Modularity.ModuleDescriptor>();
        foreach (var module in ModuleBoundaryTests.Catalog.Modules)
        {
            foreach (var type in module.Assembly.GetTypes())
            {
                foreach (var configured in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>)))
                {
                    owners[configured.GetGenericArguments()[0]] = module;
                }
            }
        }

        var wrong = new List<string>();
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = entity.GetTableName()!;
            var owner = owners.GetValueOrDefault(entity.ClrType) ?? ModuleBoundaryTests.Catalog.Modules.SingleOrDefault(m => m.Assembly == entity.ClrType.Assembly);
            var prefixes = owner is null ? new[] { "core_", "identity_" } : [owner.Manifest.TablePrefix + "_"];
            if (!prefixes.Any(p => table.StartsWith(p, StringComparison.Ordinal)))
            {
                wrong.Add($"{entity.ClrType.Name} ({owner?.Name ?? "Learning.Data"}) is in table {table}, which does not start with {string.Join(" or ", prefixes)}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Contains(model.GetEntityTypes(), e => owners.ContainsKey(e.ClrType)); // the modules' configurations were applied
    }

    private static List<string> FolderNames(bool abstractions) =>
        Directory.GetDirectories(ModulesFolder).Select(Path.GetFileName).Select(n => n!)
            .Where(n => File.Exists(Path.Combine(ModulesFolder, n, n + ".csproj")) && n.EndsWith(".Abstractions", StringComparison.Ordinal) == abstractions)
            .Order(StringComparer.Ordinal)
            .ToList();
}
