using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Learning.Modularity;

/// <summary>
/// A static file's address with its content hash (<c>?v=…</c>), as <c>asp-append-version</c> writes it, for the layouts and the
/// exam's attempt page, which use no tag helpers: each one on a page is built, run and buffered on every request (ADR-045).
/// </summary>
public static class AssetUrls
{
    /// <param name="path">From the site's root, e.g. <c>/_content/Learning.Quizzes/quiz.css</c>; the request's path base is put before it.</param>
    public static string Versioned(this IFileVersionProvider versions, HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(context);
        var pathBase = context.Request.PathBase;
        return versions.AddFileVersionToPath(pathBase, pathBase.Add(path).Value!);
    }
}
