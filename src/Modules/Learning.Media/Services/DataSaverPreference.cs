using Learning.Data;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>The data saver, remembered per person: "auto" (adaptive), "240p" or "audio"; the player starts in it on every device.</summary>
public sealed class DataSaverPreference(LearningDbContext db)
{
    public static readonly IReadOnlyList<string> Values = ["auto", "240p", "audio"];

    public async Task<string> GetAsync(string userId, CancellationToken cancellationToken) =>
        await db.Set<MediaPreference>().AsNoTracking().Where(p => p.UserId == userId).Select(p => p.DataSaver).SingleOrDefaultAsync(cancellationToken) ?? "auto";

    /// <summary>Stores one of <see cref="Values"/>; anything else is refused (false) and nothing changes.</summary>
    public async Task<bool> SaveAsync(string userId, string? value, CancellationToken cancellationToken)
    {
        if (value is null || !Values.Contains(value))
        {
            return false;
        }

        var preference = await db.Set<MediaPreference>().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preference is null)
        {
            db.Add(new MediaPreference { UserId = userId, DataSaver = value });
        }
        else
        {
            preference.DataSaver = value;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two tabs saved the first preference at once; one of them stands.
        }

        return true;
    }
}
