using Microsoft.EntityFrameworkCore;

namespace Learning.Data;

/// <summary>
/// Up to when the read connection is known to hold every committed row: what a client paging by time (the xAPI stream's
/// consistent-through header, the reporting API's high-water mark) may be told, so that passing it back as <c>since</c> never
/// skips a row. On the primary it is the clock less the settling time (a row's stored time is set a moment before its commit).
/// On a streaming standby it is also no later than the last transaction the standby has replayed, less the same settling time:
/// a standby behind by a bulk import, a paused replay or a broken link makes the mark wait for it instead of running ahead of
/// rows it has not received (ADR-023).
/// </summary>
public sealed class ReadConsistency(IReadDbContextFactory contexts)
{
    public async Task<DateTime> ConsistentThroughAsync(DateTime nowUtc, TimeSpan settle, CancellationToken cancellationToken)
    {
        var through = nowUtc - settle;
        if (!contexts.UsesReadConnection)
        {
            return through;
        }

        await using var db = contexts.CreateDbContext();
        if (!db.Database.IsNpgsql())
        {
            return through;
        }

        // Null on a primary (prefer-standby fell back to it), and on a standby that has replayed nothing since it started.
        var replayed = (await db.Database.SqlQueryRaw<DateTime?>(
            "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_xact_replay_timestamp() END AS \"Value\"").ToListAsync(cancellationToken)).Single();
        return replayed is { } at && at.ToUniversalTime() - settle < through ? at.ToUniversalTime() - settle : through;
    }
}
