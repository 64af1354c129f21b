using System.Security.Claims;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Endpoints;

public static class CoursesEndpoints
{
    public static IEndpointRouteBuilder MapCoursesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/Courses/{slug}/{lessonKey}/file", DownloadLessonFileAsync).RequireAuthorization(PermissionClaims.Policy(Permissions.Learn));
        endpoints.MapGet("/course-files/{name}", ServeImage).RequireAuthorization();
        endpoints.MapGet("/Admin/Courses/{id:int}/export.zip", ExportAsync).RequireAuthorization(PermissionClaims.Policy(Permissions.Author));
        return endpoints;
    }

    /// <summary>Downloading a file lesson's file completes it.</summary>
    public static async Task<Results<PhysicalFileHttpResult, NotFound, ForbidHttpResult>> DownloadLessonFileAsync(
        string slug, string lessonKey, ClaimsPrincipal user, CourseReader reader, ProgressService progress, LearningDbContext db, CourseFiles files, CancellationToken cancellationToken)
    {
        var published = await reader.FindPublishedAsync(slug, cancellationToken);
        var lesson = published?.Snapshot.Find(lessonKey);
        if (published is null || lesson is not { Kind: LessonKinds.File, FileName: { } stored } || files.PathOf(stored) is not { } path)
        {
            return TypedResults.NotFound();
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var enrolled = await db.Set<Enrollment>().AnyAsync(e => e.UserId == userId && e.CourseId == published.Course.Id && e.WithdrawnUtc == null, cancellationToken);
        if (!enrolled)
        {
            return TypedResults.Forbid();
        }

        var outcome = await progress.CompleteAsync(userId, published.Course.Id, lessonKey, "downloaded", cancellationToken);
        if (outcome == CompletionOutcome.Locked)
        {
            return TypedResults.Forbid();
        }

        return TypedResults.PhysicalFile(path, CourseFiles.ContentTypeOf(stored), lesson.FileDisplayName ?? stored, enableRangeProcessing: true);
    }

    /// <summary>Images embedded in lessons. Names are content hashes, so they are cached for a year.</summary>
    public static Results<PhysicalFileHttpResult, NotFound> ServeImage(string name, CourseFiles files, HttpContext http)
    {
        if (files.PathOf(name) is not { } path || !CourseFiles.IsImage(CourseFiles.ContentTypeOf(name)))
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(path, CourseFiles.ContentTypeOf(name));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> ExportAsync(int id, CoursePackages packages, LearningDbContext db, CancellationToken cancellationToken)
    {
        var slug = await db.Set<Course>().Where(c => c.Id == id).Select(c => c.Slug).SingleOrDefaultAsync(cancellationToken);
        if (slug is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.File(await packages.ExportAsync(id, cancellationToken), "application/zip", slug + ".course.zip");
    }
}
