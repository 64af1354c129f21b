using Learning.Courses;
using Learning.Data;
using Learning.Media.Data;

namespace Learning.Media.Services;

/// <summary>What learners watched, from the heartbeats' watch records, for reports (a cadre's record).</summary>
internal sealed class VideoWatchRows : IVideoWatchRows
{
    public IQueryable<VideoWatchRow> Watches(object context) =>
        from w in Db(context).Set<WatchRecord>()
        join v in Db(context).Set<Video>() on w.VideoId equals v.Id
        select new VideoWatchRow
        {
            UserId = w.UserId, VideoPublicId = v.PublicId, WatchedSeconds = w.WatchedSeconds, DurationSeconds = v.DurationSeconds,
            CompletedUtc = w.CompletedUtc, UpdatedUtc = w.UpdatedUtc,
        };

    public IQueryable<VideoRow> Videos(object context) =>
        Db(context).Set<Video>().Select(v => new VideoRow { PublicId = v.PublicId, Title = v.Title, DurationSeconds = v.DurationSeconds });

    private static LearningDbContext Db(object context) =>
        context as LearningDbContext ?? throw new ArgumentException("A LearningDbContext is expected.", nameof(context));
}
