using Learning.Courses.Data;
using Learning.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

/// <summary>The course editor's settings form as posted; <see cref="Opens"/> and <see cref="Closes"/> are in Vietnam's local time.</summary>
public sealed record CourseSettingsInput(
    string? Title,
    string? Summary,
    string? Topic,
    string? Audience,
    decimal? Hours,
    string? Language,
    bool SelfEnrol,
    bool Sequential,
    DateTime? Opens,
    DateTime? Closes,
    int? PrerequisiteId);

public enum CourseSettingsOutcome
{
    Saved,
    NotFound,
    CircularPrerequisite,
    DatesInvalid,
}

/// <summary>Draft editing for trainers. Nothing here is visible to learners until <see cref="CoursePublisher"/> publishes.</summary>
public sealed class CourseAuthoring(LearningDbContext db, IAuditTrail audit, TimeProvider clock, LessonKindCatalog kinds, CourseReader reader)
{
    public static string Slugify(string text)
    {
        var folded = SearchText.Fold(text).Replace(' ', '-');
        return folded.Length > 80 ? folded[..80].TrimEnd('-') : folded;
    }

    public static string NewKey() => Guid.NewGuid().ToString("N")[..12];

    public async Task<string> UniqueSlugAsync(string wanted, CancellationToken cancellationToken)
    {
        var slug = string.IsNullOrEmpty(wanted) ? "khoa-hoc" : wanted;
        var candidate = slug;
        for (var i = 2; await db.Set<Course>().AnyAsync(c => c.Slug == candidate, cancellationToken); i++)
        {
            candidate = $"{slug}-{i}";
        }

        return candidate;
    }

    public async Task<Course> CreateAsync(string title, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var course = new Course { Title = title.Trim(), Slug = await UniqueSlugAsync(Slugify(title), cancellationToken), CreatedUtc = now, DraftUpdatedUtc = now };
        db.Add(course);
        audit.Record("courses.created", course.Slug);
        await db.SaveChangesAsync(cancellationToken);
        return course;
    }

    public async Task<CourseModule> AddModuleAsync(int courseId, string title, CancellationToken cancellationToken)
    {
        var position = await db.Set<CourseModule>().Where(m => m.CourseId == courseId).Select(m => (int?)m.Position).MaxAsync(cancellationToken) ?? 0;
        var module = new CourseModule { CourseId = courseId, Key = NewKey(), Title = title.Trim(), Position = position + 1 };
        db.Add(module);
        await TouchAsync(courseId, cancellationToken);
        return module;
    }

    public async Task<Lesson> AddLessonAsync(int moduleId, string title, string kind, CancellationToken cancellationToken)
    {
        var module = await db.Set<CourseModule>().SingleAsync(m => m.Id == moduleId, cancellationToken);
        var position = await db.Set<Lesson>().Where(l => l.ModuleId == moduleId).Select(l => (int?)l.Position).MaxAsync(cancellationToken) ?? 0;
        var lesson = new Lesson
        {
            ModuleId = moduleId,
            CourseId = module.CourseId,
            Key = NewKey(),
            Title = title.Trim(),
            Kind = kinds.IsOffered(kind) ? kind : LessonKinds.Article,
            Position = position + 1,
        };
        db.Add(lesson);
        await TouchAsync(module.CourseId, cancellationToken);
        return lesson;
    }

    /// <summary>Moves a module up (-1) or down (+1) among its course's modules.</summary>
    public async Task MoveModuleAsync(int moduleId, int direction, CancellationToken cancellationToken)
    {
        var module = await db.Set<CourseModule>().SingleAsync(m => m.Id == moduleId, cancellationToken);
        var siblings = await db.Set<CourseModule>().Where(m => m.CourseId == module.CourseId).OrderBy(m => m.Position).ToListAsync(cancellationToken);
        Swap(siblings, siblings.IndexOf(module), direction, (m, p) => m.Position = p);
        await TouchAsync(module.CourseId, cancellationToken);
    }

    public async Task MoveLessonAsync(int lessonId, int direction, CancellationToken cancellationToken)
    {
        var lesson = await db.Set<Lesson>().SingleAsync(l => l.Id == lessonId, cancellationToken);
        var siblings = await db.Set<Lesson>().Where(l => l.ModuleId == lesson.ModuleId).OrderBy(l => l.Position).ToListAsync(cancellationToken);
        Swap(siblings, siblings.IndexOf(lesson), direction, (l, p) => l.Position = p);
        await TouchAsync(lesson.CourseId, cancellationToken);
    }

    public async Task DeleteLessonAsync(int lessonId, CancellationToken cancellationToken)
    {
        var lesson = await db.Set<Lesson>().SingleAsync(l => l.Id == lessonId, cancellationToken);
        db.Remove(lesson);
        await TouchAsync(lesson.CourseId, cancellationToken);
    }

    public async Task DeleteModuleAsync(int moduleId, CancellationToken cancellationToken)
    {
        var module = await db.Set<CourseModule>().SingleAsync(m => m.Id == moduleId, cancellationToken);
        db.Remove(module);
        await TouchAsync(module.CourseId, cancellationToken);
    }

    /// <summary>Copies the draft (settings, modules, lessons) into a new unpublished course.</summary>
    public async Task<Course> DuplicateAsync(int courseId, string copySuffix, CancellationToken cancellationToken)
    {
        var source = await db.Set<Course>().AsNoTracking().Include(c => c.Modules).ThenInclude(m => m.Lessons).SingleAsync(c => c.Id == courseId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var copy = new Course
        {
            Slug = await UniqueSlugAsync(source.Slug + "-copy", cancellationToken),
            Title = source.Title + " " + copySuffix,
            Summary = source.Summary,
            Topic = source.Topic,
            Audience = source.Audience,
            Language = source.Language,
            EstimatedHours = source.EstimatedHours,
            SelfEnrol = source.SelfEnrol,
            Sequential = source.Sequential,
            PrerequisiteCourseId = source.PrerequisiteCourseId,
            CreatedUtc = now,
            DraftUpdatedUtc = now,
            Modules = source.Modules.Select(m => new CourseModule
            {
                Key = m.Key,
                Title = m.Title,
                Position = m.Position,
                Lessons = m.Lessons.Select(l => new Lesson
                {
                    Key = l.Key, Title = l.Title, Kind = l.Kind, Position = l.Position, Required = l.Required, MarkAsDone = l.MarkAsDone,
                    Minutes = l.Minutes, Markdown = l.Markdown, Url = l.Url, FileName = l.FileName, FileDisplayName = l.FileDisplayName,
                    Reference = l.Reference, PrerequisiteLessonKey = l.PrerequisiteLessonKey,
                }).ToList(),
            }).ToList(),
        };
        db.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var lesson in copy.Modules.SelectMany(m => m.Lessons))
        {
            lesson.CourseId = copy.Id;
        }

        audit.Record("courses.duplicated", source.Slug, copy.Slug);
        await db.SaveChangesAsync(cancellationToken);
        return copy;
    }

    /// <summary>The draft's modules and lessons, each in position order, untracked.</summary>
    public async Task<List<CourseModule>> LoadDraftAsync(int courseId, CancellationToken cancellationToken)
    {
        var modules = await db.Set<CourseModule>().AsNoTracking().Where(m => m.CourseId == courseId).Include(m => m.Lessons).OrderBy(m => m.Position).ToListAsync(cancellationToken);
        foreach (var module in modules)
        {
            module.Lessons = module.Lessons.OrderBy(l => l.Position).ToList();
        }

        return modules;
    }

    /// <summary>
    /// Saves the settings form. A prerequisite that would make a cycle, or a closing time not after the opening time, changes
    /// nothing; a title left empty, a topic or language not offered, keeps the current one.
    /// </summary>
    public async Task<CourseSettingsOutcome> UpdateSettingsAsync(int courseId, CourseSettingsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var course = await db.Set<Course>().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
        {
            return CourseSettingsOutcome.NotFound;
        }

        if (input.PrerequisiteId is { } prerequisite && await WouldMakeCycleAsync(courseId, prerequisite, cancellationToken))
        {
            return CourseSettingsOutcome.CircularPrerequisite;
        }

        var opensUtc = FromLocal(input.Opens);
        var closesUtc = FromLocal(input.Closes);
        if (opensUtc is not null && closesUtc is not null && closesUtc <= opensUtc)
        {
            return CourseSettingsOutcome.DatesInvalid;
        }

        course.Title = string.IsNullOrWhiteSpace(input.Title) ? course.Title : input.Title.Trim();
        course.Summary = input.Summary?.Trim() ?? "";
        course.Topic = CourseTopics.All.Contains(input.Topic) ? input.Topic! : course.Topic;
        course.Audience = string.Join('\n', (input.Audience ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        course.EstimatedHours = Math.Clamp(input.Hours ?? 0, 0, 1000);
        course.Language = input.Language is "en" ? "en" : "vi";
        course.SelfEnrol = input.SelfEnrol;
        course.Sequential = input.Sequential;
        course.OpensUtc = opensUtc;
        course.ClosesUtc = closesUtc;
        course.PrerequisiteCourseId = input.PrerequisiteId;
        audit.Record("courses.settings", course.Slug);
        await TouchAsync(courseId, cancellationToken);
        reader.Forget(course);
        return CourseSettingsOutcome.Saved;
    }

    public async Task TouchAsync(int courseId, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<Course>().Where(c => c.Id == courseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DraftUpdatedUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    private async Task<bool> WouldMakeCycleAsync(int courseId, int prerequisite, CancellationToken cancellationToken)
    {
        if (prerequisite == courseId)
        {
            return true;
        }

        var map = await db.Set<Course>().Select(c => new { c.Id, c.PrerequisiteCourseId }).ToDictionaryAsync(c => c.Id, c => c.PrerequisiteCourseId, cancellationToken);
        map[courseId] = prerequisite;
        return AccessRules.HasCycle(map, courseId);
    }

    private static DateTime? FromLocal(DateTime? local) =>
        local is { } value ? LocalTime.ToUtc(value) : null;

    private static void Swap<T>(List<T> items, int index, int direction, Action<T, int> setPosition)
    {
        var other = index + Math.Sign(direction);
        if (index < 0 || other < 0 || other >= items.Count)
        {
            return;
        }

        (items[index], items[other]) = (items[other], items[index]);
        for (var i = 0; i < items.Count; i++)
        {
            setPosition(items[i], i + 1);
        }
    }
}
