using System.Globalization;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services;
using Learning.Reports.Services.Completion.Charts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>
/// The digital-signature readiness funnel of the manager's scope or of one unit in it (the certificates module's states through
/// <see cref="ICadreReadinessRows"/>): a server-side SVG funnel with its numbers as a table, and one row per unit of the next
/// level down (an administrator: the provinces; a province: its communes and departments; a commune is not broken down further),
/// each opening its own funnel, every number linking to the readiness list of that unit and state. A unit outside: 404.
/// </summary>
[RequirePermission(Permissions.Names.View)]
public sealed class ReadinessModel(IOrganizationScopeService scopes, ICadreReadinessRows readiness, ICadreDirectory directory,
    IStringLocalizer<ReportsStrings> t) : PageModel
{
    /// <summary>One row of the breakdown (or the funnel's whole): <see cref="Id"/> null for the cadres directly in the unit
    /// broken down, or for the whole scope.</summary>
    public sealed record UnitFunnel(int? Id, string Name, int Total, IReadOnlyDictionary<string, int> InState)
    {
        /// <summary>How many reached the stage (or a later one).</summary>
        public int Reached(string stage) => ReadinessStages.Reached(InState, stage);

        /// <summary>Cadres whose signature is issued, expiring or expired.</summary>
        public int Issued => InState.GetValueOrDefault("Issued") + InState.GetValueOrDefault("Expiring") + InState.GetValueOrDefault("Expired");

        public static UnitFunnel Of(int? id, string name, IEnumerable<string> states)
        {
            var list = states.ToList();
            return new UnitFunnel(id, name, list.Count, list.GroupBy(s => s).ToDictionary(s => s.Key, s => s.Count()));
        }
    }

    /// <summary>The unit whose funnel is shown (any unit in scope: a province, a commune, a department).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    /// <summary>The same as <see cref="Unit"/>, as links made before provinces could be opened spelled it.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Commune { get; set; }

    /// <summary>The units of the next level down, with their counts (units without cadres left out).</summary>
    public IReadOnlyList<UnitFunnel> Rows { get; private set; } = [];

    public UnitFunnel Selected { get; private set; } = new(null, "", 0, new Dictionary<string, int>());

    /// <summary>The chosen unit, or null for the whole scope.</summary>
    public OrgUnitRef? Chosen { get; private set; }

    /// <summary>From the top of the scope down to the chosen unit, for the breadcrumb.</summary>
    public IReadOnlyList<OrgUnitRef> Trail { get; private set; } = [];

    /// <summary>The units the filter offers (provinces and communes around the chosen one at a country's scale).</summary>
    public UnitChoices Choices { get; private set; } = new([], false);

    public string FunnelSvg { get; private set; } = "";

    /// <summary>"By province", "By commune" or "By unit", from what the rows are.</summary>
    public string RowsTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await scopes.GetScopeAsync(User, ct);
        var units = await directory.UnitsAsync(scope, ct);
        if ((Unit ?? Commune) is { } wanted)
        {
            if (units.FirstOrDefault(u => u.Id == wanted) is not { } unit)
            {
                return NotFound();
            }

            Chosen = unit;
            Unit = unit.Id;
        }

        var breakdown = OrgBreakdown.For(units, Chosen);
        var parent = breakdown.Parent;
        var within = Chosen is null ? scope : new OrgScope(false, [Chosen.Path]);
        var facts = await readiness.ListAsync(within.Unrestricted, within.Paths, ct);
        var rows = facts.Select(f => (Path: f.OrgPath, f.State)).ToList();
        var byId = units.ToDictionary(u => u.Id);
        var grouped = rows.GroupBy(r => breakdown.RowOf(r.Path) is { } id && byId.TryGetValue(id, out var unit) ? unit : null).ToList();
        Rows = [.. grouped
            .Select(g => UnitFunnel.Of(g.Key?.Id, g.Key?.Name ?? (parent is null ? t["Readiness.NoCommune"] : t["Report.DirectlyIn", parent.Name]), g.Select(r => r.State)))
            .OrderBy(r => r.Id is null ? 0 : 1).ThenBy(r => r.Name, StringComparer.CurrentCulture)];
        RowsTitle = t["Readiness.By" + OrgUnitTree.RowsKind([.. grouped.Where(g => g.Key is not null).Select(g => g.Key!)])];
        Selected = UnitFunnel.Of(Chosen?.Id, Chosen?.Name ?? t["Readiness.AllCommunes"], rows.Select(r => r.State));
        Trail = OrgUnitTree.Trail(units, Chosen?.Path);
        Choices = OrgUnitTree.Choices(OrgUnitTree.ProvincesAndCommunes(units, Chosen?.Id), Chosen?.Path);
        FunnelSvg = SvgCharts.Funnel(ReadinessStages.Chart(t["Readiness.FunnelTitle", Selected.Name], Selected.InState, s => t["Funnel." + s]), "chart-funnel");
        return Page();
    }

    /// <summary>
    /// The readiness list for a unit's subtree (or the whole scope) and a stage. The "issued" stage counts every cadre issued a
    /// signature, valid, expiring or expired, so its list is the readiness list's "Held" filter, not its "Issued" state alone.
    /// </summary>
    public static string ListUrl(int? unit, string? state)
    {
        var query = new List<string>();
        if (state is not null)
        {
            query.Add("state=" + (state == "Issued" ? "Held" : state));
        }

        if (unit is { } id)
        {
            query.Add("unit=" + id.ToString(CultureInfo.InvariantCulture));
        }

        return "/Admin/Readiness" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    /// <summary>This page for a unit, or for the whole scope.</summary>
    public static string FunnelUrl(int? unit) => "/Admin/Reports/Readiness" + (unit is { } id ? "?unit=" + id.ToString(CultureInfo.InvariantCulture) : "");
}
