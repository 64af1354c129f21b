using Learning.Media.Data;

namespace Learning.Media.Services;

/// <summary>
/// The rules for merging one heartbeat into a watch record. Only unique seconds count, clamped to the video and to what could
/// have been played in the wall-clock time that passed (at most double speed, see <see cref="WatchRecord.AllowanceFromUtc"/>), so
/// a forged "10 hours watched" adds only the few seconds that could really have been watched.
/// </summary>
public static class WatchRules
{
    /// <summary>Playback runs at most this fast; what is reported beyond it is not counted.</summary>
    public const double MaxRate = 2.0;

    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    /// <returns>Whether this heartbeat made the record cross the completion threshold.</returns>
    public static bool Apply(WatchRecord record, WatchGrant grant, IReadOnlyList<(double Start, double End)> reported, double position, double threshold, DateTime now)
    {
        // The budget: at most double speed since the watermark, which never predates this page view (plus a little slack).
        var from = record.AllowanceFromUtc > grant.IssuedUtc - Slack ? record.AllowanceFromUtc : grant.IssuedUtc - Slack;
        var budget = (int)Math.Floor(Math.Max(0, (now - from).TotalSeconds) * MaxRate);
        var intervals = WatchIntervals.Parse(record.Intervals);
        var added = intervals.AddReported(reported, grant.DurationSeconds, budget);
        record.AllowanceFromUtc = from + TimeSpan.FromSeconds(added / MaxRate);
        record.Intervals = intervals.ToString();
        record.WatchedSeconds = intervals.TotalSeconds;
        if (!double.IsNaN(position))
        {
            record.PositionSeconds = Math.Round(Math.Clamp(position, 0, grant.DurationSeconds), 1);
        }

        var crossed = record.CompletedUtc is null && record.WatchedSeconds >= (int)Math.Ceiling(grant.DurationSeconds * threshold);
        if (crossed)
        {
            record.CompletedUtc = now;
        }

        record.UpdatedUtc = now;
        record.Version++;
        return crossed;
    }

    public static WatchStatus StatusOf(WatchRecord? record, double duration) => record is null
        ? new WatchStatus(0, 0, 0, false)
        : new WatchStatus(record.WatchedSeconds, duration <= 0 ? 0 : (int)Math.Min(100, Math.Floor(100.0 * record.WatchedSeconds / Math.Ceiling(duration))), record.PositionSeconds, record.CompletedUtc is not null);
}
