using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Web.Hosting;

/// <summary>
/// The resource-file localizers (<see cref="ResourceManagerStringLocalizerFactory"/>), with each string found kept per
/// culture. The framework's localizer builds a cache key string and asks the <see cref="System.Resources.ResourceManager"/>
/// (its locks, its culture fallback) on every <c>T["…"]</c>: an exam's attempt page makes about 160 such lookups, and over a
/// synchronised start of 3,000 cadres they were a tenth of what the host allocated (ADR-040; bench/README, "Allocations over
/// the start wave, by stack"). Resource files are compiled into the assemblies and never change while the process runs, so a
/// string found once for a culture is the same string for the rest of it. A name not found is not kept, so the cache holds
/// no more than the resource files do, whatever names callers pass.
/// </summary>
public sealed class CachedStringLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggerFactory) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory inner = new(options, loggerFactory);
    private readonly ConcurrentDictionary<Type, IStringLocalizer> byType = new();
    private readonly ConcurrentDictionary<(string BaseName, string Location), IStringLocalizer> byName = new();

    public IStringLocalizer Create(Type resourceSource) =>
        byType.GetOrAdd(resourceSource, static (type, factory) => new CachedStringLocalizer(factory.inner.Create(type)), this);

    public IStringLocalizer Create(string baseName, string location) =>
        byName.GetOrAdd((baseName, location), static (key, factory) => new CachedStringLocalizer(factory.inner.Create(key.BaseName, key.Location)), this);
}

/// <summary>One resource source's strings, kept per UI culture as they are found (<see cref="CachedStringLocalizerFactory"/>).</summary>
public sealed class CachedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<CultureInfo, ConcurrentDictionary<string, LocalizedString>> cultures = new();

    public LocalizedString this[string name] => Find(name);

    /// <summary>As the framework's: the string found (or the name itself) formatted with the current culture.</summary>
    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var found = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, found.Value, arguments), found.ResourceNotFound, found.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

    private LocalizedString Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var strings = cultures.GetOrAdd(CultureInfo.CurrentUICulture, static _ => new ConcurrentDictionary<string, LocalizedString>(StringComparer.Ordinal));
        if (strings.TryGetValue(name, out var kept))
        {
            return kept;
        }

        var found = inner[name];
        if (!found.ResourceNotFound)
        {
            strings.TryAdd(name, found);
        }

        return found;
    }
}
