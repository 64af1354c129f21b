using System.Diagnostics;
using System.Globalization;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Learning.IntegrationTests.Reports;

/// <summary>
/// Issue 14, the read connection: a real streaming standby (<c>pg_basebackup -R</c>) of the test's own primary on 127.0.0.1.
/// Reads through <see cref="IReadDbContextFactory"/> go to the standby, writes stay on the primary, a row written on the primary
/// shows on the standby after the replication lag (measured and printed), and an Npgsql multi-host string with
/// <c>Target Session Attributes=prefer-standby</c> picks the standby, then falls back to the primary when the standby stops.
/// The primary is a private cluster (as the outage tests use), not test.sh's shared server: a base backup of that one would copy
/// every other test's database, and its standby would replay their drops.
/// </summary>
public sealed class ReadReplicaTests(ITestOutputHelper output)
{
    private const string Database = "learning_replica";

    [Fact]
    public async Task Standby_ReadsGoThere_WritesStayOnPrimary_RowsArriveAfterTheLag_PreferStandbyPicksItAndFailsOver()
    {
        await using var primary = await PrivatePostgres.CreateAsync();
        var standby = await primary.CreateStandbyAsync();
        try
        {
            Assert.Equal("t", await standby.QueryAsync("postgres", "SELECT pg_is_in_recovery()"));
            Assert.Equal("f", await primary.QueryAsync("postgres", "SELECT pg_is_in_recovery()"));

            await using (var site = await TestSite.StartAsync(DatabaseProvider.PostgreSql, settings: new()
            {
                ["Learning:Database:ConnectionString"] = primary.ConnectionString(Database),
                ["Learning:Database:ReadConnectionString"] = standby.ConnectionString(Database),
            }))
            {
                var reads = site.Services.GetRequiredService<IReadDbContextFactory>();
                Assert.True(reads.UsesReadConnection);

                // The database the setup created on the primary reaches the standby by replication alone.
                await WaitForAsync(async () => await standby.QueryAsync("postgres", $"SELECT count(*) FROM pg_database WHERE datname = '{Database}'") == "1", TimeSpan.FromSeconds(30));
                await using (var read = reads.CreateDbContext())
                {
                    Assert.True(await InRecoveryAsync(read));
                    Assert.Equal(await site.WithDbAsync(db => db.Set<OrgUnit>().CountAsync()), await CountUnitsWhenCaughtUpAsync(read, site));

                    // The read context cannot write: the standby refuses, whatever the caller tries.
                    var refused = await Assert.ThrowsAnyAsync<Exception>(() => read.Database.ExecuteSqlRawAsync("UPDATE org_unit SET \"Name\" = \"Name\""));
                    Assert.Contains("read-only transaction", Flatten(refused), StringComparison.Ordinal);
                }

                // Writes still succeed on the primary (the scoped context), and every row arrives on the standby: the lag, measured.
                Assert.False(await site.WithDbAsync(InRecoveryAsync));
                var lags = new List<double>();
                for (var i = 0; i < 20; i++)
                {
                    var code = "REPLICA-" + i.ToString(CultureInfo.InvariantCulture);
                    await site.WithDbAsync(async db =>
                    {
                        db.Add(new OrgUnit { Code = code, Name = "Xã Sao Chép " + i.ToString(CultureInfo.InvariantCulture), Kind = OrgUnitKind.Commune, Path = "/" });
                        return await db.SaveChangesAsync();
                    });
                    lags.Add(await VisibleAfterAsync(reads, code));
                }

                lags.Sort();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replication lag, one row committed on the primary until readable on the standby (20 rows): median {Median(lags):0.0} ms, max {lags[^1]:0.0} ms"));
                Assert.True(lags[^1] < 10_000, $"A row took {lags[^1]:0} ms to reach the standby.");

                // Under a bulk write (200,000 rows in one transaction, as an import or the demo data would): the last row's lag.
                var bulk = await site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO org_unit ("Code", "Name", "Kind", "Path")
                    SELECT 'BULK-' || i, 'Đơn vị sao chép ' || i, 'Unit', '/' FROM generate_series(1, 200000) AS i
                    """));
                Assert.Equal(200_000, bulk);
                var bulkLag = await VisibleAfterAsync(reads, "BULK-200000");
                var replayLag = await primary.QueryAsync("postgres", "SELECT coalesce(max(extract(epoch FROM replay_lag) * 1000), 0)::int FROM pg_stat_replication");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after a 200,000-row transaction: visible on the standby {bulkLag:0.0} ms after the commit returned (pg_stat_replication.replay_lag {replayLag} ms)"));
                await using (var read = reads.CreateDbContext())
                {
                    Assert.Equal(await site.WithDbAsync(db => db.Set<OrgUnit>().CountAsync()), await read.Set<OrgUnit>().CountAsync());
                }

                // The standby falls behind (its replay paused, as a long import or a broken link would leave it): the time a warehouse
                // is told it may page from waits at the standby's last replayed commit, so passing it back as "since" skips nothing.
                var consistency = site.Services.GetRequiredService<ReadConsistency>();
                await standby.QueryAsync("postgres", "SELECT pg_wal_replay_pause()");
                await site.WithDbAsync(async db =>
                {
                    db.Add(new OrgUnit { Code = "REPLICA-PAUSED", Name = "Xã chờ sao chép", Kind = OrgUnitKind.Commune, Path = "/" });
                    return await db.SaveChangesAsync();
                });
                var committed = DateTime.UtcNow;
                await Task.Delay(1500);
                var behind = await consistency.ConsistentThroughAsync(DateTime.UtcNow, TimeSpan.Zero, CancellationToken.None);
                Assert.True(behind < committed, $"consistent through {behind:O} while the standby has not replayed the commit of {committed:O}");
                await standby.QueryAsync("postgres", "SELECT pg_wal_replay_resume()");
                await VisibleAfterAsync(reads, "REPLICA-PAUSED");
                Assert.True(await consistency.ConsistentThroughAsync(DateTime.UtcNow, TimeSpan.Zero, CancellationToken.None) >= committed.AddSeconds(-1));
            }

            // Multi-host, the primary named first: prefer-standby still reads from the standby.
            var multiHost = string.Create(CultureInfo.InvariantCulture,
                $"Host=127.0.0.1:{primary.Port},127.0.0.1:{standby.Port};Username=postgres;Database={Database};Timeout=3;Target Session Attributes=prefer-standby");
            await using (var site = await TestSite.StartAsync(DatabaseProvider.PostgreSql, setUp: false, settings: new()
            {
                ["Learning:Database:ConnectionString"] = primary.ConnectionString(Database),
                ["Learning:Database:ReadConnectionString"] = multiHost,
            }))
            {
                var reads = site.Services.GetRequiredService<IReadDbContextFactory>();
                for (var i = 0; i < 5; i++)
                {
                    await using var read = reads.CreateDbContext();
                    Assert.True(await InRecoveryAsync(read));
                }

                // The standby goes away: the same string falls back to the primary, and reports keep answering.
                await standby.StopAsync();
                NpgsqlConnection.ClearAllPools();
                var watch = Stopwatch.StartNew();
                await using (var read = reads.CreateDbContext())
                {
                    Assert.False(await InRecoveryAsync(read));
                    Assert.True(await read.Set<OrgUnit>().AnyAsync(u => u.Code == "REPLICA-0"));
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prefer-standby with the standby stopped: first read on the primary after {watch.Elapsed.TotalMilliseconds:0} ms"));
            }
        }
        finally
        {
            await standby.DisposeAsync();
        }
    }

    private static async Task<bool> InRecoveryAsync(LearningDbContext db) =>
        (await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").ToListAsync()).Single();

    private static async Task<int> CountUnitsWhenCaughtUpAsync(LearningDbContext read, TestSite site)
    {
        var expected = await site.WithDbAsync(db => db.Set<OrgUnit>().CountAsync());
        var count = 0;
        await WaitForAsync(async () => (count = await read.Set<OrgUnit>().CountAsync()) == expected, TimeSpan.FromSeconds(30));
        return count;
    }

    /// <summary>Milliseconds from now (just after the primary's commit returned) until the row reads back on the standby.</summary>
    private static async Task<double> VisibleAfterAsync(IReadDbContextFactory reads, string code)
    {
        var watch = Stopwatch.StartNew();
        await using var read = reads.CreateDbContext();
        while (!await read.Set<OrgUnit>().AnyAsync(u => u.Code == code))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{code} never reached the standby.");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < timeout, "Timed out waiting for the standby.");
            await Task.Delay(50);
        }
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " " + Flatten(ex.InnerException);
}
