using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Learning.Data;
using Learning.Media.Data;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// The player, shared by video lessons and help videos: hls.js over the signed playlist URL (native HLS where the browser has it),
/// quality and speed pickers, the data saver, captions and a searchable transcript, the learner's watched share and resume point,
/// and the hotlines of the video's field.
/// </summary>
public sealed class PlayerRenderer(LearningDbContext db, MediaTokens tokens, HotlineDirectory hotlines, MediaPreferences preferences, IOptions<MediaOptions> options, IStringLocalizer<MediaStrings> t, TimeProvider clock, HtmlEncoder encoder, Microsoft.AspNetCore.Http.IHttpContextAccessor http)
{

    public async Task<IHtmlContent> RenderAsync(Video video, string userId, PlayerPlace place, CancellationToken cancellationToken)
    {
        var html = new StringBuilder();
        if (video.State != VideoState.Ready)
        {
            html.Append("<p class=\"alert\" id=\"video-processing\">").Append(E(t["Player.Processing"])).Append("</p>");
            return new HtmlString(html.ToString());
        }

        var watch = await db.Set<WatchRecord>().AsNoTracking().SingleOrDefaultAsync(w => w.UserId == userId && w.VideoId == video.Id, cancellationToken);
        var saver = await preferences.DataSaverAsync(userId, cancellationToken);
        var captions = await db.Set<Caption>().AsNoTracking().Where(c => c.VideoId == video.Id).OrderBy(c => c.Language).ToListAsync(cancellationToken);
        var cueLanguage = captions.FirstOrDefault(c => c.Language == CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? captions.FirstOrDefault();
        var cues = cueLanguage is null
            ? []
            : await db.Set<CaptionCue>().AsNoTracking().Where(c => c.CaptionId == cueLanguage.Id).OrderBy(c => c.StartMs).ToListAsync(cancellationToken);
        var lines = video.Field is null ? [] : await hotlines.ForUserAsync(userId, video.Field, cancellationToken);

        var status = WatchRules.StatusOf(watch, video.DurationSeconds);
        var token = tokens.ForPlayback(video.PublicId);
        var root = $"/media/s/{token}/{video.PublicId}/";
        var watchToken = place.IsPreview
            ? ""
            : tokens.ForWatch(new WatchGrant(userId, video.Id, video.DurationSeconds, place.CourseId, place.LessonKey, clock.GetUtcNow().UtcDateTime));
        var resume = place.StartAt ?? (status.Position < video.DurationSeconds - 3 ? status.Position : 0);
        var threshold = (int)Math.Round(Math.Clamp(options.Value.CompletionThreshold, 0.1, 1.0) * 100);
        var renditions = video.Renditions.Split(',', StringSplitOptions.RemoveEmptyEntries);

        html.Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{Asset("_content/Learning.Media/media.css")}\">");
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"player\" id=\"player\" data-player data-src=\"{root}hls/master.m3u8\"");
        if (renditions.Contains("audio"))
        {
            html.Append(CultureInfo.InvariantCulture, $" data-audio-src=\"{root}hls/audio/index.m3u8\"");
        }

        html.Append(CultureInfo.InvariantCulture, $" data-watch=\"{E(watchToken)}\" data-resume=\"{resume:0.###}\" data-saver=\"{E(saver)}\" data-duration=\"{video.DurationSeconds:0.###}\" data-threshold=\"{threshold}\"");
        html.Append(" data-text-watched=\"").Append(E(t["Player.Watched"])).Append("\" data-text-done=\"").Append(E(t["Player.Completed"])).Append("\">");
        html.Append(CultureInfo.InvariantCulture, $"<video controls playsinline preload=\"metadata\" poster=\"{root}poster.jpg\" aria-label=\"{E(video.Title)}\" crossorigin=\"anonymous\">");
        foreach (var caption in captions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<track kind=\"subtitles\" srclang=\"{E(caption.Language)}\" label=\"{E(caption.Label)}\" src=\"{root}captions/{E(caption.Language)}.vtt\"{(caption == cueLanguage ? " default" : "")}>");
        }

        html.Append("</video>");

        // Controls: quality (rendition), speed, data saver, download.
        html.Append("<div class=\"player-controls\">");
        html.Append("<label><span>").Append(E(t["Player.Quality"])).Append("</span><select data-quality>");
        html.Append("<option value=\"auto\">").Append(E(t["Player.Auto"])).Append("</option>");
        foreach (var name in renditions.Where(r => r != "audio"))
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(name)}\">{E(name)}</option>");
        }

        if (renditions.Contains("audio"))
        {
            html.Append("<option value=\"audio\">").Append(E(t["Player.AudioOnly"])).Append("</option>");
        }

        html.Append("</select></label>");
        html.Append("<label><span>").Append(E(t["Player.Speed"])).Append("</span><select data-speed>");
        foreach (var rate in new[] { "0.75", "1", "1.25", "1.5", "2" })
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{rate}\"{(rate == "1" ? " selected" : "")}>{rate}×</option>");
        }

        html.Append("</select></label>");
        html.Append("<label class=\"check\"><input type=\"checkbox\" data-saver-toggle").Append(saver == "auto" ? "" : " checked").Append("> <span>").Append(E(t["Player.DataSaver"])).Append("</span></label>");
        html.Append(CultureInfo.InvariantCulture, $"<a class=\"btn btn-small\" href=\"{root}download.mp4\" download>{E(t["Player.Download"])}</a>");
        html.Append("</div>");
        html.Append("<p class=\"alert player-hint\" data-saver-hint hidden>").Append(E(t["Player.SlowConnection"]))
            .Append(" <button type=\"button\" class=\"btn btn-small\" data-saver-accept>").Append(E(t["Player.UseDataSaver"])).Append("</button></p>");

        if (!place.IsPreview)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"watch-progress\" id=\"watch-progress\"><div class=\"progress\"><span style=\"width:{status.Percent}%\"></span></div>");
            html.Append(CultureInfo.InvariantCulture, $"<span data-watched-text>{E(status.Completed ? t["Player.Completed"] : t["Player.Watched", status.Percent, threshold])}</span></div>");
        }

        if (cues.Count > 0)
        {
            html.Append("<details class=\"transcript\" open><summary>").Append(E(t["Player.Transcript"])).Append("</summary>");
            html.Append("<input type=\"search\" data-transcript-filter placeholder=\"").Append(E(t["Player.SearchTranscript"])).Append("\" aria-label=\"").Append(E(t["Player.SearchTranscript"])).Append("\">");
            html.Append("<ol class=\"transcript-lines\">");
            foreach (var cue in cues)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li data-folded=\"{E(cue.Folded)}\"><a href=\"#t={cue.StartMs / 1000.0:0.###}\" data-t=\"{cue.StartMs / 1000.0:0.###}\"><time>{MediaFormat.Clock(cue.StartMs)}</time></a> {E(cue.Text)}</li>");
            }

            html.Append("</ol></details>");
        }

        html.Append("</div>");
        AppendHotlines(html, lines);
        html.Append(CultureInfo.InvariantCulture, $"<script src=\"{Asset("_content/Learning.Media/lib/hls/hls.light.min.js")}\"></script><script src=\"{Asset("_content/Learning.Media/player.js")}\"></script>");
        return new HtmlString(html.ToString());
    }

    public void AppendHotlines(StringBuilder html, IReadOnlyList<Hotline> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        html.Append("<aside class=\"card hotlines\" id=\"hotlines\"><h2>").Append(E(t["Hotlines.Beside"])).Append("</h2><ul>");
        foreach (var line in lines)
        {
            html.Append("<li><strong>").Append(E(line.Name)).Append("</strong>");
            if (line.OrgName is not null)
            {
                html.Append(" <span class=\"muted\">· ").Append(E(line.OrgName)).Append("</span>");
            }

            html.Append("<br>");
            if (line.Phone is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a class=\"btn btn-small\" href=\"tel:{E(HotlineContact.PhoneHref(line.Phone))}\">☎ {E(line.Phone)}</a> ");
            }

            if (line.Zalo is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a class=\"btn btn-small\" href=\"https://zalo.me/{E(HotlineContact.PhoneHref(line.Zalo))}\" rel=\"noopener\">Zalo {E(line.Zalo)}</a> ");
            }

            if (line.Email is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"mailto:{E(line.Email)}\">{E(line.Email)}</a> ");
            }

            if (line.Hours is not null)
            {
                html.Append("<span class=\"muted small\">").Append(E(line.Hours)).Append("</span>");
            }

            html.Append("</li>");
        }

        html.Append("</ul></aside>");
    }

    private string E(string? value) => encoder.Encode(value ?? "");

    /// <summary>
    /// A static file's fingerprinted URL from the page's static-assets manifest (served "immutable" for a year), or its plain
    /// URL when the page has no manifest.
    /// </summary>
    private string Asset(string path)
    {
        var context = http.HttpContext;
        var assets = context is null ? null : Microsoft.AspNetCore.Http.EndpointHttpContextExtensions.GetEndpoint(context)?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.ResourceAssetCollection>();
        return "/" + (assets?[path] ?? path);
    }
}
