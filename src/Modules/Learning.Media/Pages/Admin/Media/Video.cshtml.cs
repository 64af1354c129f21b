using Learning.Data.Jobs;
using Learning.Media.Data;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Media.Pages.Admin.Media;

[RequirePermission(Permissions.Names.Manage)]
[RequestSizeLimit(5 * 1024 * 1024)]
public sealed class VideoModel(VideoAdministration videos, CaptionService captions, PlayerRenderer player, IStringLocalizer<MediaStrings> t) : PageModel
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

    public async Task<IActionResult> OnPostSaveAsync(int id, string? title, string? description, string? field, bool isHelp, CancellationToken cancellationToken) =>
        await videos.SaveDetailsAsync(id, title, description, field, isHelp, cancellationToken) ? Redirect($"/Admin/Media/Video/{id}?saved=1") : NotFound();

    public async Task<IActionResult> OnPostCaptionsAsync(int id, string? language, IFormFile? file, CancellationToken cancellationToken)
    {
        await using var content = file is { Length: > 0 } ? file.OpenReadStream() : null;
        var upload = await captions.UploadAsync(id, language, content, cancellationToken);
        return upload.Error switch
        {
            CaptionUploadError.VideoNotFound => NotFound(),
            CaptionUploadError.Missing => await ErrorAsync(id, t["Captions.Missing"], cancellationToken),
            CaptionUploadError.Invalid => await ErrorAsync(id, t["Captions.Invalid", upload.Line, upload.Reason], cancellationToken),
            _ => Redirect($"/Admin/Media/Video/{id}?saved=1"),
        };
    }

    public async Task<IActionResult> OnPostDeleteCaptionsAsync(int id, string? language, CancellationToken cancellationToken) =>
        await captions.DeleteAsync(id, language, cancellationToken) ? Redirect($"/Admin/Media/Video/{id}?saved=1") : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken cancellationToken)
    {
        await videos.CancelAsync(id, cancellationToken);
        return Redirect($"/Admin/Media/Video/{id}");
    }

    /// <summary>Transcode again (after a failure or a cancel), from the kept source.</summary>
    public async Task<IActionResult> OnPostRetryAsync(int id, CancellationToken cancellationToken) =>
        await videos.RetryAsync(id, User.UserId(), cancellationToken) ? Redirect($"/Admin/Media/Video/{id}") : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken) =>
        await videos.DeleteAsync(id, cancellationToken) ? Redirect("/Admin/Media") : NotFound();

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
        if (await videos.FindAsync(id, cancellationToken) is not { } details)
        {
            return false;
        }

        (Item, Job, State) = (details.Video, details.Job, details.State);
        Player = await player.RenderAsync(Item, User.RequiredUserId(), new PlayerPlace(null, null, IsPreview: true), cancellationToken);
        return true;
    }
}
