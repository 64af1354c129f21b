using System.Security.Claims;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Organization.Services;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Jobs;

/// <summary>
/// Invitations for many cadres at once (a selection, a filter of the list, or the cadres of an imported file), in the
/// background with progress. The sender's scope is read again when the job runs, so nobody outside it is ever invited.
/// Cadres without an account get one (no password); then every account that has never had a password and was not invited
/// within an invitation's lifetime is invited, in batches that each commit their notifications with the accounts' invitation
/// time. That time makes the job safe to retry: a batch that committed before a crash is not invited again (with
/// <see cref="Payload.Again"/>, "recently" means since the job was queued).
/// </summary>
public sealed class CadreInvitationJob(
    LearningDbContext db,
    OrganizationScopeService scopes,
    CadreAccounts accounts,
    IAccountLinks links,
    IAuditTrail audit,
    TimeProvider clock) : IJobHandler
{
    public const string JobKind = "organization.cadres.invite";

    public const int BatchSize = 200;

    /// <summary>Which cadres: <see cref="CadreIds"/>, else those of <see cref="ImportJob"/>'s file, else the list's filter (unit, search).</summary>
    public sealed record Payload(string UserId, string UserName, IReadOnlyList<int>? CadreIds, long? ImportJob, int? UnitId, string? Query, bool Again, DateTime QueuedUtc);

    /// <summary>Of the cadres chosen: how many were invited, already had a password, had been invited recently, or could have no account.</summary>
    public sealed record Outcome(int Chosen, int Invited, int HavePassword, int RecentlyInvited, int NoAccount);

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (!links.CanSend)
        {
            throw new PermanentJobException("Notifications are switched off: no invitation can be sent.");
        }

        var payload = context.PayloadAs<Payload>();
        var scope = await scopes.ScopeOfUserAsync(payload.UserId, cancellationToken);
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, payload.UserId), new Claim(ClaimTypes.Name, payload.UserName)], "job"));
        var chosen = await ChooseAsync(payload, scope, cancellationToken);
        await context.ReportProgressAsync(2);

        await accounts.EnsureAccountsAsync(chosen, $"lời mời (tác vụ #{context.Id})", cancellationToken);
        db.ChangeTracker.Clear();
        await context.ReportProgressAsync(10);

        var cutoff = payload.Again ? payload.QueuedUtc : clock.GetUtcNow().UtcDateTime - links.InvitationLifetime;
        var people = from c in chosen
                     join u in db.Users on c.UserId equals u.Id
                     select u;
        var total = await chosen.CountAsync(cancellationToken);
        var havePassword = await people.CountAsync(u => u.PasswordHash != null, cancellationToken);
        var recent = await people.CountAsync(u => u.PasswordHash == null && u.InvitedUtc != null && u.InvitedUtc >= cutoff, cancellationToken);
        var due = await people.Where(u => u.PasswordHash == null && (u.InvitedUtc == null || u.InvitedUtc < cutoff))
            .Select(u => u.Id).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);

        var invited = 0;
        foreach (var batch in due.Chunk(BatchSize))
        {
            invited += await links.InviteAsync(batch, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await context.ReportProgressAsync(10 + (88 * Math.Min(invited, due.Count) / Math.Max(1, due.Count)));
        }

        var noAccount = await chosen.CountAsync(c => c.UserId == null, cancellationToken);
        await context.CompleteAsync(db, ct =>
        {
            audit.Record("organization.cadres.invited", $"tác vụ #{context.Id}", $"{total} cán bộ: mời {invited}, đã có mật khẩu {havePassword}, mời gần đây {recent}, không có tài khoản {noAccount}", actor);
            return Task.FromResult(new Outcome(total, invited, havePassword, recent, noAccount));
        }, cancellationToken);
    }

    /// <summary>The cadres the payload names, inside <paramref name="scope"/> (a query, composed by the caller).</summary>
    private async Task<IQueryable<Cadre>> ChooseAsync(Payload payload, OrgScope scope, CancellationToken cancellationToken)
    {
        var query = scope.Apply(db.Set<Cadre>());
        if (payload.CadreIds is { } ids)
        {
            return query.Where(c => ids.Contains(c.Id));
        }

        if (payload.ImportJob is { } importJob)
        {
            var file = await db.Set<JobRecord>().AsNoTracking()
                .Where(j => j.Id == importJob && j.Kind == CadreImportJob.JobKind && j.CreatedBy == payload.UserId)
                .Select(j => j.Payload).SingleOrDefaultAsync(cancellationToken);
            var emails = file is null ? [] : System.Text.Json.JsonSerializer.Deserialize<CadreImportJob.Payload>(file, System.Text.Json.JsonSerializerOptions.Web)!
                .Rows.Select(r => r.Email?.Trim().ToLowerInvariant() ?? "").Where(e => e.Length > 0).ToList();
            return query.Where(c => emails.Contains(c.Email));
        }

        if (payload.UnitId is { } unitId)
        {
            var path = await scope.Apply(db.Set<OrgUnit>()).Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken) ?? "/none/";
            query = query.Where(c => c.OrgPath.StartsWith(path));
        }

        if (!string.IsNullOrWhiteSpace(payload.Query))
        {
            var q = SearchText.Fold(payload.Query);
            query = query.Where(c => c.SearchText!.Contains(q));
        }

        return query;
    }
}
