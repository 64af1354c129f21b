using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// Parsed templates by type, culture and version (the administrator's row's id and save time, or the shipped one). A save
/// changes the version, so every node sees the new template on its next render; <see cref="Forget"/> drops the old entries.
/// </summary>
public sealed class ParsedTemplateCache
{
    private readonly ConcurrentDictionary<(string Type, string Culture), (string Version, ParsedTemplate Template)> entries = new();

    public bool TryGet(string type, string culture, string version, [NotNullWhen(true)] out ParsedTemplate? template)
    {
        template = entries.TryGetValue((type, culture), out var entry) && entry.Version == version ? entry.Template : null;
        return template is not null;
    }

    public void Set(string type, string culture, string version, ParsedTemplate template) => entries[(type, culture)] = (version, template);

    public void Forget(string type, string culture) => entries.TryRemove((type, culture), out _);
}
