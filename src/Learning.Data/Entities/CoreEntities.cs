using Microsoft.AspNetCore.Identity;

namespace Learning.Data.Entities;

public sealed class LearningUser : IdentityUser, Learning.Modularity.IHasSearchText
{
    public string DisplayName { get; set; } = "";

    /// <summary>"vi" or "en"; null follows the site default.</summary>
    public string? PreferredCulture { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When an invitation (a link to set a first password) was last sent; null if never.</summary>
    public DateTime? InvitedUtc { get; set; }

    /// <summary>Folded name and e-mail, for the accounts search (kept by the data layer).</summary>
    public string? SearchText { get; set; }

    public string TextToSearch => DisplayName + " " + Email;
}

public sealed class LearningRole : IdentityRole
{
    public LearningRole()
    {
    }

    public LearningRole(string name) : base(name)
    {
    }
}

/// <summary>The site's own settings, one row. Set up once by the setup page or <c>setup</c> command.</summary>
public sealed class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string SiteName { get; set; } = "";

    public string SiteTheme { get; set; } = "Learning.Theme.Default";

    public string AdminTheme { get; set; } = "Learning.Theme.Admin";

    public DateTime? SetupCompletedUtc { get; set; }

    public string? SetupRecipe { get; set; }

    /// <summary>
    /// When the demo recipe added simulated learning (demonstration data), so every report can say its numbers are not real;
    /// null when there is none, or once it was removed.
    /// </summary>
    public DateTime? SimulatedLearningUtc { get; set; }
}

/// <summary>Who did what, when. Written in the same transaction as the change it records.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>A stable code such as <c>auth.signin.failed</c> or <c>organization.cadres.imported</c>.</summary>
    public string Action { get; set; } = "";

    public string? Subject { get; set; }

    public string? Details { get; set; }

    public string? IpAddress { get; set; }
}

