using Learning.Modularity;
using Learning.Reports.Data;
using Learning.Reports.Services.Exports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>One's saved reports, each with a subscription to receive it weekly or monthly by e-mail (XLSX attached), or not.</summary>
[RequirePermission(Permissions.Names.Schedule)]
public sealed class SubscriptionsModel(ReportSubscriptions subscriptions, IStringLocalizer<ReportsStrings> t) : PageModel
{
    public IReadOnlyList<SubscriptionView> Items { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(bool saved, bool removed, CancellationToken cancellationToken)
    {
        Message = saved ? t["Subscriptions.Saved"].Value : removed ? t["Subscriptions.Removed"].Value : null;
        Items = await subscriptions.ListAsync(User.RequiredUserId(), cancellationToken);
    }

    public async Task<IActionResult> OnPostSubscribeAsync(int report, string? cadence, bool skipEmpty, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ReportCadence>(cadence, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(cadence, out _))
        {
            Error = t["Subscriptions.BadCadence"];
            Items = await subscriptions.ListAsync(User.RequiredUserId(), cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return await subscriptions.SubscribeAsync(User, report, parsed, skipEmpty, cancellationToken)
            ? RedirectToPage(new { saved = true })
            : NotFound();
    }

    public async Task<IActionResult> OnPostUnsubscribeAsync(int report, CancellationToken cancellationToken) =>
        await subscriptions.UnsubscribeAsync(User, report, cancellationToken) ? RedirectToPage(new { removed = true }) : NotFound();
}
