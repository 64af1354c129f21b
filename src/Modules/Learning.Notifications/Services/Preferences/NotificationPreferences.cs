using Learning.Data;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Notifications.Services.Preferences;

/// <summary>
/// Each person's e-mail cadence per category. Without a row a category is sent <see cref="Cadence.Immediately"/>; essential
/// types (the account category) always are, whatever is stored.
/// </summary>
public sealed class NotificationPreferences(LearningDbContext db)
{
    /// <summary>The stored choices of <paramref name="userId"/> (categories without a row are absent).</summary>
    public async Task<IReadOnlyDictionary<string, Cadence>> OfUserAsync(string userId, CancellationToken cancellationToken) =>
        await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Category, p => p.Cadence, StringComparer.Ordinal, cancellationToken);

    /// <summary>The stored choices of many people at once, keyed by user then category.</summary>
    public async Task<Dictionary<string, Dictionary<string, Cadence>>> OfUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<NotificationPreference>().AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToListAsync(cancellationToken);
        return rows.GroupBy(p => p.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(p => p.Category, p => p.Cadence, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>The cadence that applies to a type for someone with <paramref name="stored"/> choices.</summary>
    public static Cadence Effective(NotificationType type, IReadOnlyDictionary<string, Cadence>? stored) =>
        type.Essential ? Cadence.Immediately : stored?.GetValueOrDefault(type.Category, Cadence.Immediately) ?? Cadence.Immediately;

    /// <summary>Whether a person may choose a cadence for <paramref name="category"/> (account messages cannot be turned off).</summary>
    public static bool IsOptional(string category) => NotificationCategories.Optional.Contains(category);

    /// <summary>Stores the choices (optional categories only: anything else throws). Saved at once.</summary>
    public async Task SetAsync(string userId, IReadOnlyDictionary<string, Cadence> choices, CancellationToken cancellationToken)
    {
        if (choices.Keys.FirstOrDefault(c => !IsOptional(c)) is { } essential)
        {
            throw new ArgumentException($"The category '{essential}' cannot be changed.", nameof(choices));
        }

        for (var attempt = 0; ; attempt++)
        {
            var rows = await db.Set<NotificationPreference>().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Category, StringComparer.Ordinal, cancellationToken);
            foreach (var (category, cadence) in choices)
            {
                if (rows.TryGetValue(category, out var row))
                {
                    row.Cadence = cadence;
                }
                else
                {
                    db.Add(new NotificationPreference { UserId = userId, Category = category, Cadence = cadence });
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two tabs (or a tab and a mail client's one-click) stored the first row at once: read again and update it.
                db.ChangeTracker.Clear();
            }
        }
    }
}
