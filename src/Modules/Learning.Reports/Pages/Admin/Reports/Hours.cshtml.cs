using System.Globalization;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>Training hours per cadre in a year (the declared hours of the courses completed that year) against the target of
/// their position.</summary>
[RequirePermission(Permissions.Names.View)]
public sealed class HoursModel(IOrganizationScopeService scopes, ReportReads reads, ICadreDirectory directory, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Under { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Position { get; set; }

    /// <summary>Only the cadres below their position's target for the year.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Below { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public HoursPage Result { get; private set; } = new([], 0, 0, 0);

    public IReadOnlyList<OrgUnitRef> Units { get; private set; } = [];

    /// <summary>The units the filter offers (those around the chosen one at a country's scale).</summary>
    public UnitChoices Choices { get; private set; } = new([], false);

    public IReadOnlyList<string> Positions { get; private set; } = [];

    public int Pages { get; private set; } = 1;

    public int ThisYear => LocalTime.ToLocal(clock.GetUtcNow().UtcDateTime).Year;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Year = Year is { } y && y is >= 2000 and <= 2100 ? y : ThisYear;
        var scope = await scopes.GetScopeAsync(User, ct);
        Units = await directory.UnitsAsync(scope, ct);
        if (!string.IsNullOrEmpty(Under) && !Units.Any(u => u.Path == Under))
        {
            return NotFound();
        }

        Choices = OrgUnitTree.Choices(Units, string.IsNullOrEmpty(Under) ? null : Under);
        Positions = await directory.PositionsAsync(ct);
        var filter = new HoursFilter(Year.Value, string.IsNullOrEmpty(Under) ? null : Under, string.IsNullOrEmpty(Position) ? null : Position, Below);
        Result = await reads.HoursAsync(scope, filter, Math.Max(1, PageNumber), PageSize, ct);
        Pages = Math.Max(1, (Result.Total + PageSize - 1) / PageSize);
        return Page();
    }

    public string Query(int? page = null) =>
        string.Join('&', new[]
        {
            "year=" + Year!.Value.ToString(CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(Under) ? null : "under=" + Uri.EscapeDataString(Under),
            string.IsNullOrEmpty(Position) ? null : "position=" + Uri.EscapeDataString(Position),
            Below ? "below=true" : null,
            page is { } p ? "p=" + p.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(s => s is not null));
}
