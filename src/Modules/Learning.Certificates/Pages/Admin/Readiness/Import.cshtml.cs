using Learning.Certificates.Services.Readiness;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Pages.Admin.Readiness;

/// <summary>
/// The provider's file of issued signatures: upload, a preview with per-row errors, then import all or nothing. The checked file
/// travels back with the confirmation (as base64) and is checked again, in the transaction that records it.
/// </summary>
[RequirePermission(Permissions.Names.Readiness)]
public sealed class ImportModel(IOrganizationScopeService scopes, SignatureImport import, LearningDbContext db) : PageModel
{
    public ImportPreview? Preview { get; private set; }

    public string? FileName { get; private set; }

    public string? FileContent { get; private set; }

    public int? Imported { get; private set; }

    public void OnGet(int? imported) => Imported = imported;

    public IActionResult OnGetTemplate(string format) => format == "xlsx"
        ? File(SignatureImport.TemplateXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-chu-ky-so-da-cap.xlsx")
        : File(SignatureImport.TemplateCsv(), "text/csv; charset=utf-8", "mau-chu-ky-so-da-cap.csv");

    [RequestSizeLimit(SignatureImport.MaxBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = SignatureImport.MaxBytes + 64 * 1024)]
    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Preview = new([], [], "Import.Error.Empty");
            return Page();
        }

        if (file.Length > SignatureImport.MaxBytes)
        {
            Preview = new([], [], "Import.Error.TooLarge");
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        FileName = Path.GetFileName(file.FileName);
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        Preview = await import.PreviewAsync(scope, FileName, buffer.ToArray(), cancellationToken);
        FileContent = Preview.CanImport ? Convert.ToBase64String(buffer.ToArray()) : null;
        return Page();
    }

    [RequestSizeLimit(SignatureImport.MaxBytes * 2)]
    [RequestFormLimits(ValueLengthLimit = SignatureImport.MaxBytes * 2)]
    public async Task<IActionResult> OnPostImportAsync(string? fileName, string? content, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }

        FileName = Path.GetFileName(fileName ?? "");
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        try
        {
            var (preview, imported) = await import.ImportAsync(scope, FileName, bytes, User, cancellationToken);
            if (imported > 0)
            {
                return RedirectToPage(new { imported });
            }

            Preview = preview;
        }
        catch (DbUpdateException)
        {
            // Another import recorded one of these serials meanwhile: nothing of this one was kept; the file is checked again.
            db.ChangeTracker.Clear();
            Preview = await import.PreviewAsync(scope, FileName, bytes, cancellationToken);
        }

        return Page();
    }
}
