using Learning.Data;
using Learning.Organization;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Services;

/// <summary>
/// Accommodations a trainer grants within their scope: to one cadre or to a unit (and the units under it). A new grant for
/// the same cadre or unit replaces the old one. Attempts started afterwards get the new limits, and so do the ones in
/// progress (their deadlines counted again: <see cref="AttemptService.RetimeOpenAttemptsAsync"/>).
/// </summary>
public sealed class QuizOverrides(LearningDbContext db, QuizCatalog catalog, ICadreDirectory cadres, AttemptService attempts, IAuditTrail audit, TimeProvider clock)
{
    public sealed record OverrideRow(QuizOverride Override, string Who);

    public sealed record Grant(int ExtraTimeSeconds, decimal TimeMultiplier, int ExtraAttempts, DateTime? ClosesUtc);

    /// <summary>The quiz's overrides that lie inside <paramref name="scope"/>, with whom each covers.</summary>
    public async Task<IReadOnlyList<OverrideRow>> ListAsync(Quiz quiz, OrgScope scope, IReadOnlyDictionary<string, CadreProfile> people, IReadOnlyList<OrgUnitRef> units, CancellationToken cancellationToken)
    {
        var all = await db.Set<QuizOverride>().AsNoTracking().Where(o => o.QuizId == quiz.Id).OrderByDescending(o => o.Id).ToListAsync(cancellationToken);
        var rows = new List<OverrideRow>();
        foreach (var o in all)
        {
            if (o.UserId is { } userId)
            {
                var cadre = people.GetValueOrDefault(userId) ?? await cadres.FindByUserAsync(userId, cancellationToken);
                if (scope.Unrestricted || (cadre is not null && scope.Contains(cadre.OrgPath)))
                {
                    rows.Add(new(o, cadre is null ? userId : $"{cadre.FullName} ({cadre.Email})"));
                }
            }
            else if (o.UnitPath is { } path && scope.Contains(path))
            {
                rows.Add(new(o, units.FirstOrDefault(u => u.Path == path)?.Name ?? path));
            }
        }

        return rows;
    }

    public async Task SetAsync(Quiz quiz, string? userId, string? unitPath, Grant grant, string actorId, CancellationToken cancellationToken)
    {
        var existing = await db.Set<QuizOverride>().Where(o => o.QuizId == quiz.Id && o.UserId == userId && o.UnitPath == unitPath).ToListAsync(cancellationToken);
        db.RemoveRange(existing);
        db.Add(new QuizOverride
        {
            QuizId = quiz.Id,
            UserId = userId,
            UnitPath = unitPath,
            ExtraTimeSeconds = grant.ExtraTimeSeconds,
            TimeMultiplier = grant.TimeMultiplier,
            ExtraAttempts = grant.ExtraAttempts,
            ClosesUtc = grant.ClosesUtc,
            CreatedBy = actorId,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        });
        audit.Record("quizzes.override.set", quiz.Key, $"{userId ?? unitPath}: +{grant.ExtraTimeSeconds}s ×{grant.TimeMultiplier} +{grant.ExtraAttempts} {grant.ClosesUtc:O}");
        await db.SaveChangesAsync(cancellationToken);
        catalog.Forget(quiz.Id);
        await attempts.RetimeOpenAttemptsAsync(quiz, userId, actorId, cancellationToken);
    }

    public async Task RemoveAsync(Quiz quiz, QuizOverride grant, string actorId, CancellationToken cancellationToken)
    {
        await db.Set<QuizOverride>().Where(o => o.Id == grant.Id && o.QuizId == quiz.Id).ExecuteDeleteAsync(cancellationToken);
        audit.Record("quizzes.override.removed", quiz.Key, grant.UserId ?? grant.UnitPath);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Forget(quiz.Id);
        await attempts.RetimeOpenAttemptsAsync(quiz, grant.UserId, actorId, cancellationToken);
    }
}
