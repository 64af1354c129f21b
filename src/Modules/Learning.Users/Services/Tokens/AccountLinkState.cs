namespace Learning.Users.Services.Tokens;

/// <summary>What a set-password link is worth, so the page can say why it refuses one.</summary>
public enum AccountLinkState
{
    Valid,

    /// <summary>Older than its kind's lifespan.</summary>
    Expired,

    /// <summary>The account's security stamp changed since: the link set a password already, or the password changed.</summary>
    Used,

    /// <summary>Not a token of ours for this account (tampered, cut short, another account's).</summary>
    Invalid,
}
