using Learning.Modularity;
using Learning.Notifications.Services.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages.Admin.Notifications.Templates;

/// <summary>
/// Edits one type's template in one culture, with a preview on the type's sample model: the preview button (and, with
/// JavaScript, typing) shows the three parts as they would be sent; saving refuses a template with an error, with its line.
/// </summary>
[RequirePermission(Permissions.Names.ManageTemplates)]
public sealed class EditModel(TemplateStore store, IStringLocalizer<NotificationsStrings> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Culture { get; set; }

    [BindProperty]
    public string Subject { get; set; } = "";

    [BindProperty]
    public string TextBody { get; set; } = "";

    [BindProperty]
    public string HtmlBody { get; set; } = "";

    public bool Customised { get; private set; }

    public string? UpdatedBy { get; private set; }

    public DateTime? UpdatedUtc { get; private set; }

    public RenderedMail? Preview { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public TemplateSchema Schema => TemplateModels.Schema(Type!)!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(keepInput: false, cancellationToken))
        {
            return NotFound();
        }

        Message = Request.Query["saved"] == "1" ? t["Templates.Saved"].Value : Request.Query["restored"] == "1" ? t["Templates.Restored"].Value : null;
        await PreviewAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(keepInput: true, cancellationToken))
        {
            return NotFound();
        }

        await PreviewAsync();
        return Page();
    }

    /// <summary>The preview for the page's script: the rendered parts and the errors, as JSON.</summary>
    public async Task<IActionResult> OnPostPreviewJsonAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(keepInput: true, cancellationToken))
        {
            return NotFound();
        }

        await PreviewAsync();
        return new JsonResult(new { subject = Preview?.Subject, text = Preview?.TextBody, html = Preview?.HtmlBody, errors = Errors });
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(keepInput: true, cancellationToken))
        {
            return NotFound();
        }

        var errors = await store.SaveAsync(Type!, Culture!, Source, User.Identity?.Name, cancellationToken);
        if (errors.Count == 0)
        {
            return Redirect(EditUrl() + "&saved=1");
        }

        Errors = [.. errors.Select(t.Describe)];
        Message = t["Templates.NotSaved"];
        await PreviewAsync(keepErrors: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken cancellationToken)
    {
        if (!TemplateStore.Exists(Type, Culture))
        {
            return NotFound();
        }

        await store.RestoreDefaultAsync(Type!, Culture!, cancellationToken);
        return Redirect(EditUrl() + "&restored=1");
    }

    private TemplateSource Source => new(Subject, TextBody, HtmlBody);

    private string EditUrl() => $"/Admin/Notifications/Templates/Edit?type={Uri.EscapeDataString(Type!)}&culture={Uri.EscapeDataString(Culture!)}";

    private async Task<bool> LoadAsync(bool keepInput, CancellationToken cancellationToken)
    {
        if (!TemplateStore.Exists(Type, Culture))
        {
            return false;
        }

        var (source, row) = await store.GetAsync(Type!, Culture!, cancellationToken);
        (Customised, UpdatedBy, UpdatedUtc) = (row is not null, row?.UpdatedBy, row?.UpdatedUtc);
        if (!keepInput)
        {
            (Subject, TextBody, HtmlBody) = (source.Subject, source.TextBody, source.HtmlBody);
        }

        return true;
    }

    private async Task PreviewAsync(bool keepErrors = false)
    {
        var preview = await store.PreviewAsync(Type!, Culture!, Source);
        Preview = preview.Mail;
        if (!keepErrors)
        {
            Errors = [.. preview.Errors.Select(t.Describe)];
        }
    }
}
