using Learning.Modularity;
using System.Globalization;
using Learning.Data;
using Learning.Media.Components;
using Learning.Media.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// The player, shared by video lessons and help videos: hls.js over the signed playlist URL (native HLS where the browser has it),
/// quality and speed pickers, the data saver, captions and a searchable transcript, the learner's watched share and resume point,
/// and the hotlines of the video's field. This works out what to show; the <see cref="Player"/> component lays it out.
/// </summary>
public sealed class PlayerRenderer(
    LearningDbContext db,
    MediaTokens tokens,
    HotlineDirectory hotlines,
    DataSaverPreference preference,
    ComponentHtmlRenderer components,
    IOptions<MediaOptions> options,
    TimeProvider clock,
    IHttpContextAccessor http)
{
    public async Task<IHtmlContent> RenderAsync(Video video, string userId, PlayerPlace place, CancellationToken cancellationToken)
    {
        if (video.State != VideoState.Ready)
        {
            return await components.RenderAsync<VideoProcessing>(new Dictionary<string, object?>());
        }

        var view = await ViewAsync(video, userId, place, cancellationToken);
        return await components.RenderAsync<Player>(new Dictionary<string, object?> { [nameof(Player.View)] = view });
    }

    private async Task<PlayerView> ViewAsync(Video video, string userId, PlayerPlace place, CancellationToken cancellationToken)
    {
        var watch = await db.Set<WatchRecord>().AsNoTracking().SingleOrDefaultAsync(w => w.UserId == userId && w.VideoId == video.Id, cancellationToken);
        var saver = await preference.GetAsync(userId, cancellationToken);
        var captions = await db.Set<Caption>().AsNoTracking().Where(c => c.VideoId == video.Id).OrderBy(c => c.Language).ToListAsync(cancellationToken);
        var cueLanguage = captions.FirstOrDefault(c => c.Language == CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? captions.FirstOrDefault();
        var cues = cueLanguage is null
            ? []
            : await db.Set<CaptionCue>().AsNoTracking().Where(c => c.CaptionId == cueLanguage.Id).OrderBy(c => c.StartMs).ToListAsync(cancellationToken);
        var lines = video.Field is null ? [] : await hotlines.ForUserAsync(userId, video.Field, cancellationToken);

        var status = WatchRules.StatusOf(watch, video.DurationSeconds);
        var watchToken = place.IsPreview
            ? ""
            : tokens.ForWatch(new WatchGrant(userId, video.Id, video.DurationSeconds, place.CourseId, place.LessonKey, clock.GetUtcNow().UtcDateTime));
        return new PlayerView(
            Title: video.Title,
            Root: $"/media/s/{tokens.ForPlayback(video.PublicId)}/{video.PublicId}/",
            Renditions: video.Renditions.Split(',', StringSplitOptions.RemoveEmptyEntries),
            WatchToken: watchToken,
            Resume: place.StartAt ?? (status.Position < video.DurationSeconds - 3 ? status.Position : 0),
            DataSaver: saver,
            DurationSeconds: video.DurationSeconds,
            Threshold: (int)Math.Round(Math.Clamp(options.Value.CompletionThreshold, 0.1, 1.0) * 100),
            IsPreview: place.IsPreview,
            Status: status,
            Captions: captions,
            DefaultCaption: cueLanguage,
            Cues: cues,
            Hotlines: lines,
            Assets: new PlayerAssets(
                Asset("_content/Learning.Media/media.css"),
                Asset("_content/Learning.Media/lib/hls/hls.light.min.js"),
                Asset("_content/Learning.Media/player.js")));
    }

    /// <summary>
    /// A static file's fingerprinted URL from the page's static-assets manifest (served "immutable" for a year), or its plain
    /// URL when the page has no manifest.
    /// </summary>
    private string Asset(string path)
    {
        var assets = http.HttpContext?.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>();
        return "/" + (assets?[path] ?? path);
    }
}
