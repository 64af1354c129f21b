using System.Data.Common;
using Learning.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Learning.Data.Security;

/// <summary>
/// The accounts' security stamps as this node last read them, so that the per-request check of a sign-in cookie (ADR-009)
/// need not read the database every time. It is only ever used while something guarantees it hears of every change: on
/// PostgreSQL, a live <c>LISTEN</c> on <see cref="Channel"/> (every node, the command line included, sends a <c>NOTIFY</c>
/// after committing a change); without that (SQLite, where the command line is another process; or the listening connection
/// lost) <see cref="Enabled"/> is false and every check reads the database. Changes are forgotten only after their commit,
/// and a read that raced a change cannot store the old stamp: <see cref="Remember"/> keeps a value only if nothing was
/// forgotten since the read began (the generation counter).
/// </summary>
public sealed class SecurityStampCache
{
    public const string Channel = "learning_security_stamps";
    public const string Everyone = "*";

    /// <summary>However the announcements fare, no stamp is trusted longer than this without reading it again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, (string Stamp, long ReadAt)> stamps = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long generation;
    private bool enabled;

    public bool Enabled
    {
        get { lock (gate) { return enabled; } }
    }

    /// <summary>Taken before reading the database; passed back to <see cref="Remember"/>.</summary>
    public long Generation
    {
        get { lock (gate) { return generation; } }
    }

    public bool TryGet(string userId, out string? stamp)
    {
        lock (gate)
        {
            stamp = null;
            if (!enabled || !stamps.TryGetValue(userId, out var entry) || Environment.TickCount64 - entry.ReadAt > (long)MaxAge.TotalMilliseconds)
            {
                return false;
            }

            stamp = entry.Stamp;
            return true;
        }
    }

    public void Remember(string userId, string stamp, long readGeneration)
    {
        lock (gate)
        {
            if (enabled && generation == readGeneration)
            {
                stamps[userId] = (stamp, Environment.TickCount64);
            }
        }
    }

    /// <summary>Forgets the given accounts (or everyone for <see cref="Everyone"/>).</summary>
    public void Forget(IEnumerable<string> userIds)
    {
        lock (gate)
        {
            generation++;
            foreach (var id in userIds)
            {
                if (id == Everyone)
                {
                    stamps.Clear();
                    return;
                }

                stamps.Remove(id);
            }
        }
    }

    /// <summary>Turns the cache on (the change channel is live) or off (it is not: forget everything, read every time).</summary>
    public void SetEnabled(bool value)
    {
        lock (gate)
        {
            generation++;
            stamps.Clear();
            enabled = value;
        }
    }
}

/// <summary>
/// Collects the accounts whose stamp a unit of work changes and announces them once that work is committed: at once when
/// no transaction is open, or when the enclosing transaction commits (dropped if it rolls back). Stamps changed through
/// Identity are found in the change tracker; a bulk update says so with <see cref="Changed"/>.
/// </summary>
public sealed class SecurityStampChanges(SecurityStampCache cache, ILogger<SecurityStampChanges> logger)
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<string>> pending = new();

    /// <summary>Records that the stamps of <paramref name="userIds"/> (or of everyone: <see cref="SecurityStampCache.Everyone"/>)
    /// were changed by <paramref name="db"/>; announced when its transaction commits, or now if it has none.</summary>
    public async Task Changed(DbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        Record(db, userIds);
        if (db.Database.CurrentTransaction is null)
        {
            await FlushAsync(db, cancellationToken);
        }
    }

    internal void Record(DbContext db, IEnumerable<string> userIds)
    {
        lock (pending)
        {
            pending.GetOrCreateValue(db).UnionWith(userIds);
        }
    }

    internal async Task FlushAsync(DbContext db, CancellationToken cancellationToken)
    {
        string[] ids;
        lock (pending)
        {
            if (!pending.TryGetValue(db, out var set) || set.Count == 0)
            {
                return;
            }

            ids = [.. set];
            set.Clear();
        }

        cache.Forget(ids);
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            // Other nodes hear it on their LISTEN. Sent on a connection of its own, after the commit, so it is never lost to a
            // rollback and never announces what is not yet visible. A payload is at most 8,000 bytes: many ids become "*".
            var payload = string.Join(',', ids);
            if (payload.Length > 7000 || ids.Contains(SecurityStampCache.Everyone))
            {
                payload = SecurityStampCache.Everyone;
            }

            try
            {
                await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
                await connection.OpenAsync(cancellationToken);
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                notify.Parameters.AddWithValue("channel", SecurityStampCache.Channel);
                notify.Parameters.AddWithValue("payload", payload);
                await notify.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The other nodes' listeners reconnect and start from an empty cache when their connection failed too; when
                // only this notification failed, say so loudly: their cached stamps are stale until they hear the next one.
                logger.LogError(ex, "Security stamp change of {Count} account(s) could not be announced to other nodes", ids.Length);
            }
        }
    }

    internal void Drop(DbContext db)
    {
        lock (pending)
        {
            pending.Remove(db);
        }
    }
}

/// <summary>Finds stamp changes (and deleted accounts) among the entities being saved.</summary>
internal sealed class SecurityStampSaveInterceptor(SecurityStampChanges changes) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            await changes.FlushAsync(db, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            changes.FlushAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    private void Collect(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        var ids = db.ChangeTracker.Entries<LearningUser>()
            .Where(e => e.State == EntityState.Deleted || (e.State == EntityState.Modified && e.Property(u => u.SecurityStamp).IsModified))
            .Select(e => e.Entity.Id)
            .ToList();
        if (ids.Count > 0)
        {
            // Recorded now, announced after the commit (SavedChanges, or the transaction's commit).
            changes.Record(db, ids);
        }
    }
}

/// <summary>Announces a transaction's stamp changes when it commits, and drops them when it rolls back.</summary>
internal sealed class SecurityStampTransactionInterceptor(SecurityStampChanges changes) : DbTransactionInterceptor
{
    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            await changes.FlushAsync(db, cancellationToken);
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            changes.FlushAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            changes.Drop(db);
        }
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            changes.Drop(db);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// On PostgreSQL, listens for stamp changes announced by any node and keeps <see cref="SecurityStampCache"/> on only while
/// listening: it is switched on after <c>LISTEN</c> succeeds (starting empty, so nothing missed before can be in it) and
/// off the moment the connection fails, until a new one listens again.
/// </summary>
internal sealed class SecurityStampListener(IServiceScopeFactory scopes, SecurityStampCache cache, ILogger<SecurityStampListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) != true)
            {
                return; // SQLite: the cache stays off
            }

            connectionString = db.Database.GetConnectionString();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 15, Pooling = false }.ConnectionString);
                connection.Notification += (_, e) => cache.Forget(e.Payload.Split(','));
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {SecurityStampCache.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.SetEnabled(true);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                logger.LogWarning("Security stamp listener lost its connection ({Message}); reading stamps from the database until it is back", ex.Message);
            }
            finally
            {
                cache.SetEnabled(false);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

public static class SecurityStampServiceCollectionExtensions
{
    public static IServiceCollection AddSecurityStamps(this IServiceCollection services)
    {
        services.AddSingleton<SecurityStampCache>();
        services.AddSingleton<SecurityStampChanges>();
        services.AddSingleton<SecurityStampSaveInterceptor>();
        services.AddSingleton<SecurityStampTransactionInterceptor>();
        services.AddHostedService<SecurityStampListener>();
        return services;
    }
}
