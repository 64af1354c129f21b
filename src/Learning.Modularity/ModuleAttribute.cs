namespace Learning.Modularity;

/// <summary>
/// Marks an assembly as a Learning module. Put it in the module's <c>Manifest.cs</c>, as Orchard does.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ModuleAttribute : Attribute
{
    public required string Name { get; init; }

    public string Category { get; init; } = "General";

    public string Description { get; init; } = "";

    /// <summary>Names of modules that must be enabled and started before this one.</summary>
    public string[] Dependencies { get; init; } = [];

    /// <summary>A module that cannot be disabled (the host cannot work without it).</summary>
    public bool AlwaysEnabled { get; init; }

    /// <summary>
    /// The names of the recipe steps this module's handlers run. With the module switched off, a recipe's step of one of these
    /// names is skipped (and said so), not refused as unknown: the shipped setup recipe still sets up a site without, say,
    /// the media module. A test holds every registered step handler to its module's list.
    /// </summary>
    public string[] RecipeSteps { get; init; } = [];

    /// <summary>
    /// The lesson kinds this module renders (<c>quiz</c>, <c>video</c>). With the module switched off, a recipe's lesson of one
    /// of these kinds is skipped (and said so), not refused as unknown: the shipped courses still set up without, say, the
    /// quizzes module. A test holds every lesson-kind renderer to its module's list.
    /// </summary>
    public string[] LessonKinds { get; init; } = [];

    /// <summary>
    /// What the names of this module's tables start with, before an underscore (SQLite has no schemas): by default its name
    /// after <c>Learning.</c>, in lower case (<c>courses_lesson</c>). An architecture test holds every table to it.
    /// </summary>
    public string TablePrefix
    {
        get => field ?? (Name.StartsWith("Learning.", StringComparison.Ordinal) ? Name["Learning.".Length..] : Name).Replace('.', '_').ToLowerInvariant();
        init;
    }
}

/// <summary>Marks an assembly as a theme: a Razor class library that owns a layout and its assets.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ThemeAttribute : Attribute
{
    public required string Name { get; init; }

    /// <summary>Path of the layout view inside the theme assembly, e.g. <c>/Themes/Default/_Layout.cshtml</c>.</summary>
    public required string Layout { get; init; }

    /// <summary>Admin themes dress the pages under <c>/Admin</c>; site themes dress the rest.</summary>
    public bool IsAdmin { get; init; }

    public string Description { get; init; } = "";
}
