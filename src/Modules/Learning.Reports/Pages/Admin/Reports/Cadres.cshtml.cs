using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>The cadres behind a number of the report (same filter), paged.</summary>
[RequirePermission(Permissions.Names.View)]
public sealed class CadresModel(IOrganizationScopeService scopes, ICompletionReport report, ICadreDirectory directory, IStringLocalizer<ReportsStrings> t) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ReportFilter Filter { get; private set; } = new();

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public IReadOnlyList<CadreRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages { get; private set; } = 1;

    public string? UnitName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Filter = ReportFilter.Parse(Request.Query);
        var scope = await scopes.GetScopeAsync(User, ct);
        var units = await directory.UnitsAsync(scope, ct);
        if (!IndexModel.InScope(scope, Filter, units))
        {
            return NotFound();
        }

        UnitName = units.FirstOrDefault(u => u.Id == Filter.UnitId)?.Name ?? units.FirstOrDefault(u => u.Path == Filter.UnderPath)?.Name;
        Problems = Filter.Validate(t);
        if (Problems.Count > 0)
        {
            return Page();
        }

        Total = await report.CountCadresAsync(scope, Filter, ct);
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var skip = (PageNumber - 1) * PageSize;
        var rows = new List<CadreRow>(PageSize);
        var index = 0;
        await foreach (var row in report.CadresAsync(scope, Filter, ct))
        {
            if (index++ < skip)
            {
                continue;
            }

            rows.Add(row);
            if (rows.Count == PageSize)
            {
                break;
            }
        }

        Rows = rows;
        return Page();
    }

    public string PageLink(int page) => "/Admin/Reports/Cadres?" + Filter.ToQueryString() + "&p=" + page;

    public string BackLink => "/Admin/Reports?" + (Filter with { Status = null, UnitId = null }).ToQueryString();
}
