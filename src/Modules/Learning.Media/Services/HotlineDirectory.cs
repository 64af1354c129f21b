using Learning.Data;
using Learning.Media.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Learning.Media.Services;

/// <summary>
/// Which hotlines a user sees: national ones, and those of their province or commune, the nearest first. This runs beside
/// every article lesson (the page cadres open most), so the directory (a few dozen rows) and where each cadre works are kept
/// in the node's memory for a minute: a change made on this node shows at once (<see cref="Forget"/>), on another node
/// within <see cref="Lifetime"/>. Staff without a cadre profile are few; their scope is read per request, as everywhere.
/// </summary>
public sealed class HotlineDirectory(LearningDbContext db, ICadreDirectory cadres, IOrganizationScopeService scopes, IMemoryCache cache, Microsoft.AspNetCore.Http.IHttpContextAccessor http)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const string AllKey = "media.hotlines";

    /// <summary>After the directory changed on this node (the admin page, a recipe): the next reader loads it again.</summary>
    public void Forget() => cache.Remove(AllKey);

    public async Task<IReadOnlyList<Hotline>> ForUserAsync(string userId, string? field, CancellationToken cancellationToken = default)
    {
        var all = await cache.GetOrCreateAsync(AllKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return await db.Set<Hotline>().AsNoTracking().OrderBy(h => h.SortOrder).ThenBy(h => h.Name).ToListAsync(cancellationToken);
        }) ?? [];

        // A cadre sees lines for everyone and for the units above them. Staff without a cadre profile see the lines of their
        // scope and of the units above it (an administrator: every line); anyone else only the lines for everyone.
        var cadrePath = await cache.GetOrCreateAsync("media.hotlines.viewer:" + userId, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return new ViewerPath((await cadres.FindByUserAsync(userId, cancellationToken))?.OrgPath);
        });
        var staffScope = OrgScope.Nothing;
        if (cadrePath?.Path is null && http.HttpContext?.User is { } user && user.UserId() == userId)
        {
            staffScope = await scopes.GetScopeAsync(user, cancellationToken);
        }

        bool Visible(string path) => cadrePath?.Path is { } own
            ? own.StartsWith(path, StringComparison.Ordinal)
            : staffScope.Unrestricted || staffScope.Contains(path) || staffScope.Paths.Any(p => p.StartsWith(path, StringComparison.Ordinal));

        return all
            .Where(h => (field is null || h.Field == field) && (h.OrgPath is null || Visible(h.OrgPath)))
            .OrderByDescending(h => h.OrgPath?.Length ?? 0)
            .ThenBy(h => h.SortOrder)
            .ToList();
    }

    /// <summary>Where a cadre works (null for an account without a cadre profile), as remembered for <see cref="Lifetime"/>.</summary>
    private sealed record ViewerPath(string? Path);
}
