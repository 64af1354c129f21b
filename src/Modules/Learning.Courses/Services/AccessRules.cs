namespace Learning.Courses.Services;

public enum CourseAccess
{
    Open,
    NotYetOpen,
    Closed,
    PrerequisiteMissing,
}

public enum LessonAccess
{
    Open,
    PreviousRequired,
    PrerequisiteLesson,
}

/// <summary>Restrict-access rules, pure so they are tested without a database.</summary>
public static class AccessRules
{
    public static CourseAccess ForCourse(DateTime nowUtc, DateTime? opensUtc, DateTime? closesUtc, bool prerequisiteSatisfied)
    {
        if (opensUtc is { } opens && nowUtc < opens)
        {
            return CourseAccess.NotYetOpen;
        }

        if (closesUtc is { } closes && nowUtc >= closes)
        {
            return CourseAccess.Closed;
        }

        return prerequisiteSatisfied ? CourseAccess.Open : CourseAccess.PrerequisiteMissing;
    }

    /// <summary>
    /// In a sequential course a lesson opens when every required lesson before it is complete; any lesson may also name a
    /// prerequisite lesson. Optional lessons never block.
    /// </summary>
    public static LessonAccess ForLesson(CourseSnapshot course, IReadOnlySet<string> completed, string lessonKey)
    {
        var lesson = course.Find(lessonKey) ?? throw new ArgumentException($"Unknown lesson {lessonKey}", nameof(lessonKey));
        if (lesson.PrerequisiteLessonKey is { } prerequisite && course.Find(prerequisite) is not null && !completed.Contains(prerequisite))
        {
            return LessonAccess.PrerequisiteLesson;
        }

        if (course.Sequential)
        {
            foreach (var before in course.Lessons.TakeWhile(l => l.Key != lessonKey))
            {
                if (before.Required && !completed.Contains(before.Key))
                {
                    return LessonAccess.PreviousRequired;
                }
            }
        }

        return LessonAccess.Open;
    }

    /// <summary>Finds a cycle in course prerequisites (course id → prerequisite id) reachable from <paramref name="start"/>.</summary>
    public static bool HasCycle(IReadOnlyDictionary<int, int?> prerequisites, int start)
    {
        var seen = new HashSet<int>();
        int? current = start;
        while (current is { } id && prerequisites.TryGetValue(id, out var next))
        {
            if (!seen.Add(id))
            {
                return true;
            }

            current = next;
        }

        return false;
    }
}
