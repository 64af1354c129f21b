using System.Globalization;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Modularity;
using Learning.Notifications;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

/// <summary>
/// The weekly digest of every manager: their scope's completion (completed of all active enrolments) and its overdue list
/// (oldest due date first, capped at <see cref="OverdueListSize"/> with the count of the rest), counted over the cadres inside
/// their organisational scope only, as the assignment page counts them.
/// </summary>
public sealed class ManagerDigest(LearningDbContext db, IOrganizationScopeService scopes, ICadreDirectory cadres, INotifier notifier, TimeProvider clock)
{
    public const int OverdueListSize = 50;

    public const string Link = "/Admin/Courses/Assign";

    /// <summary>Adds a digest for each manager with a scope and enrolments in it (the caller saves). Returns how many.</summary>
    public async Task<int> AddAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var managers = await db.UserRoles
            .Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == LearningRoles.Manager))
            .Select(ur => ur.UserId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var manager in managers)
        {
            var scope = await scopes.ScopeOfUserAsync(manager, cancellationToken);
            if (!scope.Unrestricted && scope.Paths.Count == 0)
            {
                continue;
            }

            if (await BuildAsync(scope, now, cancellationToken) is { } model)
            {
                notifier.Notify(new Notice(manager, NoticeTypes.ManagerDigest, model)
                {
                    Link = Link,
                    GroupKey = "digest:" + CourseNotices.FormatDay(now),
                });
                sent++;
            }
        }

        return sent;
    }

    /// <summary>The digest's model for one scope, or null when no cadre in it is enrolled in anything.</summary>
    public async Task<object?> BuildAsync(OrgScope scope, DateTime nowUtc, CancellationToken cancellationToken)
    {
        // The demo recipe's simulated learning stays on the site's pages, which say so; an e-mail carries real figures only.
        var active = db.Set<Enrollment>().AsNoTracking().Where(e => e.WithdrawnUtc == null && e.Source != EnrollmentSource.Simulated);
        if (!scope.Unrestricted)
        {
            var mine = cadres.UserIdsIn(scope);
            active = active.Where(e => mine.Contains(e.UserId));
        }

        var total = await active.CountAsync(cancellationToken);
        if (total == 0)
        {
            return null;
        }

        var completed = await active.CountAsync(e => e.CompletedUtc != null, cancellationToken);
        var overdueCount = await active.CountAsync(e => e.CompletedUtc == null && e.DueUtc < nowUtc, cancellationToken);
        var overdue = await active.Where(e => e.CompletedUtc == null && e.DueUtc < nowUtc)
            .OrderBy(e => e.DueUtc).ThenBy(e => e.Id).Take(OverdueListSize)
            .Join(db.Set<Course>(), e => e.CourseId, c => c.Id, (e, c) => new { e.UserId, Course = c.Title, e.DueUtc })
            .ToListAsync(cancellationToken);
        var people = (await cadres.FindByUsersAsync(overdue.Select(o => o.UserId).Distinct().ToList(), cancellationToken))
            .ToDictionary(p => p.UserId!, StringComparer.Ordinal);
        var units = await cadres.UnitsAsync(scope, cancellationToken);
        var scopeName = scope.Unrestricted ? "" : string.Join(", ", units.Where(u => scope.Paths.Contains(u.Path)).Select(u => u.Name));
        return new
        {
            Scope = scopeName,
            Week = CourseNotices.FormatDay(nowUtc),
            Completed = completed,
            Total = total,
            Percent = Math.Round(completed * 100m / total, 1),
            Overdue = overdue.Select(o => new
            {
                Name = people.TryGetValue(o.UserId, out var person) ? person.FullName : "",
                Unit = person?.UnitName ?? "",
                o.Course,
                DueDate = CourseNotices.FormatDay(o.DueUtc),
            }).ToList(),
            OverdueCount = overdueCount,
            OverdueMore = Math.Max(0, overdueCount - overdue.Count),
        };
    }
}
