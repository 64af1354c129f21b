using System.Linq.Expressions;
using Learning.Courses.Data;
using Learning.Data;
using Learning.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

/// <summary>
/// Due-date reminders for incomplete enrolments: 7 days before, 1 day before, and once overdue. Each is sent exactly once per
/// enrolment and due date: the enrolment records the due date each reminder was sent for, in the transaction that queues the
/// notification, so a rerun, a retry after a crash or a catch-up after downtime finds nothing left to send, and a moved due
/// date re-arms all three. The windows do not overlap (a cadre assigned two days before the due date gets the 1-day reminder
/// only when a day is left), and each is read by what is due now, so a run after downtime sends the reminder that applies now.
/// Set-based: pages of enrolments are read in one query each, marked with one conditional UPDATE, and their notifications
/// written by <see cref="INotifier.NotifyManyAsync"/> (multi-row INSERTs in the same transaction).
/// </summary>
public sealed class DueReminders(LearningDbContext db, INotifier notifier, TimeProvider clock)
{
    /// <summary>Enrolments overdue for longer are not told any more (the first run after installation stays quiet about old deadlines).</summary>
    public static readonly TimeSpan OverdueLookBack = TimeSpan.FromDays(30);

    public const int DefaultPageSize = 5000;

    private enum Kind
    {
        DueIn7Days,
        DueIn1Day,
        Overdue,
    }

    public async Task<DueReminderCounts> SendAsync(int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var courses = new Dictionary<int, (string Title, string Slug)>();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false; // only inserts of new notifications: nothing to detect
        try
        {
            var overdue = await SendKindAsync(Kind.Overdue, now - OverdueLookBack, now, now, pageSize, courses, cancellationToken);
            var oneDay = await SendKindAsync(Kind.DueIn1Day, now, now.AddDays(1), now, pageSize, courses, cancellationToken);
            var sevenDays = await SendKindAsync(Kind.DueIn7Days, now.AddDays(1), now.AddDays(7), now, pageSize, courses, cancellationToken);
            return new(sevenDays, oneDay, overdue);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Enrolments due in (<paramref name="from"/>, <paramref name="to"/>] whose reminder of this kind was not sent for that due date.</summary>
    private async Task<int> SendKindAsync(Kind kind, DateTime from, DateTime to, DateTime now, int pageSize, Dictionary<int, (string Title, string Slug)> courses, CancellationToken cancellationToken)
    {
        var sent = 0;
        long after = 0;
        var races = 0;
        while (true)
        {
            var pending = db.Set<Enrollment>().AsNoTracking().Where(Pending(kind, from, to));
            var page = await pending.Where(e => e.Id > after).OrderBy(e => e.Id).Take(pageSize)
                .Select(e => new { e.Id, e.UserId, e.CourseId, Due = e.DueUtc!.Value }).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return sent;
            }

            var missing = page.Select(p => p.CourseId).Distinct().Where(id => !courses.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                foreach (var course in await db.Set<Course>().AsNoTracking().Where(c => missing.Contains(c.Id)).Select(c => new { c.Id, c.Title, c.Slug }).ToListAsync(cancellationToken))
                {
                    courses[course.Id] = (course.Title, course.Slug);
                }
            }

            var ids = page.Select(p => p.Id).ToList();
            var done = await db.RetryingAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);

                // Marked first, on the condition that nothing marked them meanwhile (another worker that lost its lease and
                // still runs, a due date moved): the rows stay locked to the commit, and a count short of the page means a
                // race, which rolls the page back and reads it again.
                var marked = await Mark(kind, db.Set<Enrollment>().Where(e => ids.Contains(e.Id)).Where(Pending(kind, from, to)), ct);
                if (marked != ids.Count)
                {
                    await transaction.RollbackAsync(ct);
                    return false;
                }

                var type = kind switch
                {
                    Kind.DueIn7Days => NoticeTypes.DueIn7Days,
                    Kind.DueIn1Day => NoticeTypes.DueIn1Day,
                    _ => NoticeTypes.Overdue,
                };
                await notifier.NotifyManyAsync(page.Select(row =>
                {
                    var (title, slug) = courses.GetValueOrDefault(row.CourseId, ("", ""));
                    return CourseNotices.Reminder(type, row.UserId, title, slug, row.Due, now);
                }).ToList(), ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            }, cancellationToken);
            db.ChangeTracker.Clear();
            if (done)
            {
                sent += page.Count;
                after = page[^1].Id;
            }
            else if (++races > 5)
            {
                throw new InvalidOperationException($"Due reminders ({kind}): the enrolments kept changing under the run; the next run sends what is left.");
            }
        }
    }

    private static Expression<Func<Enrollment, bool>> Pending(Kind kind, DateTime from, DateTime to) => kind switch
    {
        Kind.DueIn7Days => e => e.CompletedUtc == null && e.WithdrawnUtc == null && e.DueUtc > from && e.DueUtc <= to && (e.Due7NoticeFor == null || e.Due7NoticeFor != e.DueUtc),
        Kind.DueIn1Day => e => e.CompletedUtc == null && e.WithdrawnUtc == null && e.DueUtc > from && e.DueUtc <= to && (e.Due1NoticeFor == null || e.Due1NoticeFor != e.DueUtc),
        _ => e => e.CompletedUtc == null && e.WithdrawnUtc == null && e.DueUtc > from && e.DueUtc <= to && (e.OverdueNoticeFor == null || e.OverdueNoticeFor != e.DueUtc),
    };

    private static Task<int> Mark(Kind kind, IQueryable<Enrollment> rows, CancellationToken cancellationToken) => kind switch
    {
        Kind.DueIn7Days => rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.Due7NoticeFor, e => e.DueUtc), cancellationToken),
        Kind.DueIn1Day => rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.Due1NoticeFor, e => e.DueUtc), cancellationToken),
        _ => rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.OverdueNoticeFor, e => e.DueUtc), cancellationToken),
    };
}
