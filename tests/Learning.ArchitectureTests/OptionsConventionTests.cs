using System.Reflection;
using System.Text.RegularExpressions;

namespace Learning.ArchitectureTests;

/// <summary>
/// Convention 4: settings are read through options classes (a <c>Section</c> constant under <c>Learning:</c>), each bound and
/// validated on start through Learning.Modularity's <c>ValidatedOptions</c>, and the README's configuration table lists every key.
/// </summary>
public sealed partial class OptionsConventionTests
{
    private static readonly List<(Type Type, string Section)> OptionsClasses =
        ModuleBoundaryTests.Catalog.Modules.Select(m => m.Assembly)
            .Concat([typeof(Learning.Modularity.ModuleStartup).Assembly, typeof(Learning.Data.LearningDbContext).Assembly, typeof(Learning.Web.WebStrings).Assembly])
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(o => o.Section?.StartsWith("Learning:", StringComparison.Ordinal) == true)
            .Select(o => (o.Type, o.Section!))
            .ToList();

    private static readonly List<(string Path, string Text)> Sources =
        Directory.EnumerateFiles(RepositoryRoot.File("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Regex.IsMatch(f, @"[\\/](bin|obj|Migrations)[\\/]"))
            .Select(f => (Path.GetRelativePath(RepositoryRoot.Path, f), File.ReadAllText(f)))
            .ToList();

    [Fact]
    public void OptionsClasses_AreFound()
    {
        Assert.Contains(OptionsClasses, o => o.Section == "Learning:Media");
        Assert.Contains(OptionsClasses, o => o.Section == "Learning:Database");
    }

    [Fact]
    public void EveryOptionsClass_IsBoundThroughValidatedOptions()
    {
        var unbound = OptionsClasses
            .Where(o => !Sources.Any(s => s.Text.Contains($"AddValidatedOptions<{o.Type.Name}>", StringComparison.Ordinal) || s.Text.Contains($"GetValidated<{o.Type.Name}>", StringComparison.Ordinal)))
            .Select(o => o.Type.FullName)
            .ToList();

        Assert.True(unbound.Count == 0, "Not bound with AddValidatedOptions or GetValidated: " + string.Join(", ", unbound));
    }

    [Fact]
    public void Readme_ConfigurationTable_ListsEveryKey()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("README.md"));
        var missing = OptionsClasses
            .SelectMany(o => o.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{o.Section}:{p.Name}"))
            .Where(key => !readme.Contains($"| `{key}` |", StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "Not in the README's configuration table: " + string.Join(", ", missing));
    }

    [Fact]
    public void Source_NamesALearningKeyOnlyAsAnOptionsSection()
    {
        // A raw read (configuration["Learning:…"], GetValue($"{X.Section}:…")) escapes validation; the section constant is the only literal.
        var raw = Sources
            .SelectMany(s => s.Text.Split('\n').Select((line, i) => (s.Path, Line: i + 1, Text: line)))
            .Where(l => (l.Text.Contains("\"Learning:", StringComparison.Ordinal) && !l.Text.Contains("const string Section = \"Learning:", StringComparison.Ordinal))
                || (l.Text.Contains("Section}:", StringComparison.Ordinal) && ReadCall().IsMatch(l.Text)))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(raw.Count == 0, string.Join(Environment.NewLine, raw));
    }

    [GeneratedRegex(@"GetValue|GetSection\(|[cC]onfiguration\[")]
    private static partial Regex ReadCall();
}
