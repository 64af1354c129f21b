using Learning.Modularity;
using Learning.Notifications.Data;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Preferences;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications.Pages.Account.Manage;

/// <summary>
/// How often each optional category reaches the person's mailbox (immediately, daily digest, weekly digest, off). Account
/// messages (invitation, password reset) are shown as always on. The in-app list shows every category whatever is chosen.
/// </summary>
[Authorize]
public sealed class NotificationsModel(NotificationPreferences preferences, IStringLocalizer<NotificationsStrings> t) : PageModel
{
    public static readonly IReadOnlyList<Cadence> Cadences = [Cadence.Immediately, Cadence.Daily, Cadence.Weekly, Cadence.Off];

    public IReadOnlyDictionary<string, Cadence> Choices { get; private set; } = new Dictionary<string, Cadence>();

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Choices = Complete(await preferences.OfUserAsync(User.RequiredUserId(), cancellationToken));
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var choices = new Dictionary<string, Cadence>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var category in NotificationCategories.Optional)
        {
            var posted = Request.Form["cadence." + category].ToString();
            if (Enum.TryParse<Cadence>(posted, ignoreCase: false, out var cadence) && Cadences.Contains(cadence) && posted == cadence.ToString())
            {
                choices[category] = cadence;
            }
            else
            {
                errors.Add(t["Preferences.Invalid", t["Category." + category]]);
            }
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            Choices = Complete(await preferences.OfUserAsync(User.RequiredUserId(), cancellationToken));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await preferences.SetAsync(User.RequiredUserId(), choices, cancellationToken);
        return RedirectToPage(new { saved = true });
    }

    private static Dictionary<string, Cadence> Complete(IReadOnlyDictionary<string, Cadence> stored) =>
        NotificationCategories.Optional.ToDictionary(c => c, c => stored.GetValueOrDefault(c, Cadence.Immediately), StringComparer.Ordinal);
}
