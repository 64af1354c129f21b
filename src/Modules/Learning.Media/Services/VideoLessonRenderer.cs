using Learning.Courses;
using Learning.Data;
using Learning.Media.Data;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>Renders a video lesson: the lesson's reference is the video's public id.</summary>
public sealed class VideoLessonRenderer(LearningDbContext db, PlayerRenderer player, ILessonCompletionReporter reporter) : ILessonKindRenderer
{
    public string Kind => LessonKinds.Video;

    public async Task<IHtmlContent> RenderAsync(LessonRenderContext context, CancellationToken cancellationToken)
    {
        var video = context.Reference is { Length: > 0 } reference
            ? await db.Set<Video>().AsNoTracking().SingleOrDefaultAsync(v => v.PublicId == reference, cancellationToken)
            : null;
        if (video is null)
        {
            return HtmlString.Empty;
        }

        if (!context.IsPreview && video.State == VideoState.Ready
            && await db.Set<WatchRecord>().AnyAsync(w => w.UserId == context.UserId && w.VideoId == video.Id && w.CompletedUtc != null, cancellationToken))
        {
            // Watched enough already (elsewhere, or before this lesson used the video): the lesson counts as done.
            await reporter.ReportCompletedAsync(context.UserId, context.CourseId, context.LessonKey, "video", cancellationToken);
        }

        return await player.RenderAsync(video, context.UserId, new PlayerPlace(context.CourseId, context.LessonKey, context.IsPreview), cancellationToken);
    }
}
