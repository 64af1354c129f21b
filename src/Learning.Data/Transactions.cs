using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Learning.Data;

/// <summary>
/// Work under the context's execution strategy. On PostgreSQL the strategy retries transient failures (a restart, a dropped
/// connection), and it refuses a transaction opened outside it, so every user-initiated transaction goes through here. After
/// a transient failure the whole unit runs again on a cleared change tracker, so a body must re-read what it changes rather
/// than reuse entities loaded before it. Inside a transaction already open, the body simply joins it (no retry of its own).
/// </summary>
public static class Transactions
{
    /// <summary>Runs <paramref name="body"/> in a transaction it commits; an exception rolls it back.</summary>
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

        return await db.RetryingAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await body(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> under the execution strategy, for bodies that manage their own transaction (and may
    /// roll it back and return a result). The change tracker is cleared before every retry.
    /// </summary>
    public static async Task<T> RetryingAsync<T>(this DbContext db, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await operation(cancellationToken);
        }

        var first = true;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (!first)
            {
                db.ChangeTracker.Clear();
            }

            first = false;
            return await operation(ct);
        }, cancellationToken);
    }

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the database could not be reached or was busy.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case NpgsqlException npgsql when npgsql.IsTransient:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
