using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Learning.Users.Services;
using Learning.Users.Services.Tokens;

namespace Learning.Users.Pages.Admin.Users;

[RequirePermission(Permissions.Names.ManageUsers)]
public sealed class EditModel(UserManager<LearningUser> users, LearningDbContext db, IAuditTrail audit, IStringLocalizer<UsersStrings> t, TimeProvider clock, AccountLinks links,
    IOptions<PasswordResetTokenOptions> resetOptions) : PageModel
{
    public LearningUser? TargetUser { get; private set; }

    public IList<string> Roles { get; private set; } = [];

    public bool Locked => TargetUser?.LockoutEnd > clock.GetUtcNow();

    public string? Message { get; private set; }

    public List<string> Errors { get; } = [];

    /// <summary>Only an Administrator grants or takes away Administrator, or touches an Administrator's account:
    /// <c>Users.Manage</c> alone must never be a way to become one.</summary>
    public bool CallerIsAdministrator => User.IsInRole(LearningRoles.Administrator);

    public bool MayEdit => CallerIsAdministrator || !Roles.Contains(LearningRoles.Administrator);

    public bool CanSendLinks => links.CanSend && !string.IsNullOrEmpty(TargetUser?.Email);

    public bool HasPassword => TargetUser?.PasswordHash is not null;

    public int InvitationHours => (int)Math.Round(links.InvitationLifetime.TotalHours);

    public int ResetHours => (int)Math.Round(resetOptions.Value.TokenLifespan.TotalHours);

    public async Task<IActionResult> OnGetAsync(string id, bool created)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Message = created ? t["Users.Created"].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostRolesAsync(string id, string[]? roles, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var wanted = (roles ?? []).Where(LearningRoles.All.Contains).Distinct().ToList();
        if (!CallerIsAdministrator && (!MayEdit || wanted.Contains(LearningRoles.Administrator)))
        {
            return Refuse();
        }

        var self = users.GetUserId(User) == TargetUser!.Id;
        if (self && Roles.Contains(LearningRoles.Administrator) && !wanted.Contains(LearningRoles.Administrator))
        {
            Message = t["Users.CannotDemoteSelf"];
            Errors.Add(Message);
            return Page();
        }

        var removed = Roles.Except(wanted).ToList();
        var added = wanted.Except(Roles).ToList();
        await db.InTransactionAsync(async ct =>
        {
            // Found again: after a retried blip the change tracker is empty and the account must be read afresh.
            var target = await users.FindByIdAsync(TargetUser!.Id) ?? throw new InvalidOperationException("The account disappeared.");
            await users.RemoveFromRolesAsync(target, removed);
            await users.AddToRolesAsync(target, added);

            // Role membership lives in the sign-in cookie: rotate the stamp so the change applies at the next validation.
            await users.UpdateSecurityStampAsync(target);
            if (removed.Count + added.Count > 0)
            {
                audit.Record("users.roles.changed", target.Email, $"thêm: {string.Join(",", added)}; bỏ: {string.Join(",", removed)}");
            }

            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        Roles = wanted;
        Message = t["Users.Saved"];
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync(string id, string? password, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!MayEdit)
        {
            return Refuse();
        }

        var validation = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var r = await validator.ValidateAsync(users, TargetUser!, password ?? "");
            validation.AddRange(r.Errors);
        }

        if (validation.Count > 0)
        {
            Message = t["Users.PasswordRejected"];
            Errors.AddRange(validation.Select(e => e.Description));
            return Page();
        }

        await users.RemovePasswordAsync(TargetUser!);
        await users.AddPasswordAsync(TargetUser!, password!);
        await users.SetLockoutEndDateAsync(TargetUser!, null);
        await users.ResetAccessFailedCountAsync(TargetUser!);
        audit.Record("users.password.set", TargetUser!.Email);
        await db.SaveChangesAsync(cancellationToken);
        Message = t["Users.Saved"];
        return Page();
    }

    /// <summary>E-mails a link to set a first password (an account that has one gets a reset link instead: see the page).</summary>
    public async Task<IActionResult> OnPostInviteAsync(string id, CancellationToken cancellationToken) =>
        await SendLinkAsync(id, invitation: true, cancellationToken);

    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken cancellationToken) =>
        await SendLinkAsync(id, invitation: false, cancellationToken);

    private async Task<IActionResult> SendLinkAsync(string id, bool invitation, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!MayEdit)
        {
            return Refuse();
        }

        if (!CanSendLinks || !(invitation ? await links.InviteAsync(TargetUser!) : await links.SendPasswordResetAsync(TargetUser!)))
        {
            Message = t["Users.CannotSend"];
            Errors.Add(Message);
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict;
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        Message = t[invitation ? "Users.InvitationSent" : "Users.ResetSent", TargetUser!.Email!];
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!MayEdit)
        {
            return Refuse();
        }

        await users.SetLockoutEndDateAsync(TargetUser!, null);
        await users.ResetAccessFailedCountAsync(TargetUser!);
        audit.Record("users.unlocked", TargetUser!.Email);
        await db.SaveChangesAsync(cancellationToken);
        Message = t["Users.Saved"];
        return Page();
    }

    private PageResult Refuse()
    {
        Message = t["Users.AdministratorOnly"];
        Errors.Add(Message);
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
        return Page();
    }

    private async Task<bool> LoadAsync(string id)
    {
        TargetUser = await users.FindByIdAsync(id);
        if (TargetUser is null)
        {
            return false;
        }

        Roles = await users.GetRolesAsync(TargetUser);
        return true;
    }
}
