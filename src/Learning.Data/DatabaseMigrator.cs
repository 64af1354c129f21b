using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Data;

/// <summary>Applies pending migrations. EF takes a migration lock, so two nodes starting together do not collide.</summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool migrated;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (migrated)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (migrated)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                var file = new SqliteConnectionStringBuilder(sqlite.ConnectionString).DataSource;
                if (!string.IsNullOrEmpty(file) && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
                {
                    Directory.CreateDirectory(dir);
                }
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(cancellationToken);
            }

            if (db.Database.IsSqlite())
            {
                // WAL lets readers go on while a writer commits; the default journal blocks them.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            if (await db.FillSearchTextAsync(cancellationToken) is > 0 and var filled)
            {
                logger.LogInformation("Filled the search text of {Count} row(s) saved before it existed", filled);
            }

            migrated = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}

internal sealed class DatabaseMigrationHostedService(DatabaseMigrator migrator, IOptions<DatabaseOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStart ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
