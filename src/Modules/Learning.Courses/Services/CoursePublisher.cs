using Learning.Modularity;
using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Services;

public sealed record PublishResult(bool Succeeded, IReadOnlyList<string> Errors, int Version);

/// <summary>
/// Publishing turns the draft into a new immutable version: validate, render Markdown once, snapshot, re-index search, and
/// re-count every enrolment against the new set of required lessons (progress is keyed by lesson key, so nothing is lost).
/// </summary>
public sealed class CoursePublisher(LearningDbContext db, CourseSearch search, CourseReader reader, CourseAuthoring authoring, IAuditTrail audit, TimeProvider clock, IStringLocalizer<CoursesStrings> t)
{
    public async Task<IReadOnlyList<string>> ValidateAsync(Course course, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var modules = await authoring.LoadDraftAsync(course.Id, cancellationToken);
        if (modules.Count == 0)
        {
            errors.Add(t["Publish.NoModules"]);
        }

        foreach (var module in modules)
        {
            if (module.Lessons.Count == 0)
            {
                errors.Add(t["Publish.EmptyModule", module.Title]);
            }

            foreach (var lesson in module.Lessons)
            {
                var problem = lesson.Kind switch
                {
                    LessonKinds.Article when string.IsNullOrWhiteSpace(lesson.Markdown) => t["Publish.ArticleEmpty"].Value,
                    LessonKinds.Link when string.IsNullOrWhiteSpace(lesson.Url) || !Uri.TryCreate(lesson.Url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") => t["Publish.LinkInvalid"].Value,
                    LessonKinds.File when string.IsNullOrEmpty(lesson.FileName) => t["Publish.FileMissing"].Value,
                    LessonKinds.Video or LessonKinds.Quiz when string.IsNullOrEmpty(lesson.Reference) => t["Publish.ReferenceMissing"].Value,
                    _ => null,
                };
                if (problem is not null)
                {
                    errors.Add($"{module.Title} › {lesson.Title}: {problem}");
                }
            }
        }

        if (!modules.SelectMany(m => m.Lessons).Any(l => l.Required))
        {
            errors.Add(t["Publish.NoRequired"]);
        }

        return errors;
    }

    /// <summary>Publishes in one transaction (joining the caller's, if any), retried whole after a database blip.</summary>
    public async Task<PublishResult> PublishAsync(int courseId, string? by, CancellationToken cancellationToken = default)
    {
        Course? published = null;
        var result = await db.InTransactionAsync(async ct =>
        {
            var (outcome, course) = await PublishInTransactionAsync(courseId, by, ct);
            published = course;
            return outcome;
        }, cancellationToken);

        // After the commit (or the caller's, which will follow): a page read meanwhile cannot cache the old version again.
        if (published is not null)
        {
            reader.Forget(published);
        }

        return result;
    }

    private async Task<(PublishResult Result, Course? Course)> PublishInTransactionAsync(int courseId, string? by, CancellationToken cancellationToken)
    {
        var course = await db.Set<Course>().SingleAsync(c => c.Id == courseId, cancellationToken);
        var errors = await ValidateAsync(course, cancellationToken);
        if (errors.Count > 0)
        {
            return (new PublishResult(false, errors, course.PublishedVersion), null);
        }

        var modules = await authoring.LoadDraftAsync(courseId, cancellationToken);
        var version = course.PublishedVersion + 1;
        var snapshot = new CourseSnapshot(course.Id, course.Slug, version, course.Title, course.Summary, course.Topic, course.Language,
            course.EstimatedHours, course.Sequential,
            modules.Select(m => new ModuleSnapshot(m.Key, m.Title, m.Lessons.Select(l => new LessonSnapshot(
                l.Key, l.Title, l.Kind, l.Required, l.MarkAsDone, l.Minutes,
                SafeMarkdown.ToHtml(l.Markdown),
                l.Url, l.FileName, l.FileDisplayName, l.Reference, l.PrerequisiteLessonKey)).ToList())).ToList());

        db.Add(new CourseVersion { CourseId = course.Id, Number = version, PublishedUtc = clock.GetUtcNow().UtcDateTime, PublishedBy = by, SnapshotJson = snapshot.ToJson() });
        course.PublishedVersion = version;
        course.IsPublished = true;
        await db.SaveChangesAsync(cancellationToken);

        var required = snapshot.RequiredKeys.ToList();
        var progress = db.Set<LessonProgress>();
        await db.Set<Enrollment>().Where(e => e.CourseId == courseId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.RequiredLessons, required.Count)
                .SetProperty(e => e.CompletedLessons, e => progress.Count(p => p.UserId == e.UserId && p.CourseId == courseId && p.CompletedUtc != null && required.Contains(p.LessonKey))),
                cancellationToken);
        await search.IndexAsync(snapshot, cancellationToken);
        audit.Record("courses.published", course.Slug, $"phiên bản {version}");
        await db.SaveChangesAsync(cancellationToken);
        reader.Forget(course);
        return (new PublishResult(true, [], version), course);
    }

    public async Task UnpublishAsync(int courseId, CancellationToken cancellationToken = default)
    {
        var course = await db.Set<Course>().SingleAsync(c => c.Id == courseId, cancellationToken);
        course.IsPublished = false;
        await search.RemoveAsync(courseId, cancellationToken);
        audit.Record("courses.unpublished", course.Slug);
        await db.SaveChangesAsync(cancellationToken);
        reader.Forget(course);
    }
}
