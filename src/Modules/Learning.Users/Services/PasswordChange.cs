namespace Learning.Users.Services;

/// <summary>How a password change ended.</summary>
public enum PasswordChange
{
    Changed,
    Refused,
    LockedOut,
}
