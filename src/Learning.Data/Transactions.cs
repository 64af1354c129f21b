using Microsoft.EntityFrameworkCore;

namespace Learning.Data;

/// <summary>
/// User-initiated transactions under the context's execution strategy. On PostgreSQL the strategy retries transient failures
/// (a restart, a dropped connection), and it refuses a transaction opened outside it, so every transaction goes through here:
/// the whole unit runs again after a transient failure, which the body must allow (re-read, not reuse, what it changed).
/// Inside a transaction already open, the body simply joins it.
/// </summary>
public static class Transactions
{
    public static async Task InTransactionAsync(this DbContext db, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        await db.InTransactionAsync<bool>(async ct =>
        {
            await body(ct);
            return true;
        }, cancellationToken);
    }

    public static async Task<T> InTransactionAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await body(cancellationToken);
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await body(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
