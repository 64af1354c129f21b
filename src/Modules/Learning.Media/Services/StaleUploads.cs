using Learning.Data;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// Uploads abandoned half-way (the trainer never came back) are removed after <see cref="MediaOptions.StaleUploadHours"/>,
/// with their part files, so the media disk does not fill with fragments. Every node may run it; deleting twice is harmless.
/// </summary>
public sealed class StaleUploads(IServiceScopeFactory scopes, DatabaseMigrator migrator, IOptions<MediaOptions> options, TimeProvider clock, ILogger<StaleUploads> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await migrator.MigrateAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var removed = await RemoveAsync(scope.ServiceProvider, stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} abandoned upload(s)", removed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Removing abandoned uploads failed; it runs again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

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
}
