using System.Threading.Channels;
using Learning.Courses;
using Learning.Data;
using Learning.Media.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// Heartbeat ingestion with group commit: requests are checked (token, user) on their own thread, then queued; a writer per
/// partition takes whatever has queued up, loads those learners' records in one query, merges each heartbeat in order, and saves
/// them in one batched round trip. The request is answered only after its batch is saved, so nothing acknowledged is lost.
/// A save that conflicts with another node (the record's version moved) falls back to merging those heartbeats one by one.
/// </summary>
public sealed class HeartbeatIngestor : IAsyncDisposable
{
    private const int Partitions = 2;
    private const int MaxBatch = 256;
    private const int ConflictRetries = 20;

    private readonly Channel<Pending>[] channels;
    private readonly Task[] writers;
    private readonly CancellationTokenSource stopping = new();
    private readonly IServiceScopeFactory scopes;
    private readonly MediaTokens tokens;
    private readonly IOptions<MediaOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<HeartbeatIngestor> logger;

    public HeartbeatIngestor(IServiceScopeFactory scopes, MediaTokens tokens, IOptions<MediaOptions> options, TimeProvider clock, ILogger<HeartbeatIngestor> logger)
    {
        this.scopes = scopes;
        this.tokens = tokens;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        channels = Enumerable.Range(0, Partitions).Select(_ => Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
        writers = channels.Select(c => Task.Run(() => WriteLoopAsync(c.Reader))).ToArray();
    }

    private sealed record Pending(string UserId, WatchGrant Grant, IReadOnlyList<(double Start, double End)> Reported, double Position, TaskCompletionSource<WatchStatus> Done);

    public async Task<(HeartbeatOutcome Outcome, WatchStatus? Status)> IngestAsync(string userId, Heartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        var grant = tokens.ReadWatch(heartbeat.Token);
        if (grant is null || grant.UserId != userId)
        {
            return (HeartbeatOutcome.InvalidToken, null);
        }

        var reported = (heartbeat.Intervals ?? []).Where(i => i is { Length: 2 }).Take(200).Select(i => (i[0], i[1])).ToList();
        var pending = new Pending(userId, grant, reported, heartbeat.Position, new TaskCompletionSource<WatchStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
        var partition = (int)((uint)userId.GetHashCode(StringComparison.Ordinal) % Partitions);
        await channels[partition].Writer.WriteAsync(pending, cancellationToken);
        return (HeartbeatOutcome.Accepted, await pending.Done.Task.WaitAsync(cancellationToken));
    }

    private async Task WriteLoopAsync(ChannelReader<Pending> reader)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(stopping.Token))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                try
                {
                    await WriteBatchAsync(batch);
                }
                catch (Exception ex) when (ex is DbUpdateException || Transactions.IsTransient(ex))
                {
                    // Another node saved one of these records meanwhile, or the database was busy past the execution strategy's
                    // own retries: merge them one at a time, re-reading each (a merge is idempotent, so a retry never counts twice).
                    foreach (var item in batch)
                    {
                        try
                        {
                            await WriteBatchAsync([item], retries: ConflictRetries);
                        }
                        catch (Exception inner)
                        {
                            if (!stopping.IsCancellationRequested)
                            {
                                logger.LogError(inner, "Heartbeat of {UserId} for video {VideoId} failed after {Retries} retries", item.UserId, item.Grant.VideoId, ConflictRetries);
                            }

                            item.Done.TrySetException(inner);
                        }
                    }
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Heartbeat batch of {Count} failed", batch.Count);
                    foreach (var item in batch)
                    {
                        item.Done.TrySetException(ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: anything still queued gets no answer, and the player sends it again.
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<Pending> batch, int retries = 0)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            List<(Pending Item, WatchRecord Record, bool Crossed)> results;
            try
            {
                results = await MergeAndSaveAsync(scope.ServiceProvider, batch);
            }
            catch (Exception ex) when ((ex is DbUpdateException || Transactions.IsTransient(ex)) && attempt < retries)
            {
                // The other node may be writing the same record in a loop of its own, and an immediate re-read can lose to it
                // again and again; a random, growing pause lets one of them through.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 << Math.Min(attempt, 5))), stopping.Token);
                continue;
            }

            foreach (var (item, record, crossed) in results)
            {
                if (crossed && item.Grant is { CourseId: { } courseId, LessonKey: { } lessonKey })
                {
                    await scope.ServiceProvider.GetRequiredService<ILessonCompletionReporter>().ReportCompletedAsync(item.UserId, courseId, lessonKey, "video");
                }

                item.Done.TrySetResult(WatchRules.StatusOf(record, item.Grant.DurationSeconds));
            }

            return;
        }
    }

    /// <summary>Loads the batch's records, merges each heartbeat in order and saves them with their statements, in one commit.</summary>
    private async Task<List<(Pending Item, WatchRecord Record, bool Crossed)>> MergeAndSaveAsync(IServiceProvider services, IReadOnlyList<Pending> batch)
    {
        var db = services.GetRequiredService<LearningDbContext>();
        var userIds = batch.Select(p => p.UserId).Distinct().ToList();
        var videoIds = batch.Select(p => p.Grant.VideoId).Distinct().ToList();
        var records = (await db.Set<WatchRecord>().Where(w => userIds.Contains(w.UserId) && videoIds.Contains(w.VideoId)).ToListAsync())
            .ToDictionary(w => (w.UserId, w.VideoId));
        var threshold = Math.Clamp(options.Value.CompletionThreshold, 0.1, 1.0);
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new List<(Pending Item, WatchRecord Record, bool Crossed)>(batch.Count);
        var watched = new List<(Pending Item, int Seconds, string Intervals)>();
        foreach (var item in batch)
        {
            if (!records.TryGetValue((item.UserId, item.Grant.VideoId), out var record))
            {
                record = new WatchRecord { UserId = item.UserId, VideoId = item.Grant.VideoId };
                records[(item.UserId, item.Grant.VideoId)] = record;
                db.Add(record);
            }

            var before = record.WatchedSeconds;
            results.Add((item, record, WatchRules.Apply(record, item.Grant, item.Reported, item.Position, threshold, now)));
            if (record.WatchedSeconds > before)
            {
                watched.Add((item, record.WatchedSeconds - before, record.Intervals));
            }
        }

        await RecordWatchedAsync(services.GetRequiredService<ILearningEvents>(), db, watched, now);
        await db.SaveChangesAsync();
        return results;
    }

    /// <summary>Each heartbeat that credited new seconds is a watched segment (xAPI "experienced"), saved with the record.</summary>
    private static async Task RecordWatchedAsync(ILearningEvents events, LearningDbContext db, List<(Pending Item, int Seconds, string Intervals)> watched, DateTime now)
    {
        if (watched.Count == 0)
        {
            return;
        }

        var ids = watched.Select(w => w.Item.Grant.VideoId).Distinct().ToList();
        var videos = await db.Set<Video>().AsNoTracking().Where(v => ids.Contains(v.Id)).Select(v => new { v.Id, v.PublicId, v.Title }).ToDictionaryAsync(v => v.Id);
        await events.RecordManyAsync(watched.Where(w => videos.ContainsKey(w.Item.Grant.VideoId)).Select(w =>
        {
            var video = videos[w.Item.Grant.VideoId];
            return new LearningEvent(LearningVerbs.Experienced, w.Item.UserId, LearningActivityTypes.Video, video.PublicId, video.Title)
            {
                CourseId = w.Item.Grant.CourseId,
                TimestampUtc = now,
                Duration = TimeSpan.FromSeconds(w.Seconds),
                Detail = w.Intervals,
            };
        }).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var channel in channels)
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(writers).ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }
}
