using System.Security.Claims;
using System.Text;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Media.Data;
using Learning.Media.Jobs;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Media.Pages.Admin.Media;

[RequirePermission(Permissions.Names.Manage)]
[RequestSizeLimit(5 * 1024 * 1024)]
public sealed class VideoModel(LearningDbContext db, IJobQueue jobs, CaptionService captions, PlayerRenderer player, MediaStorage storage, IAuditTrail audit, IStringLocalizer<MediaStrings> t) : PageModel
{
    public Video? Item { get; private set; }

    public JobRecord? Job { get; private set; }

    public string State { get; private set; } = "";

    public IHtmlContent Player { get; private set; } = HtmlString.Empty;

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Message = saved is null ? null : t["Admin.Saved"].Value;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, string? title, string? description, string? field, bool isHelp, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null)
        {
            return NotFound();
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
        return Redirect($"/Admin/Media/Video/{id}?saved=1");
    }

    public async Task<IActionResult> OnPostCaptionsAsync(int id, string? language, IFormFile? file, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0 || language is null || !CaptionService.Languages.ContainsKey(language))
        {
            return await ErrorAsync(id, t["Captions.Missing"], cancellationToken);
        }

        string text;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        try
        {
            await captions.SaveAsync(video, language, text, cancellationToken);
        }
        catch (CaptionFormatException ex)
        {
            return await ErrorAsync(id, t["Captions.Invalid", ex.Line, ex.Reason], cancellationToken);
        }

        return Redirect($"/Admin/Media/Video/{id}?saved=1");
    }

    public async Task<IActionResult> OnPostDeleteCaptionsAsync(int id, string? language, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null || language is null || !CaptionService.Languages.ContainsKey(language))
        {
            return NotFound();
        }

        await captions.DeleteAsync(video, language, cancellationToken);
        return Redirect($"/Admin/Media/Video/{id}?saved=1");
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video?.JobId is { } jobId)
        {
            await jobs.CancelAsync(jobId, cancellationToken);
        }

        return Redirect($"/Admin/Media/Video/{id}");
    }

    /// <summary>Transcode again (after a failure or a cancel), from the kept source.</summary>
    public async Task<IActionResult> OnPostRetryAsync(int id, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null)
        {
            return NotFound();
        }

        video.State = VideoState.Processing;
        video.JobId = await jobs.EnqueueAsync(TranscodeJob.JobKind, new TranscodeJob.Payload(video.Id), maxAttempts: 3,
            createdBy: User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier), cancellationToken: cancellationToken);
        audit.Record("media.video.retried", video.PublicId);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/Admin/Media/Video/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (video is null)
        {
            return NotFound();
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

        return Redirect("/Admin/Media");
    }

    private async Task<IActionResult> ErrorAsync(int id, string message, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Message = message;
        IsError = true;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Item = await db.Set<Video>().AsNoTracking().Include(v => v.Captions).SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (Item is null)
        {
            return false;
        }

        Job = Item.JobId is { } jobId ? await jobs.FindAsync(jobId, cancellationToken) : null;
        State = VideoStates.Of(Item.State, Job?.State);
        var userId = User.RequiredUserId();
        Player = await player.RenderAsync(Item, userId, new PlayerPlace(null, null, IsPreview: true), cancellationToken);
        return true;
    }
}
