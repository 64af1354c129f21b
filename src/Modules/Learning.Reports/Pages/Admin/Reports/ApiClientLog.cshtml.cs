using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Data;
using Learning.Reports.Services.Xapi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>One API client's log: every request made with its key, newest first, 100 a page; a client outside the administrator's
/// scope is not found.</summary>
[RequirePermission(Permissions.Names.ApiClients)]
public sealed class ApiClientLogModel(
    LearningDbContext db,
    ApiRequestLog log,
    IOrganizationScopeService scopes,
    IOptions<ReportsApiOptions> options) : PageModel
{
    public ApiClient Client { get; private set; } = new();

    public ApiRequestPage Requests { get; private set; } = new([], null, 0, 0);

    public int LogDays => options.Value.LogDays;

    /// <summary>The page of requests older than this id; none: the newest.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    /// <summary>Only the refused requests (a status of 400 or above).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Refused { get; set; }

    /// <summary>This log's address with the filter kept, and the paging key if given.</summary>
    public string Link(long? before = null, bool? refused = null) =>
        $"/Admin/Reports/api-clients/{Client.Id}/log" + ((refused ?? Refused, before) switch
        {
            (true, { } b) => $"?refused=true&before={b}",
            (true, null) => "?refused=true",
            (false, { } b) => $"?before={b}",
            _ => "",
        });

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        if (await db.Set<ApiClient>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } client
            || !scope.Contains(client.ScopePath))
        {
            return NotFound();
        }

        Client = client;
        Requests = await log.PageAsync(db, id, Before is > 0 ? Before : null, Refused, cancellationToken);
        return Page();
    }
}
