using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Xapi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>Keys of the xAPI and reporting API: issue one (its secret shown once), see their use, revoke one (at once).</summary>
[RequirePermission(Permissions.Names.ApiClients)]
public sealed class ApiClientsModel(
    ApiClients clients,
    IOrganizationScopeService scopes,
    ICadreDirectory cadres,
    StatementForwarder forwarder,
    IOptions<PublicAddressOptions> address,
    IOptions<ReportsApiOptions> apiOptions,
    IStringLocalizer<ReportsStrings> t) : PageModel
{
    public IReadOnlyList<ApiClientRow> Clients { get; private set; } = [];

    public IReadOnlyList<OrgUnitRef> Units { get; private set; } = [];

    /// <summary>The unit (its code) whose part of the tree the unit list shows, when the scope has too many units for one list
    /// (ADR-032).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Near { get; set; }

    /// <summary>The units the form offers: all of them, or those around <see cref="Near"/>.</summary>
    public UnitChoices UnitChoices { get; private set; } = new([], false);

    public IssuedKey? Issued { get; private set; }

    public string? Error { get; private set; }

    public bool Revoked { get; private set; }

    /// <summary>Forwarding to the province's LRS (all statements): shown to those whose scope is the whole site.</summary>
    public LrsForwardStatus? Forwarding { get; private set; }

    public string ApiBase => address.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The site's requests per minute for a client without its own limit.</summary>
    public int DefaultLimit => apiOptions.Value.RequestsPerMinute;

    /// <summary>The client whose limit was just changed (the notice on its card).</summary>
    public int? LimitSaved { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The new key's own requests per minute (empty: the site's default); on the Limit handler, the client's new one.</summary>
    [BindProperty]
    public int? RequestsPerMinute { get; set; }

    [BindProperty]
    public int? UnitId { get; set; }

    /// <summary>A limit was given, and it is not a whole number of requests a minute the site allows (1 to the maximum).</summary>
    private bool LimitOutOfRange => RequestsPerMinute is < 1 or > ApiClients.MaxRequestsPerMinute;

    public async Task OnGetAsync(bool revoked, int? limitSaved, CancellationToken cancellationToken)
    {
        Revoked = revoked;
        LimitSaved = limitSaved;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var name = Name?.Trim() ?? "";
        var unit = Units.FirstOrDefault(u => u.Id == UnitId);
        if (name.Length is 0 or > 200)
        {
            Error = t["ApiClients.NameRequired"];
        }
        else if (unit is null)
        {
            Error = t["ApiClients.UnitRequired"];
        }
        else if (LimitOutOfRange)
        {
            Error = t["ApiClients.LimitInvalid", ApiClients.MaxRequestsPerMinute];
        }

        else if (Clients.Any(c => c.RevokedUtc is null && c.ScopePath == unit.Path && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            // Most often the page reloaded after issuing (the browser sends the form again): no second key for the same consumer.
            Error = t["ApiClients.NameTaken", name, unit.Name];
        }

        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Issued = await clients.IssueAsync(name, unit!.Path, unit.Name, User, cancellationToken, RequestsPerMinute);
        Response.Headers.CacheControl = "no-store";
        Name = null;
        UnitId = null;
        RequestsPerMinute = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Clients.All(c => c.Id != id) || !await clients.RevokeAsync(id, User, cancellationToken))
        {
            return NotFound();
        }

        return RedirectToPage(new { revoked = true });
    }

    /// <summary>A client's own requests per minute, or (empty) the site's default again; a client outside the scope is not found.</summary>
    public async Task<IActionResult> OnPostLimitAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Clients.FirstOrDefault(c => c.Id == id) is not { RevokedUtc: null })
        {
            return NotFound();
        }

        if (LimitOutOfRange)
        {
            Error = t["ApiClients.LimitInvalid", ApiClients.MaxRequestsPerMinute];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            RequestsPerMinute = null;
            return Page();
        }

        await clients.SetLimitAsync(id, RequestsPerMinute, User, cancellationToken);
        return RedirectToPage(new { limitSaved = id });
    }

    /// <summary>Only the clients and units inside the administrator's own scope.</summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        Units = (await cadres.UnitsAsync(scope, cancellationToken)).Where(u => u.Kind != "Unit" && scope.Contains(u.Path)).OrderBy(u => u.Path, StringComparer.Ordinal).ToList();
        UnitChoices = OrgUnitTree.Choices(Units, Units.FirstOrDefault(u => u.Code == Near)?.Path);
        Clients = (await clients.ListAsync(cancellationToken)).Where(c => scope.Contains(c.ScopePath)).ToList();
        Forwarding = scope.Unrestricted ? await forwarder.StatusAsync(cancellationToken) : null;
    }
}
