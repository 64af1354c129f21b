using System.Security.Claims;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Organization.Services;

namespace Learning.Organization.Jobs;

/// <summary>
/// A cadre file imported in the background: the page that received it only reads the CSV and queues this job, so a province's
/// tens of thousands of rows never hold a web request. The job checks the whole file first (no writes, with progress), then
/// applies it in one short transaction that also marks the job done, so a crash or a retry never imports half a file or the
/// same file twice. The uploader's scope is read again when the job runs: a scope removed meanwhile is respected.
/// </summary>
public sealed class CadreImportJob(LearningDbContext db, CadreImporter importer, OrganizationScopeService scopes, IAuditTrail audit) : IJobHandler
{
    public const string JobKind = "organization.cadres.import";

    /// <summary>At most this many row errors are kept for the page; the count is always exact.</summary>
    public const int ErrorsKept = 1000;

    public sealed record Payload(string UserId, string UserName, string FileName, IReadOnlyList<CadreInput> Rows, IReadOnlyList<int> Lines);

    public sealed record Outcome(int Total, int Created, int Updated, int ErrorCount, IReadOnlyList<OutcomeError> Errors)
    {
        public bool Succeeded => ErrorCount == 0;
    }

    public sealed record OutcomeError(int Line, string Field, string Message);

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<Payload>();
        var scope = await scopes.ScopeOfUserAsync(payload.UserId, cancellationToken);
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, payload.UserId), new Claim(ClaimTypes.Name, payload.UserName)], "job"));

        await context.ReportProgressAsync(2);
        var check = await importer.ImportAsync(payload.Rows, scope, dryRun: true, progress: context.ReportProgressAsync, cancellationToken: cancellationToken);
        await context.ReportProgressAsync(70);

        await context.CompleteAsync(db, async ct =>
        {
            var result = check.Succeeded ? await importer.ImportAsync(payload.Rows, scope, cancellationToken: ct) : check;
            audit.Record(result.Succeeded ? "organization.cadres.imported" : "organization.cadres.import_rejected", payload.FileName,
                result.Succeeded ? $"{result.Total} dòng: thêm {result.Created}, cập nhật {result.Updated}" : $"{result.Total} dòng: {result.Errors.Count} lỗi",
                actor);
            return new Outcome(result.Total, result.Created, result.Updated, result.Errors.Count,
                result.Errors.Take(ErrorsKept).Select(e => new OutcomeError(e.Index < payload.Lines.Count ? payload.Lines[e.Index] : e.Index + 2, e.Field, e.Message)).ToList());
        }, cancellationToken);
    }
}
