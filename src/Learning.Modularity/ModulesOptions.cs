using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Learning.Modularity;

/// <summary><c>Learning:Modules</c>: read while the host discovers its modules, before there is a container to bind it in.</summary>
public sealed class ModulesOptions
{
    public const string Section = "Learning:Modules";

    /// <summary>Module names to switch off: a list, or one comma-separated value (<c>Learning__Modules__Disabled=A,B</c>).</summary>
    public string[] Disabled { get; set; } = [];

    /// <summary>The section bound and checked (<see cref="ValidatedOptions.GetValidated{T}"/>), with a comma-separated value split.</summary>
    public static ModulesOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetValidated<ModulesOptions>(Section);
        var single = configuration.GetSection(Section).GetSection(nameof(Disabled)).Value;
        options.Disabled = [.. options.Disabled.Concat(single?.Split(',') ?? []).Select(n => n?.Trim()).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!)];
        return options;
    }

    /// <summary>A name that is not an installed module fails the start: a misspelt one would leave the module on.</summary>
    internal void ThrowOnUnknown(IEnumerable<string> installed)
    {
        var known = installed.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = Disabled.Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(ModulesOptions),
                [$"{Section}:{nameof(Disabled)}: no module {string.Join(", ", unknown.Select(n => $"'{n}'"))} is installed (installed: {string.Join(", ", known.Order(StringComparer.Ordinal))})."]);
        }
    }
}
