using Learning.Data.Jobs;
using Microsoft.Extensions.Logging;

namespace Learning.Media.Jobs;

/// <summary>The media sweep as an hourly recurring job (once across all nodes, with the queue's retries and history).</summary>
internal sealed class MediaSweepJob(MediaSweep sweep, IServiceProvider services, ILogger<MediaSweepJob> logger) : IJobHandler
{
    public const string JobKind = "media.sweep";

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var removed = await sweep.RemoveAsync(services, cancellationToken);
        var orphans = await sweep.RemoveOrphansAsync(services, cancellationToken);
        if (removed + orphans > 0)
        {
            logger.LogInformation("Media sweep removed {Uploads} abandoned upload(s) and {Orphans} file(s) or folder(s) no row owns", removed, orphans);
        }
    }
}
