using Learning.Certificates.Services.Readiness;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Certificates.Pages.Admin.Readiness;

/// <summary>Readiness in the manager's scope: the funnel, a table by commune, the filtered list with paging, bulk request, exports.</summary>
[RequirePermission(Permissions.Names.Readiness)]
public sealed class IndexModel(IOrganizationScopeService scopes, ReadinessBoard board, SignatureDesk desk) : PageModel
{
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

    public IReadOnlyList<OrgUnitRef> Communes { get; private set; } = [];

    public IReadOnlyList<CadreReadiness> Items { get; private set; } = [];

    public int Matching { get; private set; }

    public int Pages { get; private set; }

    public ReadinessState? Filter { get; private set; }

    public int ReadyInView { get; private set; }

    public string? Message { get; private set; }

    public bool NothingConfigured { get; private set; }

    public sealed record CommuneRow(OrgUnitRef? Commune, IReadOnlyDictionary<ReadinessState, int> Counts, int Total);

    public async Task<IActionResult> OnGetAsync(int? requested, CancellationToken cancellationToken)
    {
        if (requested is { } n)
        {
            Message = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var items = InUnit(await board.ListAsync(scope, cancellationToken)).Where(i => i.State == ReadinessState.Ready).ToList();
        var stamp = board.Today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return format == "xlsx"
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
            chosen = InUnit(await board.ListAsync(scope, cancellationToken)).Where(i => i.State == ReadinessState.Ready).Select(i => i.Cadre.CadreId).ToList();
        }

        var count = await desk.RequestAsync(scope, chosen, User, cancellationToken);
        return RedirectToPage(new { state = nameof(ReadinessState.Requested), unit = Unit, requested = count });
    }

    public string StateName(ReadinessState state) => "State." + state;

    public static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(part * 100.0 / whole);

    private IEnumerable<CadreReadiness> InUnit(IEnumerable<CadreReadiness> items) =>
        Unit is { } unit ? items.Where(i => ReadinessBoard.PathIds(i.Cadre.OrgPath).Contains(unit)) : items;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var all = await board.ListAsync(scope, cancellationToken);
        NothingConfigured = all.Count > 0 && all.All(i => i.RequiredCount == 0) && all.All(i => i.Signature is null);
        Communes = all.Where(i => i.Commune is not null).Select(i => i.Commune!).DistinctBy(c => c.Id).OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
        var inUnit = InUnit(all).ToList();
        Total = inUnit.Count;
        Counts = Enum.GetValues<ReadinessState>().ToDictionary(s => s, s => inUnit.Count(i => i.State == s));
        Stages = Funnel.Select(stage => (stage, inUnit.Count(i => ReadinessRules.FunnelStage(i.State) >= ReadinessRules.FunnelStage(stage)))).ToList();
        ByCommune = inUnit.GroupBy(i => i.Commune?.Id)
            .Select(g => new CommuneRow(g.First().Commune, Enum.GetValues<ReadinessState>().ToDictionary(s => s, s => g.Count(i => i.State == s)), g.Count()))
            .OrderBy(r => r.Commune?.Name ?? "", StringComparer.CurrentCulture).ToList();
        Filter = Enum.TryParse<ReadinessState>(State, ignoreCase: true, out var state) && Enum.IsDefined(state) ? state : null;
        var matching = Filter is { } f ? inUnit.Where(i => i.State == f).ToList() : inUnit;
        ReadyInView = matching.Count(i => i.State == ReadinessState.Ready);
        Matching = matching.Count;
        Pages = Math.Max(1, (Matching + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = matching.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
    }
}
