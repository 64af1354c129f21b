using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion.Charts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>
/// The digital-signature readiness funnel per commune of the manager's scope (the certificates module's states through
/// <see cref="ICadreReadinessRows"/>): a server-side SVG funnel with its numbers as a table, for the whole scope or one commune,
/// and every commune's counts, each linking to the readiness list filtered to that commune and state. A commune outside: 404.
/// </summary>
[RequirePermission(Permissions.Names.View)]
public sealed class ReadinessModel(IOrganizationScopeService scopes, ICadreReadinessRows readiness, IOrganizationReportRows organization,
    IReadDbContextFactory contexts, IStringLocalizer<ReportsStrings> t) : PageModel
{
    /// <summary>The states in funnel order; a stage counts everyone who reached it (issued includes expiring and expired).</summary>
    public static readonly IReadOnlyList<string> Stages = ["NotStarted", "InTraining", "Ready", "Requested", "Issued"];

    public sealed record CommuneFunnel(int? Id, string Name, int Total, IReadOnlyDictionary<string, int> InState)
    {
        /// <summary>How many reached the stage (or a later one).</summary>
        public int Reached(string stage) => InState.Where(kv => StageOf(kv.Key) >= StageOf(stage)).Sum(kv => kv.Value);

        /// <summary>Cadres whose signature is issued, expiring or expired.</summary>
        public int Issued => InState.GetValueOrDefault("Issued") + InState.GetValueOrDefault("Expiring") + InState.GetValueOrDefault("Expired");
    }

    private static int StageOf(string state) => state switch { "NotStarted" => 0, "InTraining" => 1, "Ready" => 2, "Requested" => 3, _ => 4 };

    [BindProperty(SupportsGet = true)]
    public int? Commune { get; set; }

    public IReadOnlyList<CommuneFunnel> Communes { get; private set; } = [];

    public CommuneFunnel Selected { get; private set; } = new(null, "", 0, new Dictionary<string, int>());

    public string FunnelSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = await scopes.GetScopeAsync(User, ct);
        var facts = await readiness.ListAsync(scope.Unrestricted, scope.Paths, ct);
        await using var db = contexts.CreateDbContext();
        var paths = await organization.Cadres(db, scope).Select(c => new { c.CadreId, c.OrgPath }).ToDictionaryAsync(c => c.CadreId, c => c.OrgPath, ct);
        var communes = await organization.Units(db, OrgScope.Everything).Where(u => u.Kind == "Commune" || u.Kind == "Ward" || u.Kind == "SpecialZone")
            .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        int? CommuneOf(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0).Where(communes.ContainsKey).Select(id => (int?)id).FirstOrDefault();

        var rows = facts.Where(f => paths.ContainsKey(f.CadreId)).Select(f => (Commune: CommuneOf(paths[f.CadreId]), f.State)).ToList();
        Communes = [.. rows.GroupBy(r => r.Commune)
            .Select(g => new CommuneFunnel(g.Key, g.Key is { } id ? communes[id] : t["Readiness.NoCommune"], g.Count(), g.GroupBy(r => r.State).ToDictionary(s => s.Key, s => s.Count())))
            .OrderBy(c => c.Id is null ? 1 : 0).ThenBy(c => c.Name, StringComparer.CurrentCulture)];
        if (Commune is { } wanted)
        {
            if (Communes.FirstOrDefault(c => c.Id == wanted) is not { } one)
            {
                return NotFound();
            }

            Selected = one;
        }
        else
        {
            Selected = new CommuneFunnel(null, t["Readiness.AllCommunes"], rows.Count, rows.GroupBy(r => r.State).ToDictionary(s => s.Key, s => s.Count()));
        }

        FunnelSvg = SvgCharts.Funnel(new FunnelChartData(t["Readiness.FunnelTitle", Selected.Name], [.. Stages.Select(s => ((string)t["Funnel." + s], (double)Selected.Reached(s)))]), "chart-funnel");
        return Page();
    }

    /// <summary>The readiness list for a commune (or the whole scope) and a state.</summary>
    public static string ListUrl(int? commune, string? state)
    {
        var query = new List<string>();
        if (state is not null)
        {
            query.Add("state=" + state);
        }

        if (commune is { } id)
        {
            query.Add("unit=" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/Admin/Readiness" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }
}
