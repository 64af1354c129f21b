namespace Learning.Modularity;

/// <summary>
/// Set-password links for accounts, sent by e-mail (the Users module implements it): an invitation for an account that has
/// no password yet, a password-reset link for one that has. Each call adds the notification, the account's invitation time
/// and an audit entry to the caller's unit of work; the caller's <c>SaveChanges</c> commits them.
/// </summary>
public interface IAccountLinks
{
    /// <summary>False when no notifier is installed (the notifications module is switched off): nothing can be sent.</summary>
    bool CanSend { get; }

    /// <summary>How long an invitation link stays valid: an account invited within it is "recently invited".</summary>
    TimeSpan InvitationLifetime { get; }

    /// <summary>Invites these accounts (unknown ids are ignored); returns how many were invited.</summary>
    Task<int> InviteAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Sends the account a password-reset link; false when there is no such account.</summary>
    Task<bool> SendPasswordResetAsync(string userId, CancellationToken cancellationToken);
}
