using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Notifications;
using Learning.Users.Services.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Users.Services;

/// <summary>
/// Invitations and password-reset links: a token of its kind (<see cref="InvitationTokenProvider"/>,
/// <see cref="PasswordResetTokenProvider"/>), an absolute link to <c>/Account/SetPassword</c> under the public address, and an
/// essential notification (e-mailed at once by the notifications module), all in the caller's unit of work. The page a link
/// opens checks it (<see cref="CheckAsync"/>) and sets the password with it (<see cref="SetPasswordAsync"/>).
/// </summary>
public sealed class AccountLinks(
    LearningDbContext db,
    UserManager<LearningUser> users,
    IEnumerable<INotifier> notifiers,
    InvitationTokenProvider invitations,
    PasswordResetTokenProvider resets,
    IOptions<InvitationTokenOptions> invitationOptions,
    IOptions<PasswordResetTokenOptions> resetOptions,
    IOptions<PublicAddressOptions> address,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<AccountLinks> logger) : IAccountLinks
{
    public const string InvitationPurpose = "Invitation";

    private const int Chunk = 500;

    private readonly INotifier? notifier = notifiers.LastOrDefault();

    public bool CanSend => notifier is not null;

    public TimeSpan InvitationLifetime => invitationOptions.Value.TokenLifespan;

    public async Task<int> InviteAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var sent = 0;
        foreach (var chunk in userIds.Distinct().Chunk(Chunk))
        {
            foreach (var user in await db.Users.Where(u => chunk.Contains(u.Id)).ToListAsync(cancellationToken))
            {
                if (await InviteAsync(user))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    /// <summary>One account's invitation (the account tracked by the caller's context).</summary>
    public async Task<bool> InviteAsync(LearningUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (notifier is null || string.IsNullOrEmpty(user.Email))
        {
            logger.LogWarning("No invitation for {User}: {Reason}", user.Id, notifier is null ? "no notifier is installed" : "the account has no e-mail address");
            return false;
        }

        var token = await invitations.GenerateAsync(InvitationPurpose, users, user);
        Send(user, NoticeTypes.Invitation, token, invitationOptions.Value.TokenLifespan);
        user.InvitedUtc = clock.GetUtcNow().UtcDateTime;
        audit.Record("users.invitation.sent", user.Email);
        return true;
    }

    public async Task<bool> SendPasswordResetAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        return user is not null && await SendPasswordResetAsync(user);
    }

    /// <summary>One account's password-reset link.</summary>
    public async Task<bool> SendPasswordResetAsync(LearningUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (notifier is null || string.IsNullOrEmpty(user.Email))
        {
            logger.LogWarning("No password-reset link for {User}: {Reason}", user.Id, notifier is null ? "no notifier is installed" : "the account has no e-mail address");
            return false;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        Send(user, NoticeTypes.PasswordReset, token, resetOptions.Value.TokenLifespan);
        audit.Record("users.password_reset.requested", user.Email);
        return true;
    }

    /// <summary>The account a link names and what its token is worth (an unknown account is an invalid link).</summary>
    public async Task<(LearningUser? User, AccountLinkState State)> CheckAsync(string? userId, string? token)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(token))
        {
            return (null, AccountLinkState.Invalid);
        }

        // A link is either kind; each kind's protector only opens its own tokens, so at most one says anything but Invalid.
        var state = await invitations.InspectAsync(InvitationPurpose, token, users, user);
        if (state == AccountLinkState.Invalid)
        {
            state = await resets.InspectAsync(UserManager<LearningUser>.ResetPasswordTokenPurpose, token, users, user);
        }

        return (user, state);
    }

    /// <summary>
    /// Sets the password from a valid link: Identity's validators first (nothing changes if they refuse), then the new hash,
    /// the e-mail confirmed (the link came through it), any lockout lifted and a new security stamp, so the link and every
    /// other session of the account stop working. Returns the validators' errors, or the link's state if it is not valid.
    /// </summary>
    public async Task<(AccountLinkState State, IReadOnlyList<string> Errors)> SetPasswordAsync(string? userId, string? token, string password, CancellationToken cancellationToken)
    {
        var (user, state) = await CheckAsync(userId, token);
        if (state != AccountLinkState.Valid)
        {
            return (state, []);
        }

        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user!, password)).Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            return (state, errors);
        }

        await db.InTransactionAsync(async ct =>
        {
            // Read again inside the transaction: a retried blip starts from an empty change tracker.
            var target = await users.FindByIdAsync(user!.Id) ?? throw new InvalidOperationException("The account disappeared.");
            target.PasswordHash = users.PasswordHasher.HashPassword(target, password);
            target.EmailConfirmed = true;
            target.LockoutEnd = null;
            target.AccessFailedCount = 0;
            audit.Record("users.password_reset.completed", target.Email);
            await users.UpdateSecurityStampAsync(target); // saves the account (and the audit entry) with a new stamp
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        return (AccountLinkState.Valid, []);
    }

    private void Send(LearningUser user, string type, string token, TimeSpan lifespan)
    {
        var path = $"/Account/SetPassword?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        notifier!.Notify(new Notice(user.Id, type, new { link = address.Value.Absolute(path), expires_hours = (int)Math.Round(lifespan.TotalHours) }) { Link = path });
    }
}
