using System.Globalization;
using Learning.Certificates.Data;
using Learning.Data;
using Learning.Modularity;
using Learning.Notifications;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Readiness;

/// <summary>
/// The two readiness notifications. A cadre is told once per readiness (the set of required courses): the notice and its
/// <see cref="ReadinessNotice"/> mark are added to the same unit of work, and the mark's unique key refuses a second one.
/// Managers get a weekly count of their scope's ready-but-not-requested, expiring and expired signatures.
/// </summary>
public sealed class ReadinessNotices(LearningDbContext db, ReadinessBoard board, IOrganizationScopeService scopes, ICadreDirectory cadres, INotifier notifier, TimeProvider clock,
    ILearningEvents events)
{
    public const string CadreLink = "/Learning";

    public const string ManagerLink = "/Admin/Readiness";

    /// <summary>After a completion: tells this account's cadre if they became ready. The caller saves. Returns how many told.</summary>
    public async Task<int> CheckUserAsync(string userId, CancellationToken cancellationToken = default) =>
        await AddReadyAsync(await board.ForUserAsync(userId, cancellationToken), cancellationToken);

    /// <summary>The sweep: every ready cadre not yet told (a completion whose event was lost, a requirement changed).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default) =>
        await AddReadyAsync(await board.ListAsync(OrgScope.Everything, cancellationToken), cancellationToken);

    private async Task<int> AddReadyAsync(IReadOnlyList<CadreReadiness> items, CancellationToken cancellationToken)
    {
        var ready = items.Where(r => r.State == ReadinessState.Ready && r.Cadre.UserId is not null && r.Province is not null).ToList();
        if (ready.Count == 0)
        {
            return 0;
        }

        var requirements = await board.RequirementsAsync(cancellationToken);
        var ids = ready.Select(r => r.Cadre.CadreId).ToList();
        var told = (await db.Set<ReadinessNotice>().AsNoTracking().Where(n => ids.Contains(n.CadreId)).Select(n => new { n.CadreId, n.Requirement }).ToListAsync(cancellationToken))
            .Select(n => (n.CadreId, n.Requirement)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        foreach (var item in ready)
        {
            var requirement = requirements[item.Province!.Id];
            var key = ReadinessRules.RequirementKey(requirement.CourseIds);
            if (!told.Add((item.Cadre.CadreId, key)))
            {
                continue;
            }

            db.Add(new ReadinessNotice { CadreId = item.Cadre.CadreId, Requirement = key, SentUtc = now });
            await events.RecordAsync(ReadinessEvents.Changed(item.Cadre.UserId!, ReadinessState.Ready, now), cancellationToken);
            notifier.Notify(new Notice(item.Cadre.UserId!, NoticeTypes.SignatureReady, new
            {
                Province = item.Province.Name,
                Courses = requirement.Courses.Select(c => new { c.Title }).ToList(),
            })
            {
                Link = CadreLink,
            });
            sent++;
        }

        return sent;
    }

    /// <summary>Adds the weekly digest of each manager whose scope has something to act on. The caller saves. Returns how many.</summary>
    public async Task<int> AddDigestsAsync(CancellationToken cancellationToken = default)
    {
        var managers = await db.UserRoles
            .Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == LearningRoles.Manager))
            .Select(ur => ur.UserId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var week = LocalTime.ToLocal(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sent = 0;
        foreach (var manager in managers)
        {
            var scope = await scopes.ScopeOfUserAsync(manager, cancellationToken);
            if (!scope.Unrestricted && scope.Paths.Count == 0)
            {
                continue;
            }

            var items = await board.ListAsync(scope, cancellationToken);
            var (ready, expiring, expired) = (items.Count(i => i.State == ReadinessState.Ready), items.Count(i => i.State == ReadinessState.Expiring), items.Count(i => i.State == ReadinessState.Expired));
            if (ready + expiring + expired == 0)
            {
                continue;
            }

            var units = await cadres.UnitsAsync(scope, cancellationToken);
            var scopeName = scope.Unrestricted ? "" : string.Join(", ", units.Where(u => scope.Paths.Contains(u.Path)).Select(u => u.Name));
            notifier.Notify(new Notice(manager, NoticeTypes.ReadinessDigest, new { Scope = scopeName, Week = week, ReadyNotRequested = ready, Expiring = expiring, Expired = expired })
            {
                Link = ManagerLink,
                GroupKey = "readiness-digest:" + week,
            });
            sent++;
        }

        return sent;
    }
}
