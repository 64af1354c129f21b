using System.Reflection;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Learning.ArchitectureTests;

/// <summary>
/// The views of the exam's start answer (the attempt page) and the default theme's layout use no tag helpers (ADR-045): each
/// one a page holds is built, run and buffered on every request, thousands of times at an exam's start. Razor declares a field
/// for each tag helper a compiled view uses, so a tag helper added back to one of these views (an <c>asp-*</c> attribute, a
/// <c>&lt;partial&gt;</c>, a <c>~/</c> address, a plain <c>&lt;form&gt;</c>) fails here.
/// </summary>
public sealed class HotPathViewTests
{
    public static TheoryData<string, string> HotViews() => new()
    {
        { "Learning.Quizzes", "Pages_Quizzes_Quiz" },
        { "Learning.Quizzes", "Pages_Quizzes_Attempt" },
        { "Learning.Quizzes", "Pages_Quizzes__AttemptBody" },
        { "Learning.Quizzes", "Pages_Quizzes__Questions" },
        { "Learning.Theme.Default", "Themes_Default__Layout" },
        { "Learning.Theme.Default", "Themes_Default__UserMenu" },
    };

    [Theory]
    [MemberData(nameof(HotViews))]
    public void HotView_UsesNoTagHelper(string assembly, string view)
    {
        var type = Assembly.Load(assembly).GetType("AspNetCoreGeneratedDocument." + view);
        Assert.True(type is not null, $"{assembly} has no compiled view {view}: renamed or moved? Update this list.");
        var tagHelpers = type!.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => typeof(ITagHelper).IsAssignableFrom(f.FieldType))
            .Select(f => f.FieldType.Name)
            .ToList();
        Assert.True(tagHelpers.Count == 0, $"{view} uses tag helpers: {string.Join(", ", tagHelpers)}.");
    }

    [Fact]
    public void TheCheck_SeesTagHelpers()
    {
        // The admin theme's layout keeps its asp-append-version links: if this finds none, the check above would pass blindly.
        var type = Assembly.Load("Learning.Theme.Admin").GetType("AspNetCoreGeneratedDocument.Themes_Admin__Layout")!;
        Assert.Contains(type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic), f => typeof(ITagHelper).IsAssignableFrom(f.FieldType));
    }
}
