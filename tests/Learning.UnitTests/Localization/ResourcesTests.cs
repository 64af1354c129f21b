using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Learning.Modularity;
using Learning.Organization.Data;

namespace Learning.UnitTests.Localization;

/// <summary>Every string for people is in resources, in Vietnamese and English, and the keys the code asks for exist.</summary>
public sealed partial class ResourcesTests
{
    public static TheoryData<string> ResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Path, "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(RepositoryRoot.Path, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Resx_EnglishHasTheSameKeys_AndNoValueIsEmpty(string relativePath)
    {
        var vi = Keys(Path.Combine(RepositoryRoot.Path, relativePath));
        var en = Keys(Path.Combine(RepositoryRoot.Path, relativePath.Replace(".resx", ".en.resx", StringComparison.Ordinal)));

        Assert.Equal(vi.Keys.Order(), en.Keys.Order());
        Assert.All(vi.Concat(en), kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Theory]
    [InlineData("src/Modules/Learning.Organization", "Resources/OrganizationStrings.resx")]
    [InlineData("src/Modules/Learning.Users", "Resources/UsersStrings.resx")]
    [InlineData("src/Modules/Learning.Recipes", "Resources/RecipesStrings.resx")]
    [InlineData("src/Modules/Learning.Courses", "Resources/CoursesStrings.resx")]
    [InlineData("src/Learning.Web", "Resources/WebStrings.resx")]
    [InlineData("themes", "../src/Learning.Modularity/Resources/ShellStrings.resx")]
    [InlineData("src/Learning.Modularity", "Resources/ShellStrings.resx")]
    [InlineData("src/Modules/Learning.Media", "Resources/MediaStrings.resx")]
    [InlineData("src/Modules/Learning.Quizzes", "Resources/QuizzesStrings.resx")]
    [InlineData("src/Modules/Learning.Notifications", "Resources/NotificationsStrings.resx")]
    public void Code_UsesOnlyKeysThatExist(string project, string resx)
    {
        var root = Path.Combine(RepositoryRoot.Path, project);
        var keys = Keys(Path.GetFullPath(Path.Combine(root, resx))).Keys.ToHashSet();
        var used = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .SelectMany(text => KeyUse().Matches(text).Select(m => m.Groups[1].Value)
                .Concat(ConditionalKeyUse().Matches(text).SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value })))
            .ToHashSet();

        // Keys built at run time from a prefix and an enumeration: every member needs its string.
        foreach (var (prefix, members) in DynamicKeys.GetValueOrDefault(project) ?? [])
        {
            if (used.Remove(prefix))
            {
                used.UnionWith(members.Select(m => prefix + m));
            }
        }

        Assert.DoesNotContain(used, k => k.EndsWith('.'));
        Assert.NotEmpty(used);
        Assert.Empty(used.Except(keys).Order());
    }

    [Theory]
    [InlineData("vi", "Cơ cấu tổ chức")]
    [InlineData("en", "Organisation")]
    public void ResourceManager_ResolvesEmbeddedStringsPerCulture(string culture, string expected)
    {
        var manager = new ResourceManager("Learning.Organization.Resources.OrganizationStrings", typeof(OrgUnit).Assembly);

        Assert.Equal(expected, manager.GetString("Tree.Title", new CultureInfo(culture)));
    }

    private static readonly Dictionary<string, Dictionary<string, IEnumerable<string>>> DynamicKeys = new()
    {
        ["src/Modules/Learning.Organization"] = new() { ["Kind."] = Enum.GetNames<OrgUnitKind>() },
        ["src/Modules/Learning.Users"] = new() { ["Role."] = LearningRoles.All },
        ["src/Modules/Learning.Courses"] = new()
        {
            ["Kind."] = Learning.Courses.LessonKinds.All,
            ["Topic."] = Learning.Courses.Data.CourseTopics.All,
            ["Access."] = Enum.GetNames<Learning.Courses.Services.CourseAccess>(),
            ["LessonAccess."] = Enum.GetNames<Learning.Courses.Services.LessonAccess>(),
            ["Enrol."] = Enum.GetNames<Learning.Courses.Services.EnrolOutcome>(),
            ["Assign.Target."] = Enum.GetNames<Learning.Courses.Data.AssignmentTarget>(),
        },
        ["src/Learning.Web"] = new()
        {
            ["Jobs.State."] = Enum.GetNames<Learning.Data.Jobs.JobState>(),
            ["Audit.Code."] = AuditCodesInSource(), // every action any module records has its label on the audit page
        },
        ["src/Modules/Learning.Media"] = new()
        {
            ["Field."] = Learning.Media.Services.SupportFields.All,
            ["State."] = ["Queued", "Running", "Ready", "Failed", "Cancelled"], // VideoStates.Of
        },
        ["src/Modules/Learning.Quizzes"] = new()
        {
            ["AttemptState."] = Enum.GetNames<Learning.Quizzes.Data.AttemptState>(),
            ["Grading."] = Enum.GetNames<Learning.Quizzes.Data.GradingMethod>(),
            ["Question.State."] = ["right", "wrong", "partial"],
            ["Question."] = ["true", "false"], // true/false options are shown in the reader's language
            ["Type."] = Enum.GetNames<Learning.Quizzes.Services.QuestionType>(),
            ["Format."] = Enum.GetNames<Learning.Quizzes.Services.QuestionFileFormat>(),
            ["Edit."] = ["ReviewDuring", "ReviewImmediately", "ReviewLaterOpen", "ReviewAfterClose"],
            ["PreviewQuiz.Moment."] = [.. Learning.Quizzes.Pages.Admin.Quizzes.PreviewQuizModel.Moments],
            ["Attempt.Event."] = [.. typeof(Learning.Quizzes.Services.AttemptEvents).GetFields().Select(f => (string)f.GetValue(null)!)],
            ["Edit.Item."] = ["Answer", "Correctness", "Marks", "Feedback", "GeneralFeedback", "RightAnswer"],
        },
        ["src/Modules/Learning.Notifications"] = new()
        {
            ["Type."] = Learning.Notifications.Services.NotificationTypeCatalog.Templated,
            ["Culture."] = Learning.Notifications.Services.Templates.TemplateCultures.All,
            ["Template.Part."] = Enum.GetNames<Learning.Notifications.Services.Templates.TemplatePart>(),
            ["Template.Error."] = Enum.GetNames<Learning.Notifications.Services.Templates.TemplateErrorKind>(),
            ["Category."] = [Learning.Notifications.Services.NotificationCategories.Account, .. Learning.Notifications.Services.NotificationCategories.Optional],
            ["Cadence."] = Enum.GetNames<Learning.Notifications.Data.Cadence>(),
            ["Outbox.State."] = Enum.GetNames<Learning.Notifications.Data.OutboxState>(),
        },
        ["src/Learning.Modularity"] = new() { ["Recipe.Kind."] = ["String", "Number", "Boolean", "Array", "Object", "Null", "Undefined"] },
    };

    private static IEnumerable<string> AuditCodesInSource() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => AuditCode().Matches(File.ReadAllText(f)).SelectMany(m => new[] { m.Groups[1].Value, m.Groups[2].Value }))
            .Where(code => code.Length > 0)
            .Concat(["jobs.retried", "jobs.cancelled", "jobs.recurring.run_now"]) // the operations page passes its codes through one helper
            .Distinct();

    [GeneratedRegex("\\.Record\\((?:[^\"(),]*\\? )?\"([a-z_]+\\.[a-z_.]+)\"(?: : \"([a-z_]+\\.[a-z_.]+)\")?")]
    private static partial Regex AuditCode();

    private static Dictionary<string, string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [GeneratedRegex("\\b[tTS]\\[\"([A-Za-z0-9_.]+)\"")]
    private static partial Regex KeyUse();

    [GeneratedRegex("\\b[tTS]\\[[^\\]\"]*\\?\\s*\"([A-Za-z0-9_.]+)\"\\s*:\\s*\"([A-Za-z0-9_.]+)\"")]
    private static partial Regex ConditionalKeyUse();
}
