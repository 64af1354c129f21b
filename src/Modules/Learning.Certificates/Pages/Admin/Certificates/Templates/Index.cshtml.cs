using Learning.Certificates.Data;
using Learning.Certificates.Services.Pdf;
using Learning.Courses;
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
public sealed class IndexModel(LearningDbContext db, CertificateTemplates templates, CertificateTemplateEditor editor, ICourseReportRows courses, IStringLocalizer<CertificatesStrings> t) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>The courses and paths a new template may be for (those without one), by title: <c>course:ID</c> or <c>path:ID</c>.</summary>
    public IReadOnlyList<Subject> Subjects { get; private set; } = [];

    /// <summary>What the new template is for, as a <see cref="Subjects"/> value (the form's list).</summary>
    [BindProperty]
    public string? NewSubject { get; set; }

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
        if (NewSubject is { Length: > 0 } subject)
        {
            var (kind, number) = subject.Split(':') is [var k, var n] && int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? (k, parsed) : ("", 0);
            NewCourseId = kind == "course" ? number : null;
            NewPathId = kind == "path" ? number : null;
        }

        // Only a course or path that exists: a template for a missing one would never be used.
        var exists = NewCourseId is > 0 && NewPathId is null
            ? await courses.Courses(db).AnyAsync(c => c.Id == NewCourseId, cancellationToken)
            : NewPathId is > 0 && NewCourseId is null && await courses.Paths(db).AnyAsync(p => p.Id == NewPathId, cancellationToken);
        var id = exists
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
        var rows = await db.Set<CertificateTemplate>().AsNoTracking()
            .OrderByDescending(x => x.IsDefault).ThenBy(x => x.Name)
            .Select(x => new { x.Id, x.Name, x.IsDefault, x.CourseId, x.PathId, x.Revision, x.UpdatedUtc, x.UpdatedBy })
            .ToListAsync(cancellationToken);
        var courseTitles = await courses.Courses(db).OrderBy(c => c.Title).Select(c => new { c.Id, c.Title }).ToListAsync(cancellationToken);
        var pathTitles = await courses.Paths(db).OrderBy(p => p.Title).Select(p => new { p.Id, p.Title }).ToListAsync(cancellationToken);
        var courseTitle = courseTitles.ToDictionary(c => c.Id, c => c.Title);
        var pathTitle = pathTitles.ToDictionary(p => p.Id, p => p.Title);
        Rows = rows.Select(x => new Row(x.Id, x.Name, x.IsDefault, x.CourseId, x.PathId, x.Revision, x.UpdatedUtc, x.UpdatedBy,
            x.CourseId is { } c ? courseTitle.GetValueOrDefault(c) : x.PathId is { } p ? pathTitle.GetValueOrDefault(p) : null)).ToList();
        var taken = rows.Select(x => x.CourseId is { } c ? "course:" + c : x.PathId is { } p ? "path:" + p : "").ToHashSet(StringComparer.Ordinal);
        Subjects = [
            .. courseTitles.Select(c => new Subject(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"course:{c.Id}"), c.Title, IsPath: false)),
            .. pathTitles.Select(p => new Subject(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"path:{p.Id}"), p.Title, IsPath: true)),
        ];
        Subjects = Subjects.Where(s => !taken.Contains(s.Value)).ToList();
    }

    /// <param name="SubjectTitle">The course's or path's title; null for the default, or when it no longer exists.</param>
    public sealed record Row(int Id, string Name, bool IsDefault, int? CourseId, int? PathId, int Revision, DateTime UpdatedUtc, string? UpdatedBy, string? SubjectTitle);

    public sealed record Subject(string Value, string Title, bool IsPath);
}
