using Learning.Data;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>The data saver each learner chose, remembered across devices: <c>auto</c>, <c>240p</c> or <c>audio</c>.</summary>
public sealed class MediaPreferences(LearningDbContext db)
{
    public async Task<string> DataSaverAsync(string userId, CancellationToken cancellationToken) =>
        await db.Set<MediaPreference>().AsNoTracking().Where(p => p.UserId == userId).Select(p => p.DataSaver).SingleOrDefaultAsync(cancellationToken) ?? "auto";

    /// <summary>Saves the choice (anything unknown is <c>auto</c>) and returns what was saved.</summary>
    public async Task<string> SaveDataSaverAsync(string userId, string? dataSaver, CancellationToken cancellationToken)
    {
        var value = dataSaver is "240p" or "audio" ? dataSaver : "auto";
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

        return value;
    }
}
