using Learning.Data;
using Learning.Media.Data;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>The support fields hotlines and help videos belong to. Labels are localized as <c>Field.{code}</c>.</summary>
public static class SupportFields
{
    public static readonly IReadOnlyList<string> All = ["civil-status", "land", "business-registration", "digital-signature", "public-services", "it"];
}

/// <summary>Which hotlines a user sees: national ones, and those of their province or commune, the nearest first.</summary>
public sealed class HotlineDirectory(LearningDbContext db, ICadreDirectory cadres)
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
        // A cadre sees lines for everyone and for the units above them; province staff without a commune see every line.
        return all
            .Where(h => h.OrgPath is null || profile is null || profile.OrgPath.StartsWith(h.OrgPath, StringComparison.Ordinal))
            .OrderByDescending(h => h.OrgPath?.Length ?? 0)
            .ThenBy(h => h.SortOrder)
            .ToList();
    }
}
