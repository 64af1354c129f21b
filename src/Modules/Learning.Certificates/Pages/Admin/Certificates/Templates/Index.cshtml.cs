using Learning.Certificates.Data;
using Learning.Certificates.Services.Pdf;
using Learning.Data;
using Learning.Modularity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Certificates.Pages.Admin.Certificates.Templates;

/// <summary>The certificate templates: the default, and one per course or learning path; a new one starts from the default.</summary>
[RequirePermission(Permissions.Names.Templates)]
public sealed class IndexModel(LearningDbContext db, CertificateTemplates templates, CertificateTemplateEditor editor, IStringLocalizer<CertificatesStrings> t) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Error { get; private set; }

    [BindProperty]
    public string? NewName { get; set; }

    [BindProperty]
    public int? NewCourseId { get; set; }

    [BindProperty]
    public int? NewPathId { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var id = NewCourseId is > 0 || NewPathId is > 0
            ? await editor.CreateAsync(NewName ?? "", NewCourseId, NewPathId, User.Identity?.Name, cancellationToken)
            : null;
        if (id is null)
        {
            Error = t["Templates.CreateRefused"];
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/Admin/Certificates/Templates/Edit?id={id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await templates.EnsureDefaultAsync(cancellationToken);
        Rows = await db.Set<CertificateTemplate>().AsNoTracking()
            .OrderByDescending(x => x.IsDefault).ThenBy(x => x.Name)
            .Select(x => new Row(x.Id, x.Name, x.IsDefault, x.CourseId, x.PathId, x.Revision, x.UpdatedUtc, x.UpdatedBy))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(int Id, string Name, bool IsDefault, int? CourseId, int? PathId, int Revision, DateTime UpdatedUtc, string? UpdatedBy);
}
