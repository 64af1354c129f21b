using Learning.Certificates.Services.Readiness;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Certificates.Pages.Admin.Readiness;

/// <summary>Readiness in the manager's scope: the funnel, a table by commune, the filtered list with paging, bulk request, exports.</summary>
[RequirePermission(Permissions.Names.Readiness)]
public sealed class IndexModel(IOrganizationScopeService scopes, ReadinessBoard board, SignatureDesk desk, ICadreDirectory directory,
    IAuditTrail audit, LearningDbContext db, Microsoft.Extensions.Localization.IStringLocalizer<CertificatesStrings> t) : PageModel
{
    /// <summary>The audit action of the list for the signature provider: who took the ready cadres' details away.</summary>
    public const string ExportedAction = "certificates.readiness.exported";

    public const int PageSize = 50;

    public static readonly IReadOnlyList<ReadinessState> Funnel = [ReadinessState.NotStarted, ReadinessState.InTraining, ReadinessState.Ready, ReadinessState.Requested, ReadinessState.Issued];

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    /// <summary>Per funnel stage: how many cadres reached it (issued, expiring and expired all reached "issued").</summary>
    public IReadOnlyList<(ReadinessState Stage, int Reached)> Stages { get; private set; } = [];

    public IReadOnlyDictionary<ReadinessState, int> Counts { get; private set; } = new Dictionary<ReadinessState, int>();

    public IReadOnlyList<CommuneRow> ByCommune { get; private set; } = [];

    /// <summary>The units the filter offers: provinces and communes, those around the chosen one at a country's scale.</summary>
    public UnitChoices Choices { get; private set; } = new([], false);

    /// <summary>The chosen unit, or null for the whole scope.</summary>
    public OrgUnitRef? Chosen { get; private set; }

    /// <summary>"By province", "By commune" or "By unit", from what the rows of the table are.</summary>
    public string RowsTitle { get; private set; } = "";

    public IReadOnlyList<CadreReadiness> Items { get; private set; } = [];

    public int Matching { get; private set; }

    public int Pages { get; private set; }

    public ReadinessState? Filter { get; private set; }

    /// <summary>The list's filter that takes every cadre issued a signature, whatever its validity now.</summary>
    public const string HeldState = "Held";

    public bool Held { get; private set; }

    /// <summary>The state filter as the list's own links carry it.</summary>
    public string? StateQuery => Held ? HeldState : Filter?.ToString();

    public int ReadyInView { get; private set; }

    public string? Message { get; private set; }

    public bool NothingConfigured { get; private set; }

    /// <summary>One row of the table by unit: <see cref="Commune"/> is the row's unit (a province, a commune, a department), null
    /// for the cadres directly in the unit broken down.</summary>
    public sealed record CommuneRow(OrgUnitRef? Commune, IReadOnlyDictionary<ReadinessState, int> Counts, int Total);

    public async Task<IActionResult> OnGetAsync(int? requested, CancellationToken cancellationToken)
    {
        if (requested is { } n)
        {
            Message = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var items = (await board.ListAsync(await WithinAsync(scope, cancellationToken), cancellationToken)).Where(i => i.State == ReadinessState.Ready).ToList();
        var stamp = board.Today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var xlsx = format == "xlsx";
        audit.Record(ExportedAction, xlsx ? "xlsx" : "csv",
            (Unit is { } unit ? $"unit={unit.ToString(System.Globalization.CultureInfo.InvariantCulture)} · " : "") + items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return xlsx
            ? File(ProviderExport.Xlsx(items), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"de-nghi-cap-chu-ky-so-{stamp}.xlsx")
            : File(ProviderExport.Csv(items), "text/csv; charset=utf-8", $"de-nghi-cap-chu-ky-so-{stamp}.csv");
    }

    /// <summary>Marks requested the ticked cadres, or (<paramref name="all"/>) every ready cadre of the filtered list.</summary>
    public async Task<IActionResult> OnPostRequestAsync(int[]? ids, bool all, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        IReadOnlyCollection<int> chosen = ids ?? [];
        if (all)
        {
            chosen = (await board.ListAsync(await WithinAsync(scope, cancellationToken), cancellationToken)).Where(i => i.State == ReadinessState.Ready).Select(i => i.Cadre.CadreId).ToList();
        }

        var count = await desk.RequestAsync(scope, chosen, User, cancellationToken);
        return RedirectToPage(new { state = nameof(ReadinessState.Requested), unit = Unit, requested = count });
    }

    public string StateName(ReadinessState state) => "State." + state;

    public static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(part * 100.0 / whole);

    /// <summary>The part of the scope the list is filtered to: the chosen unit's subtree, read alone (a province of the country
    /// is a thirty-fourth of it); a unit outside the scope leaves nothing.</summary>
    private async Task<OrgScope> WithinAsync(OrgScope scope, CancellationToken cancellationToken) =>
        Unit is not { } id ? scope
            : (await directory.UnitsAsync(scope, cancellationToken)).FirstOrDefault(u => u.Id == id) is { } unit ? new OrgScope(false, [unit.Path])
            : OrgScope.Nothing;

    /// <summary>False when the unit asked for is not in the manager's scope (a 404).</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var units = await directory.UnitsAsync(scope, cancellationToken);
        if (Unit is { } wanted && (Chosen = units.FirstOrDefault(u => u.Id == wanted)) is null)
        {
            return false;
        }

        // Read for the chosen unit's subtree alone: a province of the country is a thirty-fourth of it.
        var inUnit = await board.ListAsync(Chosen is null ? scope : new OrgScope(false, [Chosen.Path]), cancellationToken);
        NothingConfigured = inUnit.Count > 0 && inUnit.All(i => i.RequiredCount == 0) && inUnit.All(i => i.Signature is null);
        Choices = OrgUnitTree.Choices(OrgUnitTree.ProvincesAndCommunes(units, Chosen?.Id), Chosen?.Path);
        Total = inUnit.Count;
        Counts = Enum.GetValues<ReadinessState>().ToDictionary(s => s, s => inUnit.Count(i => i.State == s));
        Stages = Funnel.Select(stage => (stage, inUnit.Count(i => ReadinessRules.FunnelStage(i.State) >= ReadinessRules.FunnelStage(stage)))).ToList();

        // One row per unit of the next level down (an administrator's provinces, a province's communes), not one per commune
        // of the country.
        var breakdown = OrgBreakdown.For(units, Chosen);
        var byId = units.ToDictionary(u => u.Id);
        ByCommune = inUnit.GroupBy(i => breakdown.RowOf(i.Cadre.OrgPath) is { } id && byId.TryGetValue(id, out var unit) ? unit : null)
            .Select(g => new CommuneRow(g.Key, Enum.GetValues<ReadinessState>().ToDictionary(s => s, s => g.Count(i => i.State == s)), g.Count()))
            .OrderBy(r => r.Commune is null ? 0 : 1).ThenBy(r => r.Commune?.Name ?? "", StringComparer.CurrentCulture).ToList();
        RowsTitle = t["Readiness.By" + OrgUnitTree.RowsKind([.. ByCommune.Where(r => r.Commune is not null).Select(r => r.Commune!)])];

        Filter = Enum.TryParse<ReadinessState>(State, ignoreCase: true, out var state) && Enum.IsDefined(state) ? state : null;
        // "Held": everyone issued a signature, still valid, expiring or expired; what the reports' funnel counts as "issued".
        Held = Filter is null && string.Equals(State, HeldState, StringComparison.OrdinalIgnoreCase);
        var matching = Held ? inUnit.Where(i => i.State is ReadinessState.Issued or ReadinessState.Expiring or ReadinessState.Expired).ToList()
            : Filter is { } f ? inUnit.Where(i => i.State == f).ToList() : inUnit;
        ReadyInView = matching.Count(i => i.State == ReadinessState.Ready);
        Matching = matching.Count;
        Pages = Math.Max(1, (Matching + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = matching.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return true;
    }
}
