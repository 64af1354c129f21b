using Learning.Data;
using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Organization.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Pages.Admin.Organization.Cadres;

/// <summary>The progress, then the outcome, of invitations sent in bulk (<see cref="CadreInvitationJob"/>); only to whoever queued them.</summary>
[RequirePermission(Permissions.Names.ManageCadres)]
public sealed class InvitationsModel(LearningDbContext db, IStringLocalizer<OrganizationStrings> t) : PageModel
{
    public JobRecord? Job { get; private set; }

    public CadreInvitationJob.Outcome? Outcome { get; private set; }

    public bool InProgress => Job is { State: JobState.Queued or JobState.Running };

    public async Task<IActionResult> OnGetAsync(long job, CancellationToken cancellationToken)
    {
        Job = await Mine(job).SingleOrDefaultAsync(cancellationToken);
        if (Job is null)
        {
            return NotFound();
        }

        Outcome = Job.State == JobState.Succeeded ? JobContext.ResultOf<CadreInvitationJob.Outcome>(Job) : null;
        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(long job, CancellationToken cancellationToken)
    {
        var row = await Mine(job).Select(j => new { j.State, j.Progress }).SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? NotFound()
            : new JsonResult(new { state = row.State.ToString(), progress = row.Progress, done = row.State is not (JobState.Queued or JobState.Running), label = t["Invite.Working", row.Progress].Value });
    }

    private IQueryable<JobRecord> Mine(long id)
    {
        var userId = User.RequiredUserId();
        return db.Set<JobRecord>().AsNoTracking().Where(j => j.Id == id && j.Kind == CadreInvitationJob.JobKind && j.CreatedBy == userId);
    }
}
