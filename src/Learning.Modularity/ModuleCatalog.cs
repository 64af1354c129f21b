using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Learning.Modularity;

public sealed record ModuleDescriptor(string Name, ModuleAttribute Manifest, Assembly Assembly, Type? StartupType, bool Enabled);

public sealed record ThemeDescriptor(string Name, ThemeAttribute Manifest, Assembly Assembly);

/// <summary>
/// The modules and themes found next to the host. Discovery is by assembly attribute, so adding a module is a
/// project reference and nothing else; disabling one is configuration (<c>Learning:Modules:Disabled</c>, <see cref="ModulesOptions"/>).
/// </summary>
public sealed class ModuleCatalog
{
    private ModuleCatalog(IReadOnlyList<ModuleDescriptor> modules, IReadOnlyList<ThemeDescriptor> themes)
    {
        Modules = modules;
        Themes = themes;
    }

    /// <summary>Every module found, enabled or not, in dependency order.</summary>
    public IReadOnlyList<ModuleDescriptor> Modules { get; }

    public IEnumerable<ModuleDescriptor> EnabledModules => Modules.Where(m => m.Enabled);

    /// <summary>
    /// The installed module, switched off, whose manifest names <paramref name="name"/> in the list <paramref name="names"/>
    /// picks (its recipe steps, its lesson kinds); null when no such module does.
    /// </summary>
    public string? SwitchedOffOwner(string name, Func<ModuleAttribute, string[]> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return Modules.FirstOrDefault(m => !m.Enabled && names(m.Manifest).Contains(name, StringComparer.OrdinalIgnoreCase))?.Name;
    }

    public IReadOnlyList<ThemeDescriptor> Themes { get; }

    /// <summary>Assemblies whose entity configurations make up the one data model. Disabled modules keep their tables,
    /// so the model (and the migrations) never depend on configuration.</summary>
    public IEnumerable<Assembly> ModelAssemblies => Modules.Select(m => m.Assembly);

    public static ModuleCatalog Discover(IConfiguration configuration, string? directory = null)
    {
        directory ??= AppContext.BaseDirectory;
        // The application's own assemblies (its deps.json, which the runtime turns into the trusted list): a Learning.*.dll that
        // only lies in the folder is not part of it and could not be loaded by name (a test assembly beside the host, when a test
        // run starts the host again as a process of its own: ADR-047).
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string)?.Split(Path.PathSeparator)
            .Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var assemblies = Directory.EnumerateFiles(directory, "Learning.*.dll")
            .Where(path => trusted is null || trusted.Contains(Path.GetFileName(path)))
            .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)));
        var options = ModulesOptions.Read(configuration);
        var catalog = FromAssemblies(assemblies, new HashSet<string>(options.Disabled, StringComparer.OrdinalIgnoreCase));
        options.ThrowOnUnknown(catalog.Modules.Select(m => m.Name));
        return catalog;
    }

    public static ModuleCatalog FromAssemblies(IEnumerable<Assembly> assemblies, IReadOnlySet<string> disabled)
    {
        var modules = new List<(ModuleAttribute Manifest, Assembly Assembly)>();
        var themes = new List<ThemeDescriptor>();
        foreach (var assembly in assemblies.Distinct())
        {
            if (assembly.GetCustomAttribute<ModuleAttribute>() is { } module)
            {
                modules.Add((module, assembly));
            }
            else if (assembly.GetCustomAttribute<ThemeAttribute>() is { } theme)
            {
                themes.Add(new ThemeDescriptor(theme.Name, theme, assembly));
            }
        }

        var byName = modules.ToDictionary(m => m.Manifest.Name, StringComparer.OrdinalIgnoreCase);
        var ordered = new List<ModuleDescriptor>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var enabled = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

        void Visit(string name, string? requiredBy)
        {
            if (!byName.TryGetValue(name, out var module))
            {
                throw new InvalidOperationException($"Module '{requiredBy}' depends on '{name}', which is not installed.");
            }

            if (state.TryGetValue(name, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException($"Module dependency cycle through '{name}'.");
                }

                return;
            }

            state[name] = false;
            var isEnabled = module.Manifest.AlwaysEnabled || !disabled.Contains(name);
            foreach (var dependency in module.Manifest.Dependencies)
            {
                Visit(dependency, name);
                isEnabled &= enabled[dependency];
            }

            state[name] = true;
            enabled[name] = isEnabled;
            var startup = module.Assembly.GetExportedTypes()
                .SingleOrDefault(t => t is { IsClass: true, IsAbstract: false } && typeof(ModuleStartup).IsAssignableFrom(t));
            ordered.Add(new ModuleDescriptor(module.Manifest.Name, module.Manifest, module.Assembly, startup, isEnabled));
        }

        foreach (var name in byName.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name, null);
        }

        return new ModuleCatalog(ordered, themes.OrderBy(t => t.Name, StringComparer.Ordinal).ToList());
    }
}
