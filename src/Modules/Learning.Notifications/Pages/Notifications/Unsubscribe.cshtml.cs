using Learning.Data;
using Learning.Modularity;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Preferences;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Learning.Notifications.Pages.Notifications;

/// <summary>
/// One-click unsubscribe (RFC 8058). The signed token is the credential: a mail client POSTs <c>List-Unsubscribe=One-Click</c>
/// to this address without a session or an antiforgery token, so this one page takes no antiforgery token (a forged request
/// can only turn off the mail of the person the token names, which the token's holder can do anyway). GET shows what will be
/// turned off and a button that posts the same body. A token that was not made here, that names an account that is gone, or
/// that names someone other than the person signed in is refused with a message, and nothing changes.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(UnsubscribeTokens tokens, NotificationPreferences preferences, LearningDbContext db) : PageModel
{
    public const string OneClickField = "List-Unsubscribe";

    public const string OneClickValue = "One-Click";

    public UnsubscribeRequest? Target { get; private set; }

    public string? Problem { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await ReadAsync(token, cancellationToken);
        return Problem is null ? Page() : Refused();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        await ReadAsync(token, cancellationToken);
        if (Problem is null && !(Request.HasFormContentType && (await Request.ReadFormAsync(cancellationToken))[OneClickField].ToString() == OneClickValue))
        {
            Problem = "Unsubscribe.NotOneClick";
        }

        if (Problem is not null)
        {
            return Refused();
        }

        await preferences.SetAsync(Target!.UserId, Target.Categories.ToDictionary(c => c, _ => Cadence.Off, StringComparer.Ordinal), cancellationToken);
        Done = true;
        return Page();
    }

    private async Task ReadAsync(string token, CancellationToken cancellationToken)
    {
        var request = tokens.Read(token);
        if (request is null || !await db.Users.AnyAsync(u => u.Id == request.UserId, cancellationToken))
        {
            Problem = "Unsubscribe.Invalid";
        }
        else if (User.UserId() is { } signedIn && signedIn != request.UserId)
        {
            Problem = "Unsubscribe.OtherAccount";
        }
        else
        {
            Target = request;
        }
    }

    private PageResult Refused()
    {
        Target = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
