using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Learning.Modularity;

/// <summary>
/// Options bound from a <c>Learning:…</c> section and checked before the node serves anything. A bad value fails the start with
/// a message that names the full key (<c>Learning:Media:ChunkBytes: The field ChunkBytes must be between …</c>), and so does a
/// key the section does not have (a misspelt <c>Learning:Media:ChunkSizeBytes</c> would otherwise be ignored without a word).
/// The rules are the options class's data annotations, plus <see cref="IValidatableObject"/> for what they cannot express.
/// Two classes may bind one section (a module's options and a shared class that reads one of its keys): a key is known when
/// any class bound to the section has it.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>
    /// <c>AddOptions&lt;T&gt;().BindConfiguration(section)</c>, validated as described above on start (<c>ValidateOnStart</c>).
    /// The command-line verbs, which do not start the host, run the same check (<see cref="IStartupValidator"/>).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new SectionBinding(section, typeof(T)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SectionValidator<T>>(
            sp => new SectionValidator<T>(section, sp.GetRequiredService<IConfiguration>(), sp.GetServices<SectionBinding>())));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// The section bound and checked at once, for the few values a module needs while it registers its services (whether a
    /// worker runs, a schedule's period). Throws <see cref="OptionsValidationException"/> naming the keys at fault.
    /// </summary>
    /// <param name="sharingTheSection">The other options classes bound to the same section: their keys are known too.</param>
    public static T GetValidated<T>(this IConfiguration configuration, string section, params Type[] sharingTheSection)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new T();
        configuration.GetSection(section).Bind(options);
        var failures = Failures(section, configuration.GetSection(section), options, sharingTheSection);
        return failures.Count == 0 ? options : throw new OptionsValidationException(section, typeof(T), failures);
    }

    /// <summary>What is wrong with <paramref name="options"/> bound from <paramref name="configured"/>, each prefixed with its key.</summary>
    public static IReadOnlyList<string> Failures(string section, IConfigurationSection configured, object options) => Failures(section, configured, options, []);

    private static List<string> Failures(string section, IConfigurationSection configured, object options, IEnumerable<Type> sharingTheSection)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var known = SettingNames(options.GetType());
        known.UnionWith(sharingTheSection.SelectMany(SettingNames));
        foreach (var child in configured.GetChildren())
        {
            if (!known.Contains(child.Key))
            {
                failures.Add($"{section}:{child.Key}: not a setting of {section} (it has {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
            }
        }

        // Operator messages, in English with invariant numbers whatever the host's culture (the console speaks Vietnamese).
        var culture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            foreach (var result in results)
            {
                var keys = result.MemberNames.Any() ? string.Join(", ", result.MemberNames.Select(m => $"{section}:{m}")) : section;
                failures.Add($"{keys}: {result.ErrorMessage}");
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = culture;
        }

        return failures;
    }

    private static HashSet<string> SettingNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Which options class binds which section (for sections two classes share).</summary>
    private sealed record SectionBinding(string Section, Type Options);

    private sealed class SectionValidator<T>(string section, IConfiguration configuration, IEnumerable<SectionBinding> bindings) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            if (name != Options.DefaultName)
            {
                return ValidateOptionsResult.Skip;
            }

            var sharing = bindings.Where(b => b.Section == section && b.Options != typeof(T)).Select(b => b.Options);
            var failures = Failures(section, configuration.GetSection(section), options, sharing);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
