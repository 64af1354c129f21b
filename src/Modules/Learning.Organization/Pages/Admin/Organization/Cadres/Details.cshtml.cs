using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Pages.Admin.Organization.Cadres;

[RequirePermission(Permissions.Names.ViewCadres)]
public sealed class DetailsModel(IOrganizationScopeService scopes, LearningDbContext db, IAccountLinks links, CadreAccounts accounts, IStringLocalizer<OrganizationStrings> t) : PageModel
{
    public bool HasPassword { get; private set; }

    public DateTime? InvitedUtc { get; private set; }

    /// <summary>Cadre managers (in scope: the cadre is found) may e-mail the cadre a set-password link.</summary>
    public bool MaySendLinks => links.CanSend && User.Has(Permissions.ManageCadres);

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public Cadre? Cadre { get; private set; }

    public string? CommuneName { get; private set; }

    public string? ProvinceName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);

        // Out of scope and missing look the same: a 404 tells a manager nothing about other communes.
        Cadre = await scope.Apply(db.Set<Cadre>().AsNoTracking()).Include(c => c.Unit).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (Cadre is null)
        {
            return NotFound();
        }

        var ids = Cadre.OrgPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        var path = await db.Set<OrgUnit>().AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        ProvinceName = path.FirstOrDefault(u => u.Kind == OrgUnitKind.Province)?.Name;
        CommuneName = path.FirstOrDefault(u => u.IsCommuneLevel)?.Name;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == Cadre.UserId).Select(u => new { HasPassword = u.PasswordHash != null, u.InvitedUtc }).SingleOrDefaultAsync(cancellationToken);
        (HasPassword, InvitedUtc) = (account?.HasPassword ?? false, account?.InvitedUtc);
        return Page();
    }

    /// <summary>An invitation (the account made first if the cadre has none) or, for a cadre with a password, a reset link.</summary>
    public async Task<IActionResult> OnPostSendLinkAsync(int id, CancellationToken cancellationToken)
    {
        if (!User.Has(Permissions.ManageCadres))
        {
            return Forbid();
        }

        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var cadre = scope.Apply(db.Set<Cadre>()).Where(c => c.Id == id);
        if (!await cadre.AnyAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!links.CanSend)
        {
            return await ShowAsync(id, t["Invite.CannotSend"], failed: true, cancellationToken);
        }

        await accounts.EnsureAccountsAsync(cadre, $"cán bộ #{id}", cancellationToken);
        db.ChangeTracker.Clear();
        var userId = await cadre.Select(c => c.UserId).SingleAsync(cancellationToken);
        if (userId is null)
        {
            return await ShowAsync(id, t["Invite.NoAccountPossible"], failed: true, cancellationToken);
        }

        var hasPassword = await db.Users.AnyAsync(u => u.Id == userId && u.PasswordHash != null, cancellationToken);
        var sent = hasPassword ? await links.SendPasswordResetAsync(userId, cancellationToken) : await links.InviteAsync([userId], cancellationToken) == 1;
        await db.SaveChangesAsync(cancellationToken);
        var email = await cadre.Select(c => c.Email).SingleAsync(cancellationToken);
        return await ShowAsync(id, sent ? t[hasPassword ? "Invite.ResetSent" : "Invite.InvitationSent", email] : t["Invite.CannotSend"], !sent, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(int id, string message, bool failed, CancellationToken cancellationToken)
    {
        var result = await OnGetAsync(id, cancellationToken);
        (Message, Failed) = (message, failed);
        if (failed)
        {
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict;
        }

        return result;
    }
}
