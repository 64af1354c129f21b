using Learning.Data;
using Learning.Data.Jobs;
using Learning.Media.Data;
using Learning.Media.Jobs;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>
/// The administration's work on one video: its details, its transcoding (the status the pages poll, cancel, and retry from the
/// kept source) and its deletion with its watch records and files.
/// </summary>
public sealed class VideoAdministration(LearningDbContext db, IJobQueue jobs, MediaStorage storage, IAuditTrail audit)
{
    /// <summary>The video with its captions and its transcoding job, or null when there is no such video.</summary>
    public async Task<VideoDetails?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().AsNoTracking().Include(v => v.Captions).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null)
        {
            return null;
        }

        var job = video.JobId is { } jobId ? await jobs.FindAsync(jobId, cancellationToken) : null;
        return new VideoDetails(video, job, VideoStates.Of(video.State, job?.State));
    }

    /// <summary>Where the video's processing stands, or null when there is no such video.</summary>
    public async Task<VideoStatus?> StatusAsync(string publicId, CancellationToken cancellationToken)
    {
        var row = await db.Set<Video>().AsNoTracking().Where(v => v.PublicId == publicId)
            .Select(v => new { v.State, v.JobId, v.Renditions })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var job = row.JobId is { } jobId ? await db.Set<JobRecord>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken) : null;
        return new VideoStatus(VideoStates.Of(row.State, job?.State), row.State == VideoState.Ready ? 100 : job?.Progress ?? 0, job, row.Renditions);
    }

    /// <summary>Saves the title (kept when blank), description, support field and help-library flag. False when there is no such video.</summary>
    public async Task<bool> SaveDetailsAsync(int id, string? title, string? description, string? field, bool isHelp, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null)
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(title))
        {
            video.Title = title.Trim()[..Math.Min(300, title.Trim().Length)];
        }

        video.Description = (description ?? "").Trim();
        video.Field = SupportFields.All.Contains(field) ? field : null;
        video.IsHelp = isHelp;
        video.SearchText = SearchText.Fold(video.Title + " " + video.Description);
        audit.Record("media.video.saved", video.PublicId, video.Title);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Cancels the video's transcoding job, if it has one.</summary>
    public async Task CancelAsync(int id, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video?.JobId is { } jobId)
        {
            await jobs.CancelAsync(jobId, cancellationToken);
        }
    }

    /// <summary>Transcodes again (after a failure or a cancel), from the kept source. False when there is no such video.</summary>
    public async Task<bool> RetryAsync(int id, string? userId, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null)
        {
            return false;
        }

        video.State = VideoState.Processing;
        video.JobId = await jobs.EnqueueAsync(TranscodeJob.JobKind, new TranscodeJob.Payload(video.Id), maxAttempts: 3, createdBy: userId, cancellationToken: cancellationToken);
        audit.Record("media.video.retried", video.PublicId);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes the video: its job is cancelled, its watch records and row go (captions with it), then its folder. False when
    /// there is no such video.
    /// </summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null)
        {
            return false;
        }

        if (video.JobId is { } jobId)
        {
            await jobs.CancelAsync(jobId, cancellationToken);
        }

        await db.Set<WatchRecord>().Where(w => w.VideoId == id).ExecuteDeleteAsync(cancellationToken);
        db.Remove(video);
        audit.Record("media.video.deleted", video.PublicId, video.Title);
        await db.SaveChangesAsync(cancellationToken);
        var folder = storage.VideoFolder(video.PublicId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return true;
    }
}
