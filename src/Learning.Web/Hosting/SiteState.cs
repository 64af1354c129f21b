using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Web.Hosting;

public sealed record SiteSnapshot(bool IsSetUp, string SiteName, string SiteTheme, string AdminTheme);

/// <summary>
/// The site's settings row, read at most every few seconds. A node may show a settings change a few seconds late, which is
/// fine; "is set up" is re-read on every request until it is true, so a node never serves setup after another node ran it.
/// </summary>
public sealed class SiteState(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private SiteSnapshot? snapshot;
    private DateTimeOffset readAt;

    public async ValueTask<SiteSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = snapshot;
        if (current is { IsSetUp: true } && clock.GetUtcNow() - readAt < MaxAge)
        {
            return current;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var row = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, cancellationToken);
        current = row is null
            ? new SiteSnapshot(false, "", "Learning.Theme.Default", "Learning.Theme.Admin")
            : new SiteSnapshot(row.SetupCompletedUtc is not null, row.SiteName, row.SiteTheme, row.AdminTheme);
        snapshot = current;
        readAt = clock.GetUtcNow();
        return current;
    }

    public void Invalidate() => snapshot = null;
}

internal sealed class RequestSiteContext(IHttpContextAccessor http, Microsoft.Extensions.Localization.IStringLocalizer<WebStrings> t) : ISiteContext
{
    /// <summary>The site's name; before setup has named it, a description of the platform in the visitor's language.</summary>
    public string SiteName => http.HttpContext?.Features.Get<SiteSnapshot>()?.SiteName is { Length: > 0 } name ? name : t["Site.DefaultName"];
}

/// <summary>Until the site is set up, every page leads to the setup page; after, the setup page is gone.</summary>
internal sealed class SetupGateMiddleware(RequestDelegate next, SiteState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/favicon.ico"))
        {
            await next(context);
            return;
        }

        var site = await state.GetAsync(context.RequestAborted);
        context.Features.Set(site);
        if (!site.IsSetUp && !path.StartsWithSegments("/Setup") && !path.StartsWithSegments("/Error"))
        {
            context.Response.Redirect("/Setup");
            return;
        }

        await next(context);
    }
}
