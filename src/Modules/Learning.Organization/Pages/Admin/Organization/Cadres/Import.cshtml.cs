using System.Security.Claims;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Organization.Jobs;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Pages.Admin.Organization.Cadres;

/// <summary>
/// Upload a cadre file: the file is read and checked for its shape here (encoding, columns, quoting), then imported by a
/// background job (<see cref="CadreImportJob"/>) whose progress this page shows; its outcome (counts, or every bad line) is
/// shown here when it is done. Only the person who queued an import sees it.
/// </summary>
[RequirePermission(Permissions.Names.ManageCadres)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
public sealed class ImportModel(
    CadreCsvReader reader,
    IJobQueue jobs,
    IAuditTrail audit,
    LearningDbContext db,
    IStringLocalizer<OrganizationStrings> t,
    IAccountLinks links) : PageModel
{
    public bool MayInvite => links.CanSend;

    public const long MaxBytes = 10 * 1024 * 1024;

    public string? FileError { get; private set; }

    public JobRecord? Job { get; private set; }

    public CadreImportJob.Outcome? Outcome { get; private set; }

    public bool InProgress => Job is { State: JobState.Queued or JobState.Running };

    private string UserId => User.RequiredUserId();

    public async Task<IActionResult> OnGetAsync(long? job, CancellationToken cancellationToken)
    {
        if (job is null)
        {
            return Page();
        }

        Job = await Mine(job.Value).SingleOrDefaultAsync(cancellationToken);
        if (Job is null)
        {
            return NotFound();
        }

        Outcome = Job.State == JobState.Succeeded ? JobContext.ResultOf<CadreImportJob.Outcome>(Job) : null;
        return Page();
    }

    /// <summary>What the progress bar polls: a few columns, never the stored file.</summary>
    public async Task<IActionResult> OnGetStatusAsync(long job, CancellationToken cancellationToken)
    {
        var row = await Mine(job).Select(j => new { j.State, j.Progress, j.Attempts }).SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? NotFound()
            : new JsonResult(new { state = row.State.ToString(), progress = row.Progress, done = row.State is not (JobState.Queued or JobState.Running), label = t["Import.Working", row.Progress].Value });
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            FileError = t["Import.NoFile"];
            return Page();
        }

        if (file.Length > MaxBytes)
        {
            FileError = t["Import.TooLarge", MaxBytes / (1024 * 1024)];
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var read = reader.Read(stream);
        if (read.FileError is not null)
        {
            FileError = read.FileError;
            return Page();
        }

        var payload = new CadreImportJob.Payload(UserId, User.Identity?.Name ?? UserId, Path.GetFileName(file.FileName), read.Rows, read.LineNumbers);
        var id = await jobs.EnqueueAsync(CadreImportJob.JobKind, payload, maxAttempts: 3, createdBy: UserId, cancellationToken: cancellationToken);
        audit.Record("organization.cadres.import_queued", payload.FileName, $"{read.Rows.Count} dòng; tác vụ #{id}");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { job = id });
    }

    private IQueryable<JobRecord> Mine(long id)
    {
        var userId = UserId;
        return db.Set<JobRecord>().AsNoTracking().Where(j => j.Id == id && j.Kind == CadreImportJob.JobKind && j.CreatedBy == userId);
    }
}
