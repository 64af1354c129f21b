using Learning.Data;
using Learning.Media.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>Which hotlines a user sees: national ones, and those of their province or commune, the nearest first.</summary>
public sealed class HotlineDirectory(LearningDbContext db, ICadreDirectory cadres, IOrganizationScopeService scopes, Microsoft.AspNetCore.Http.IHttpContextAccessor http)
{
    public async Task<IReadOnlyList<Hotline>> ForUserAsync(string userId, string? field, CancellationToken cancellationToken = default)
    {
        var profile = await cadres.FindByUserAsync(userId, cancellationToken);
        var query = db.Set<Hotline>().AsNoTracking();
        if (field is not null)
        {
            query = query.Where(h => h.Field == field);
        }

        var all = await query.OrderBy(h => h.SortOrder).ThenBy(h => h.Name).ToListAsync(cancellationToken);

        // A cadre sees lines for everyone and for the units above them. Staff without a cadre profile see the lines of their
        // scope and of the units above it (an administrator: every line); anyone else only the lines for everyone.
        var staffScope = OrgScope.Nothing;
        if (profile is null && http.HttpContext?.User is { } user && user.UserId() == userId)
        {
            staffScope = await scopes.GetScopeAsync(user, cancellationToken);
        }

        bool Visible(string path) => profile is not null
            ? profile.OrgPath.StartsWith(path, StringComparison.Ordinal)
            : staffScope.Unrestricted || staffScope.Contains(path) || staffScope.Paths.Any(p => p.StartsWith(path, StringComparison.Ordinal));

        return all
            .Where(h => h.OrgPath is null || Visible(h.OrgPath))
            .OrderByDescending(h => h.OrgPath?.Length ?? 0)
            .ThenBy(h => h.SortOrder)
            .ToList();
    }
}
