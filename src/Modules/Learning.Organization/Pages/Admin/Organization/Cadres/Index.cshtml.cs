using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Learning.Data.Jobs;
using Learning.Organization.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Pages.Admin.Organization.Cadres;

[RequirePermission(Permissions.Names.ViewCadres)]
public sealed class IndexModel(IOrganizationScopeService scopes, ICadreDirectory directory, LearningDbContext db, IAccountLinks links, IJobQueue jobs, TimeProvider clock,
    IStringLocalizer<OrganizationStrings> t) : PageModel
{
    private const int PageSize = 50;

    public sealed record Row(int Id, string FullName, string Position, string UnitName, string? CommuneName, string? Phone, DateOnly? JoinedCommuneOn, string? TransferredFrom, bool IsAccountingOfficer,
        bool HasPassword, DateTime? InvitedUtc);

    /// <summary>Whether this person may send invitations from the list (cadre managers, when e-mail can be sent).</summary>
    public bool MayInvite => links.CanSend && User.Has(Permissions.ManageCadres);

    public string? InviteError { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int Pages { get; private set; }

    /// <summary>The provinces and communes the filter offers: those around the chosen one at a country's scale.</summary>
    public UnitChoices Communes { get; private set; } = new([], false);

    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var units = await directory.UnitsAsync(scope, cancellationToken);
        var chosen = units.FirstOrDefault(u => u.Id == Unit);
        Communes = OrgUnitTree.Choices(OrgUnitTree.ProvincesAndCommunes(units, chosen?.Id), chosen?.Path);
        var query = scope.Apply(db.Set<Cadre>().AsNoTracking());
        if (Unit is not null)
        {
            if (chosen is null)
            {
                return NotFound();
            }

            var path = chosen.Path;
            query = query.Where(c => c.OrgPath.StartsWith(path));
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Folded on both sides, so marks and case never matter, on SQLite as on PostgreSQL.
            var q = Learning.Modularity.SearchText.Fold(Q);
            query = query.Where(c => c.SearchText!.Contains(q));
        }

        Total = await query.CountAsync(cancellationToken);
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Items = await query.OrderBy(c => c.FullName).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.FullName, c.Position, c.Unit!.Name, c.Unit.Parent != null ? c.Unit.Parent.Name : null, c.Phone, c.JoinedCommuneOn, c.TransferredFrom, c.IsAccountingOfficer,
                db.Users.Any(u => u.Id == c.UserId && u.PasswordHash != null), db.Users.Where(u => u.Id == c.UserId).Select(u => u.InvitedUtc).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Queues invitations (<see cref="CadreInvitationJob"/>) for the ticked cadres, for every cadre the list's filter shows
    /// (<paramref name="all"/>), or for the cadres of an imported file; <paramref name="again"/> re-invites those invited
    /// recently. A ticked cadre outside the caller's scope makes the whole request a 404.
    /// </summary>
    public async Task<IActionResult> OnPostInviteAsync(int[]? ids, bool all, long? importJob, bool again, CancellationToken cancellationToken)
    {
        if (!User.Has(Permissions.ManageCadres))
        {
            return Forbid();
        }

        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        ids = ids?.Distinct().ToArray();
        if (ids is { Length: > 0 } && await scope.Apply(db.Set<Cadre>()).CountAsync(c => ids.Contains(c.Id), cancellationToken) != ids.Length)
        {
            return NotFound();
        }

        var userId = User.RequiredUserId();
        if (importJob is { } job && !await db.Set<JobRecord>().AnyAsync(j => j.Id == job && j.Kind == CadreImportJob.JobKind && j.CreatedBy == userId, cancellationToken))
        {
            return NotFound();
        }

        if (Unit is { } unitId && !await scope.Apply(db.Set<OrgUnit>()).AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return NotFound();
        }

        if (!links.CanSend || (ids is not { Length: > 0 } && !all && importJob is null))
        {
            InviteError = links.CanSend ? t["Invite.NothingChosen"] : t["Invite.CannotSend"];
            await OnGetAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var payload = new CadreInvitationJob.Payload(userId, User.Identity?.Name ?? userId, ids is { Length: > 0 } ? ids : null, ids is { Length: > 0 } ? null : importJob,
            Unit, Q, again, clock.GetUtcNow().UtcDateTime);
        var id = await jobs.EnqueueAsync(CadreInvitationJob.JobKind, payload, maxAttempts: 3, createdBy: userId, cancellationToken: cancellationToken);
        return Redirect($"/Admin/Organization/Cadres/Invitations?job={id}");
    }
}
