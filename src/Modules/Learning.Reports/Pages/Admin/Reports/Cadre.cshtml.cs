using Learning.Courses;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Learning.Reports.Pages.Admin.Reports;

/// <summary>One cadre's record: courses with lessons done, due and completion dates, best quiz score, hours; videos watched; quiz
/// attempts; their digital-signature readiness and the certificates issued to them (the readiness record, for those who may
/// act on it, is linked). Outside the scope: 404.</summary>
[RequirePermission(Permissions.Names.View)]
public sealed class CadreModel(IOrganizationScopeService scopes, ReportReads reads, ICadreReadinessRows readiness) : PageModel
{
    public CadreRecordView Record { get; private set; } = null!;

    public CadreReadinessFact? Readiness { get; private set; }

    public IReadOnlyList<CadreCertificateFact> Certificates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = await scopes.GetScopeAsync(User, ct);
        var record = await reads.CadreAsync(scope, id, ct);
        if (record is null)
        {
            return NotFound();
        }

        Record = record;
        Readiness = await readiness.FindAsync(id, ct);
        Certificates = record.Cadre.UserId is { } userId ? await readiness.CertificatesAsync(userId, ct) : [];
        return Page();
    }

    public bool CanSeeReadiness => User.Has("Certificates.Readiness");
}
