using Learning.Certificates.Data;
using Learning.Certificates.Services.Pdf;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Certificates.Pages.Admin.Certificates.Templates;

/// <summary>
/// Edits one template, with a preview made by the real renderer on sample data (long Vietnamese names) shown inline as a PDF.
/// Saving checks the Liquid (an error names its line), the variables and the images; a refused draft saves nothing.
/// </summary>
[RequirePermission(Permissions.Names.Templates)]
[RequestFormLimits(MultipartBodyLengthLimit = 6 * 1024 * 1024)]
[RequestSizeLimit(6 * 1024 * 1024)]
public sealed class EditModel(LearningDbContext db, CertificateTemplateEditor editor, IOptions<PublicAddressOptions> address, IStringLocalizer<CertificatesStrings> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public CertificateTemplateDraft Draft { get; set; } = new();

    [BindProperty]
    public IFormFile? EmblemFile { get; set; }

    [BindProperty]
    public IFormFile? BackgroundFile { get; set; }

    [BindProperty]
    public IFormFile?[] SignatureFiles { get; set; } = new IFormFile?[CertificateTemplate.MaxSignatories];

    public CertificateTemplate? Saved { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Saved = await FindAsync(cancellationToken);
        if (Saved is null)
        {
            return NotFound();
        }

        Draft = CertificateTemplateDraft.From(Saved);
        Message = Request.Query["saved"] == "1" ? t["Templates.Saved"].Value : Request.Query["restored"] == "1" ? t["Templates.Restored"].Value : null;
        return Page();
    }

    /// <summary>The saved template on sample data, as the PDF the preview frame shows.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(CancellationToken cancellationToken)
    {
        Saved = await FindAsync(cancellationToken);
        return Saved is null ? NotFound() : await PdfAsync(CertificateDesign.From(Saved));
    }

    /// <summary>The draft in the form on sample data (the form posts into the preview frame); a refused draft shows its errors.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        Saved = await FindAsync(cancellationToken);
        if (Saved is null)
        {
            return NotFound();
        }

        await ReadFilesAsync(cancellationToken);
        Errors = editor.Validate(Draft);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Content(string.Join("\n", Errors), "text/plain; charset=utf-8");
        }

        return await PdfAsync(CertificateTemplateEditor.Design(Saved, Draft));
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        Saved = await FindAsync(cancellationToken);
        if (Saved is null)
        {
            return NotFound();
        }

        await ReadFilesAsync(cancellationToken);
        Errors = await editor.SaveAsync(Id, Draft, User.Identity?.Name, cancellationToken);
        if (Errors.Count == 0)
        {
            return Redirect($"/Admin/Certificates/Templates/Edit?id={Id}&saved=1");
        }

        Message = t["Templates.NotSaved"];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(CancellationToken cancellationToken)
    {
        Saved = await FindAsync(cancellationToken);
        if (Saved is null)
        {
            return NotFound();
        }

        await editor.RestoreDefaultAsync(Id, User.Identity?.Name, cancellationToken);
        return Redirect($"/Admin/Certificates/Templates/Edit?id={Id}&restored=1");
    }

    private Task<CertificateTemplate?> FindAsync(CancellationToken cancellationToken) =>
        db.Set<CertificateTemplate>().AsNoTracking().Include(x => x.Signatories).SingleOrDefaultAsync(x => x.Id == Id, cancellationToken);

    private async Task<IActionResult> PdfAsync(CertificateDesign design)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var facts = DefaultCertificateTemplate.Sample(now, "MAU-XEM-TRUOC");
        var pdf = await CertificateRenderer.RenderAsync(design, facts, address.Value.Absolute("/verify/MAU-XEM-TRUOC"), null, true, null, now);
        Response.Headers.ContentDisposition = "inline; filename=\"preview.pdf\"";
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf");
    }

    private async Task ReadFilesAsync(CancellationToken cancellationToken)
    {
        Draft.Normalize();
        Draft.Emblem = await ReadAsync(EmblemFile, cancellationToken);
        Draft.Background = await ReadAsync(BackgroundFile, cancellationToken);
        for (var i = 0; i < CertificateTemplate.MaxSignatories; i++)
        {
            Draft.Signatures[i] = await ReadAsync(i < SignatureFiles.Length ? SignatureFiles[i] : null, cancellationToken);
        }
    }

    /// <summary>An upload's bytes; one over the limit is read only just past it, enough for the editor to refuse it by size.</summary>
    private static async Task<byte[]?> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return null;
        }

        await using var stream = file.OpenReadStream();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > CertificateTemplateEditor.MaxImageBytes)
            {
                break;
            }
        }

        return copy.ToArray();
    }
}
