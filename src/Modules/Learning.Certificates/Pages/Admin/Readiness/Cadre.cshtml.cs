using System.ComponentModel.DataAnnotations;
using Learning.Certificates.Data;
using Learning.Certificates.Services.Readiness;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Certificates.Pages.Admin.Readiness;

/// <summary>One cadre: state, required courses, signature, history; request, return a request, enter or correct the signature.</summary>
[RequirePermission(Permissions.Names.Readiness)]
public sealed class CadreModel(IOrganizationScopeService scopes, ReadinessBoard board, SignatureDesk desk, LearningDbContext db, IStringLocalizer<CertificatesStrings> t) : PageModel
{
    public CadreReadiness Item { get; private set; } = null!;

    public ProvinceRequirement? Requirement { get; private set; }

    public IReadOnlyList<SignatureEvent> History { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Saved { get; private set; }

    [BindProperty]
    public IssueInput Issue { get; set; } = new();

    public sealed class IssueInput
    {
        public string? Serial { get; set; }

        public string? Provider { get; set; }

        [DataType(DataType.Date)]
        public DateOnly? ValidFrom { get; set; }

        [DataType(DataType.Date)]
        public DateOnly? ValidTo { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, string? saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        return await ShowAsync(id, fill: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostRequestAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var item = await board.FindAsync(scope, id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (item.State != ReadinessState.Ready)
        {
            Error = t["Error.NotReady"];
            return await ShowAsync(id, fill: true, cancellationToken);
        }

        await desk.RequestAsync(scope, [id], User, cancellationToken);
        return RedirectToPage(new { id, saved = "requested" });
    }

    public async Task<IActionResult> OnPostReturnAsync(int id, string? reason, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var error = await desk.ReturnAsync(scope, id, reason, User, cancellationToken);
        if (error == "Error.NotFound")
        {
            return NotFound();
        }

        if (error is not null)
        {
            Error = t[error];
            return await ShowAsync(id, fill: true, cancellationToken);
        }

        return RedirectToPage(new { id, saved = "returned" });
    }

    public async Task<IActionResult> OnPostIssueAsync(int id, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        if (await board.FindAsync(scope, id, cancellationToken) is null)
        {
            return NotFound();
        }

        string? error = null;
        if (Issue.ValidFrom is null || Issue.ValidTo is null || !ModelState.IsValid)
        {
            error = "Error.BadDate";
        }
        else
        {
            try
            {
                error = await desk.IssueAsync(scope, id, new IssuedSignature(Issue.Serial ?? "", Issue.Provider ?? "", Issue.ValidFrom.Value, Issue.ValidTo.Value), User, cancellationToken);
            }
            catch (DbUpdateException)
            {
                error = "Error.DuplicateSerial"; // the same serial saved at the same moment by someone else
            }
        }

        if (error == "Error.NotFound")
        {
            return NotFound();
        }

        if (error is not null)
        {
            Error = t[error];
            db.ChangeTracker.Clear();
            return await ShowAsync(id, fill: false, cancellationToken);
        }

        return RedirectToPage(new { id, saved = "issued" });
    }

    private async Task<IActionResult> ShowAsync(int id, bool fill, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var item = await board.FindAsync(scope, id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        Requirement = item.Province is { } province && (await board.RequirementsAsync(cancellationToken)).TryGetValue(province.Id, out var r) ? r : null;
        History = await db.Set<SignatureEvent>().AsNoTracking().Where(e => e.CadreId == id).OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        if (fill && item.Signature is { Serial: not null } s)
        {
            Issue = new IssueInput { Serial = s.Serial, Provider = s.Provider, ValidFrom = s.ValidFrom, ValidTo = s.ValidTo };
        }

        if (!ModelState.IsValid && Error is null)
        {
            Error = t["Error.BadDate"];
        }

        return Page();
    }
}
