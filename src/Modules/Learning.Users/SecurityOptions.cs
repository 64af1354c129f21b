using System.ComponentModel.DataAnnotations;

namespace Learning.Users;

/// <summary><c>Learning:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Learning:Security";

    /// <summary>Failed sign-ins before an account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts (POSTs) per client address per minute, on each node.</summary>
    [Range(1, 10000)]
    public int LoginAttemptsPerMinute { get; set; } = 20;

    [Range(8, 128)]
    public int PasswordMinLength { get; set; } = 10;

    /// <summary>How long an invitation's set-password link stays valid (a cadre may read the mail days later).</summary>
    [Range(1, 720)]
    public int InvitationLifetimeHours { get; set; } = 168;

    /// <summary>How long a password-reset link stays valid.</summary>
    [Range(1, 72)]
    public int PasswordResetLifetimeHours { get; set; } = 2;
}
