using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>One cadre's record: courses with lessons done, due and completion dates, best quiz score, hours; links to the readiness
/// record (certificates and digital-signature state live there). Outside the scope: 404.</summary>
[RequirePermission(Permissions.Names.View)]
public sealed class CadreModel(IOrganizationScopeService scopes, ReportReads reads) : PageModel
{
    public CadreRecordView Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = await scopes.GetScopeAsync(User, ct);
        var record = await reads.CadreAsync(scope, id, ct);
        if (record is null)
        {
            return NotFound();
        }

        Record = record;
        return Page();
    }

    public bool CanSeeReadiness => User.Has("Certificates.Readiness");
}
