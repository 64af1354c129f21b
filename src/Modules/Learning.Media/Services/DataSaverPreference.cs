using Learning.Data;
using Learning.Media.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Media.Services;

/// <summary>
/// The data saver, remembered per person: "auto" (adaptive), "240p" or "audio". Set from the player (its toggle and the
/// slow-connection hint) and from the person's account page; the player starts in the remembered mode on every device.
/// </summary>
public sealed class DataSaverPreference(LearningDbContext db, IStringLocalizer<MediaStrings> t) : IAccountPreference
{
    public static readonly IReadOnlyList<string> Values = ["auto", "240p", "audio"];

    public string Name => "media.dataSaver";

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
            db.ChangeTracker.Clear();
        }

        return true;
    }

    public async Task<AccountPreferenceField> ReadAsync(string userId, CancellationToken cancellationToken) =>
        new(Name, t["Account.DataSaver"], t["Account.DataSaverHint"], await GetAsync(userId, cancellationToken),
        [
            new("auto", t["Player.Auto"]),
            new("240p", t["Player.DataSaver"]),
            new("audio", t["Player.AudioOnly"]),
        ]);
}
