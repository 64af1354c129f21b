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
        endpoints.MapPost("/Admin/Courses/preview", PreviewAsync).RequireAuthorization(PermissionClaims.Policy(Permissions.Author)).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>
    /// The lesson editor's preview: the body rendered by the same safe Markdown renderer as the published lesson, so an author
    /// sees exactly what learners will see and a hostile body (an <c>onerror</c> handler, a <c>javascript:</c> link) is inert in
    /// the preview as it is for learners. Carries the page's antiforgery token, as every state-changing request here does.
    /// </summary>
    public static async Task<Results<ContentHttpResult, BadRequest>> PreviewAsync(HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http) || !http.Request.HasFormContentType)
        {
            return TypedResults.BadRequest();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var markdown = form["markdown"].ToString();
        return TypedResults.Content(markdown.Length > 200_000 ? "" : SafeMarkdown.ToHtml(markdown), "text/html; charset=utf-8");
    }

    /// <summary>A file lesson's file, through the same gate as the lesson page. Downloading it completes the lesson, unless
    /// another site started the request (ADR-009).</summary>
    public static async Task<Results<PhysicalFileHttpResult, NotFound, ForbidHttpResult>> DownloadLessonFileAsync(
        string slug, string lessonKey, HttpContext http, LessonGate gate, ProgressService progress, CourseFiles files, CancellationToken cancellationToken)
    {
        var userId = http.User.RequiredUserId();
        var entry = await gate.CheckAsync(userId, slug, lessonKey, cancellationToken);
        if (entry.Entry == LessonEntry.NotFound || entry.Lesson is not { Kind: LessonKinds.File, FileName: { } stored } lesson || files.PathOf(stored) is not { } path)
        {
            return TypedResults.NotFound();
        }

        if (!entry.IsOpen)
        {
            return TypedResults.Forbid();
        }

        if (LessonGate.IsSameOriginNavigation(http.Request))
        {
            await progress.CompleteAsync(entry.State!, entry.Published!.Snapshot, lessonKey, "downloaded", cancellationToken);
        }

        return TypedResults.PhysicalFile(path, FileContentTypes.Of(stored), lesson.FileDisplayName ?? stored, enableRangeProcessing: true);
    }

    /// <summary>Images embedded in lessons. Names are content hashes, so they are cached for a year. An image that only a draft
    /// uses is for authors: others get it once a published version of a published course shows it.</summary>
    public static async Task<Results<PhysicalFileHttpResult, NotFound>> ServeImage(string name, CourseFiles files, HttpContext http, LearningDbContext db, CancellationToken cancellationToken)
    {
        if (files.PathOf(name) is not { } path || !FileContentTypes.IsImage(FileContentTypes.Of(name)))
        {
            return TypedResults.NotFound();
        }

        if (!http.User.Has(Permissions.Author)
            && !await db.Set<Course>().AnyAsync(
                c => c.IsPublished && (c.CoverPath == name
                    || db.Set<CourseVersion>().Any(v => v.CourseId == c.Id && v.Number == c.PublishedVersion && v.SnapshotJson.Contains("/course-files/" + name))),
                cancellationToken))
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(path, FileContentTypes.Of(name));
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
