using Learning.Certificates.Services.Readiness;
using Learning.Courses;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Certificates.Pages.Admin.Readiness;

/// <summary>What makes a province's cadres ready: a learning path or a list of courses. Only for whoever's scope holds the whole province.</summary>
[RequirePermission(Permissions.Names.Readiness)]
public sealed class SettingsModel(IOrganizationScopeService scopes, ICadreDirectory cadres, ICourseProgressQuery courses, ReadinessBoard board, ReadinessSettings settings, IStringLocalizer<CertificatesStrings> t) : PageModel
{
    public IReadOnlyList<OrgUnitRef> Provinces { get; private set; } = [];

    public IReadOnlyList<CourseRef> Courses { get; private set; } = [];

    public IReadOnlyList<LearningPathRef> Paths { get; private set; } = [];

    public IReadOnlyDictionary<int, ProvinceRequirement> Requirements { get; private set; } = new Dictionary<int, ProvinceRequirement>();

    public string? Error { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(int province, int? path, int[]? courseIds, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Provinces.All(p => p.Id != province))
        {
            return NotFound();
        }

        if (path is 0)
        {
            path = null;
        }

        if (await settings.SetAsync(province, path, path is null ? courseIds ?? [] : [], User, cancellationToken) is { } error)
        {
            Error = t[error];
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        Provinces = (await cadres.UnitsAsync(scope, cancellationToken)).Where(u => u.Kind == "Province" && scope.Contains(u.Path)).ToList();
        Courses = (await courses.CoursesAsync(cancellationToken)).Where(c => c.IsPublished).ToList(); // a draft's title is the trainers' business
        Paths = (await courses.PathsAsync(cancellationToken)).Where(p => p.IsPublished).ToList();
        Requirements = await board.RequirementsAsync(cancellationToken);
    }
}
