using Learning.Courses.Services;

namespace Learning.UnitTests.Courses;

public sealed class AccessRulesTests
{
    private static LessonSnapshot L(string key, bool required = true, string? prerequisite = null) =>
        new(key, key, "article", required, false, 5, "", null, null, null, null, prerequisite);

    private static CourseSnapshot Course(bool sequential, params LessonSnapshot[] lessons) =>
        new(1, "c", 1, "C", "", "digital-skills", "vi", 1, sequential, [new ModuleSnapshot("m1", "M1", lessons[..2]), new ModuleSnapshot("m2", "M2", lessons[2..])]);

    [Fact]
    public void ForLesson_Sequential_LocksUntilEarlierRequiredLessonsAreDone()
    {
        var course = Course(true, L("a"), L("b"), L("c"));

        Assert.Equal(LessonAccess.Open, AccessRules.ForLesson(course, new HashSet<string>(), "a"));
        Assert.Equal(LessonAccess.PreviousRequired, AccessRules.ForLesson(course, new HashSet<string>(), "c"));
        Assert.Equal(LessonAccess.PreviousRequired, AccessRules.ForLesson(course, new HashSet<string> { "a" }, "c"));
        Assert.Equal(LessonAccess.Open, AccessRules.ForLesson(course, new HashSet<string> { "a", "b" }, "c"));
    }

    [Fact]
    public void ForLesson_Sequential_OptionalLessonsNeverBlock()
    {
        var course = Course(true, L("a"), L("optional", required: false), L("c"));

        Assert.Equal(LessonAccess.Open, AccessRules.ForLesson(course, new HashSet<string> { "a" }, "c"));
    }

    [Fact]
    public void ForLesson_PrerequisiteLesson_AppliesEvenWhenNotSequential()
    {
        var course = Course(false, L("a"), L("b"), L("c", prerequisite: "a"));

        Assert.Equal(LessonAccess.Open, AccessRules.ForLesson(course, new HashSet<string>(), "b"));
        Assert.Equal(LessonAccess.PrerequisiteLesson, AccessRules.ForLesson(course, new HashSet<string> { "b" }, "c"));
        Assert.Equal(LessonAccess.Open, AccessRules.ForLesson(course, new HashSet<string> { "a" }, "c"));
    }

    [Fact]
    public void ForCourse_Dates_AndPrerequisite()
    {
        var now = new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(CourseAccess.NotYetOpen, AccessRules.ForCourse(now, now.AddDays(1), null, true));
        Assert.Equal(CourseAccess.Closed, AccessRules.ForCourse(now, null, now, true));
        Assert.Equal(CourseAccess.PrerequisiteMissing, AccessRules.ForCourse(now, now.AddDays(-1), now.AddDays(1), false));
        Assert.Equal(CourseAccess.Open, AccessRules.ForCourse(now, now.AddDays(-1), now.AddDays(1), true));
    }

    [Fact]
    public void HasCycle_FindsDirectAndIndirectCycles()
    {
        Assert.True(AccessRules.HasCycle(new Dictionary<int, int?> { [1] = 2, [2] = 1 }, 1));
        Assert.True(AccessRules.HasCycle(new Dictionary<int, int?> { [1] = 2, [2] = 3, [3] = 1 }, 1));
        Assert.False(AccessRules.HasCycle(new Dictionary<int, int?> { [1] = 2, [2] = 3, [3] = null }, 1));
    }
}
