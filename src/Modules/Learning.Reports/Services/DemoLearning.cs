using System.Globalization;
using Learning.Courses;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Reports.Services;

/// <summary>What simulated learning a site holds: since when, and how many enrolments and quiz attempts.</summary>
public sealed record DemoLearningFacts(DateTime? SinceUtc, int Enrollments, int Attempts);

/// <summary>
/// The demo recipe's simulated learning as the reports see it: whether the site holds some (every report page says so while it
/// does), and its removal at once, with its progress and quiz attempts, by someone holding <see cref="Permissions.DemoData"/>.
/// </summary>
public sealed class DemoLearning(LearningDbContext db, IDemoLearningWriter courses, IEnumerable<IDemoQuizWriter> quizzes, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>The day simulated learning was added, as the notices say it (in Vietnam's time).</summary>
    public static string Day(DateTime sinceUtc) => LocalTime.ToLocal(sinceUtc).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>When simulated learning was added; null when the site holds none. One read of the site's settings row.</summary>
    public Task<DateTime?> SinceAsync(CancellationToken cancellationToken = default) =>
        db.Set<SiteSettings>().AsNoTracking().Where(s => s.Id == SiteSettings.SingletonId).Select(s => s.SimulatedLearningUtc).FirstOrDefaultAsync(cancellationToken);

    public async Task<DemoLearningFacts> FactsAsync(CancellationToken cancellationToken = default)
    {
        var since = await SinceAsync(cancellationToken);
        var simulated = await courses.SimulatedAsync(cancellationToken);
        var attempts = 0;
        foreach (var writer in quizzes)
        {
            attempts += await writer.CountAsync(simulated, cancellationToken);
        }

        return new DemoLearningFacts(since, simulated.Count, attempts);
    }

    /// <summary>Marks the site as holding simulated learning (the recipe's step, in its own unit of work).</summary>
    public async Task MarkAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<SiteSettings>().Where(s => s.Id == SiteSettings.SingletonId).ExecuteUpdateAsync(s => s.SetProperty(x => x.SimulatedLearningUtc, now), cancellationToken);
    }

    /// <summary>
    /// Removes every simulated enrolment, the lesson progress and path completions resting on it and the quiz attempts started
    /// from it, in one transaction, and forgets the kept report views (counted with them). Real learning is untouched.
    /// </summary>
    public async Task<DemoLearningFacts> RemoveAsync(System.Security.Claims.ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        return await db.InTransactionAsync(async ct =>
        {
            var simulated = await courses.SimulatedAsync(ct);
            var attempts = 0;
            foreach (var writer in quizzes)
            {
                attempts += await writer.RemoveAsync(simulated, ct);
            }

            var enrollments = await courses.RemoveAsync(ct);
            await db.Set<ReportSnapshot>().ExecuteDeleteAsync(ct);
            await db.Set<SiteSettings>().Where(s => s.Id == SiteSettings.SingletonId).ExecuteUpdateAsync(s => s.SetProperty(x => x.SimulatedLearningUtc, (DateTime?)null), ct);
            audit.Record("reports.demo-learning-removed", null, $"{enrollments} simulated enrolments and {attempts} quiz attempts removed", actor);
            await db.SaveChangesAsync(ct);
            return new DemoLearningFacts(null, enrollments, attempts);
        }, cancellationToken);
    }
}
