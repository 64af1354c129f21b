using Learning.Data;
using Learning.Media.Data;
using Learning.Media.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Media.Jobs;

/// <summary>
/// The media disk's hourly sweep. Uploads abandoned half-way (the trainer never came back) are removed after
/// <see cref="MediaOptions.StaleUploadHours"/> with their part files. Files that no row owns — a staged video whose recipe
/// rolled back or whose host was killed mid-import, a video folder or a part file whose row is gone — are removed once older
/// than <see cref="MediaOptions.OrphanGraceHours"/> (a recipe still copying is younger than that); a staged video whose row
/// exists is moved into place. Every node may run it; deleting twice is harmless.
/// </summary>
public sealed class MediaSweep(IOptions<MediaOptions> options, TimeProvider clock, ILogger<MediaSweep> logger)
{
    public async Task<int> RemoveAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<LearningDbContext>();
        var storage = services.GetRequiredService<MediaStorage>();
        var before = clock.GetUtcNow().UtcDateTime.AddHours(-Math.Max(1, options.Value.StaleUploadHours));
        var stale = await db.Set<Upload>().Where(u => u.CreatedUtc < before).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var id in stale)
        {
            File.Delete(storage.PartPath(id));
        }

        return await db.Set<Upload>().Where(u => stale.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Removes staged videos, video folders and part files that no row owns and that are older than the grace period.</summary>
    public async Task<int> RemoveOrphansAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<LearningDbContext>();
        var storage = services.GetRequiredService<MediaStorage>();
        var before = clock.GetUtcNow().UtcDateTime.AddHours(-Math.Max(0, options.Value.OrphanGraceHours));
        var videos = (await db.Set<Video>().AsNoTracking().Select(v => v.PublicId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var uploads = (await db.Set<Upload>().AsNoTracking().Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var removed = 0;

        foreach (var folder in Directory.EnumerateDirectories(storage.StagingFolder))
        {
            var id = Path.GetFileName(folder);
            if (!MediaStorage.IsPublicId(id))
            {
                continue;
            }

            if (videos.Contains(id))
            {
                storage.Promote(id); // committed, its job not yet run: harmless to move now
            }
            else if (LastWrite(folder) < before)
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(storage.VideosFolder))
        {
            var id = Path.GetFileName(folder);
            if (MediaStorage.IsPublicId(id) && !videos.Contains(id) && LastWrite(folder) < before)
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
        }

        foreach (var part in Directory.EnumerateFiles(storage.UploadsFolder, "*.part"))
        {
            if (!uploads.Contains(Path.GetFileNameWithoutExtension(part)) && File.GetLastWriteTimeUtc(part) < before)
            {
                File.Delete(part);
                removed++;
            }
        }

        if (removed > 0)
        {
            logger.LogWarning("Media sweep: removed {Count} file(s) or folder(s) that no database row owns", removed);
        }

        return removed;
    }

    /// <summary>The newest write anywhere in the folder: a folder still being filled is never old.</summary>
    private static DateTime LastWrite(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(File.GetLastWriteTimeUtc)
            .Append(Directory.GetLastWriteTimeUtc(folder))
            .Max();
}
