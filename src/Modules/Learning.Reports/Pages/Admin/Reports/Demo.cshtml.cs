using Learning.Modularity;
using Learning.Reports.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>
/// The demo recipe's simulated learning: what the site holds (since when, how many enrolments and quiz attempts) and its
/// removal, confirmed, in one transaction and audited (<see cref="DemoLearning"/>). A second submit removes nothing more.
/// </summary>
[RequirePermission(Permissions.Names.DemoData)]
public sealed class DemoModel(DemoLearning demo) : PageModel
{
    public DemoLearningFacts Facts { get; private set; } = new(null, 0, 0);

    /// <summary>What the last removal took away (after the redirect).</summary>
    public (int Enrollments, int Attempts)? Removed { get; private set; }

    public bool NotConfirmed { get; private set; }

    public async Task OnGetAsync(int? removed, int? attempts, CancellationToken ct)
    {
        Removed = removed is { } r ? (r, attempts ?? 0) : null;
        Facts = await demo.FactsAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            NotConfirmed = true;
            Facts = await demo.FactsAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var done = await demo.RemoveAsync(User, ct);
        return Redirect($"/Admin/Reports/Demo?removed={done.Enrollments}&attempts={done.Attempts}");
    }
}
