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

/// <summary>Offers the lesson editor the videos a video lesson can show.</summary>
public sealed class VideoReferenceSource(LearningDbContext db) : ILessonReferenceSource
{
    public string Kind => LessonKinds.Video;

    public async Task<IReadOnlyList<LessonReferenceChoice>> GetChoicesAsync(CancellationToken cancellationToken) =>
        await db.Set<Video>().AsNoTracking().OrderByDescending(v => v.CreatedUtc)
            .Select(v => new LessonReferenceChoice(v.PublicId, v.Title + (v.State == VideoState.Ready ? "" : " (…)")))
            .Take(500)
            .ToListAsync(cancellationToken);
}

/// <summary>
/// The support hotlines of a course's field beside its lessons (a video lesson shows its video's field in the player instead).
/// </summary>
public sealed class HotlinesAside(HotlineDirectory directory, PlayerRenderer player) : ILessonAsideProvider
{
    public static string? FieldOf(string courseTopic) => courseTopic switch
    {
        "digital-signatures" => "digital-signature",
        "online-public-services" or "eforms" or "online-payments" or "records-digitisation" or "vneid" => "public-services",
        "digital-skills" => "it",
        _ => null,
    };

    public async Task<IHtmlContent?> RenderAsync(LessonAsideContext context, CancellationToken cancellationToken)
    {
        if (context.LessonKind == LessonKinds.Video || FieldOf(context.CourseTopic) is not { } field)
        {
            return null;
        }

        var lines = await directory.ForUserAsync(context.UserId, field, cancellationToken);
        if (lines.Count == 0)
        {
            return null;
        }

        var html = new System.Text.StringBuilder("<link rel=\"stylesheet\" href=\"/_content/Learning.Media/media.css\">");
        player.AppendHotlines(html, lines);
        return new HtmlString(html.ToString());
    }
}
