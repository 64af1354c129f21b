using Microsoft.EntityFrameworkCore;

namespace Learning.Data.Jobs;

/// <summary>
/// One job of a kind per unit of work: the first <see cref="Ensure"/> of a unit of work adds a <see cref="JobRecord"/> to the
/// context (the caller's <c>SaveChanges</c> writes it with the rows that need it, in the same transaction); later calls only
/// bring its due time forward. A save, a rollback or a cleared tracker ends the unit of work, and the next call adds another.
/// Held per scope by the service that writes the rows (the outbox's send job, the notifications' dispatch job).
/// </summary>
public sealed class UnitOfWorkJob(string kind, int maxAttempts = 5)
{
    private JobRecord? job;

    public JobRecord Ensure(LearningDbContext db, DateTime dueUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (job is null || db.Entry(job).State != EntityState.Added)
        {
            job = new JobRecord { Kind = kind, Payload = "{}", MaxAttempts = maxAttempts, RunAfterUtc = dueUtc, CreatedUtc = nowUtc };
            db.Add(job);
        }
        else if (dueUtc < job.RunAfterUtc)
        {
            job.RunAfterUtc = dueUtc;
        }

        return job;
    }
}
