using Learning.Courses;
using Learning.Data;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>One batched heartbeat: the intervals played since the last one, and where the playhead is.</summary>
public sealed record Heartbeat(string Token, double[][]? Intervals, double Position);

public sealed record WatchStatus(int WatchedSeconds, int Percent, double Position, bool Completed);

public enum HeartbeatOutcome
{
    Accepted,
    InvalidToken,
}

/// <summary>
/// Merges heartbeats into the learner's watch record. Only unique seconds count, clamped to the video and to what could have been
/// played in the wall-clock time that passed (at most double speed, see <see cref="WatchRecord.AllowanceFromUtc"/>), so a forged
/// "10 hours watched" adds only the few seconds that could really have been watched.
/// Two tabs reporting at once both land: the record carries a version and a conflicting save is merged again.
/// </summary>
public sealed class WatchService(LearningDbContext db, MediaTokens tokens, IOptions<MediaOptions> options, ILessonCompletionReporter reporter, TimeProvider clock)
{
    /// <summary>Playback runs at most this fast; what is reported beyond it since the last report is not counted.</summary>
    private const double MaxRate = 2.0;

    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    public async Task<(HeartbeatOutcome Outcome, WatchStatus? Status)> IngestAsync(string userId, Heartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        var grant = tokens.ReadWatch(heartbeat.Token);
        if (grant is null || grant.UserId != userId)
        {
            return (HeartbeatOutcome.InvalidToken, null);
        }

        var reported = (heartbeat.Intervals ?? [])
            .Where(i => i is { Length: 2 })
            .Select(i => (Start: i[0], End: i[1]))
            .ToList();
        var threshold = Math.Clamp(options.Value.CompletionThreshold, 0.1, 1.0);
        var needed = (int)Math.Ceiling(grant.DurationSeconds * threshold);

        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var record = await db.Set<WatchRecord>().SingleOrDefaultAsync(w => w.UserId == userId && w.VideoId == grant.VideoId, cancellationToken);
            var isNew = record is null;
            record ??= new WatchRecord { UserId = userId, VideoId = grant.VideoId };

            // The budget: at most double speed since the watermark, which never predates this page view (plus a little slack).
            var from = record.AllowanceFromUtc > grant.IssuedUtc - Slack ? record.AllowanceFromUtc : grant.IssuedUtc - Slack;
            var budget = (int)Math.Floor(Math.Max(0, (now - from).TotalSeconds) * MaxRate);
            var intervals = WatchIntervals.Parse(record.Intervals);
            var added = intervals.AddReported(reported, grant.DurationSeconds, budget);
            record.AllowanceFromUtc = from + TimeSpan.FromSeconds(added / MaxRate);
            record.Intervals = intervals.ToString();
            record.WatchedSeconds = intervals.TotalSeconds;
            if (!double.IsNaN(heartbeat.Position))
            {
                record.PositionSeconds = Math.Round(Math.Clamp(heartbeat.Position, 0, grant.DurationSeconds), 1);
            }

            var crossed = record.CompletedUtc is null && record.WatchedSeconds >= needed;
            if (crossed)
            {
                record.CompletedUtc = now;
            }

            record.UpdatedUtc = now;
            record.Version++;
            if (isNew)
            {
                db.Add(record);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 8)
            {
                // Another tab or node saved first (a version conflict, or the same first insert): merge onto what it saved.
                db.ChangeTracker.Clear();
                continue;
            }

            if (crossed && grant is { CourseId: { } courseId, LessonKey: { } lessonKey })
            {
                await reporter.ReportCompletedAsync(userId, courseId, lessonKey, "video", cancellationToken);
            }

            return (HeartbeatOutcome.Accepted, StatusOf(record, grant.DurationSeconds));
        }
    }

    public static WatchStatus StatusOf(WatchRecord? record, double duration) => record is null
        ? new WatchStatus(0, 0, 0, false)
        : new WatchStatus(record.WatchedSeconds, duration <= 0 ? 0 : (int)Math.Min(100, Math.Floor(100.0 * record.WatchedSeconds / Math.Ceiling(duration))), record.PositionSeconds, record.CompletedUtc is not null);
}
