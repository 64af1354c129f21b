using System.Diagnostics;
using System.Net;
using Learning.Data;
using Learning.Data.Security;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Learning.IntegrationTests.Security;

/// <summary>
/// The per-node cache of security stamps (ADR-009) is used only while the node hears every change: a role taken away on one
/// web node stops working on another at once, and a node that loses its listening connection reads the database instead.
/// </summary>
public sealed class SecurityStampCacheTests
{
    [Fact]
    public async Task RoleRemovedOnOneNode_IsRefusedOnTheOtherAtOnce_AndALostListenerTurnsTheCacheOff()
    {
        await using var nodeA = await TestSite.StartAsync(DatabaseProvider.PostgreSql);
        await MatrixSite.CreateStaffAsync(nodeA);
        await using var nodeB = await TestSite.StartAsync(DatabaseProvider.PostgreSql, setUp: false, settings: new() { ["Learning:Database:ConnectionString"] = nodeA.ConnectionString });
        var cacheB = nodeB.Services.GetRequiredService<SecurityStampCache>();
        await WaitForAsync(() => cacheB.Enabled, "node B listens");

        using var trainerOnB = await nodeB.SignedInAsync(MatrixSite.TrainerEmail);
        Assert.Equal(HttpStatusCode.OK, (await trainerOnB.GetAsync("/Admin/Courses")).Status);
        var trainerId = await nodeA.WithDbAsync(db => db.Users.Where(u => u.Email == MatrixSite.TrainerEmail).Select(u => u.Id).SingleAsync());
        Assert.True(cacheB.TryGet(trainerId, out _), "node B answered the trainer from its cache");

        using var admin = await nodeA.SignedInAsync(TestSite.AdminEmail);
        var edit = $"/Admin/Users/Edit/{trainerId}";
        var clock = Stopwatch.StartNew();
        await admin.PostFormAsync(edit, [new("roles", "Cadre")], edit + "?handler=Roles");
        var changed = clock.Elapsed;

        // The next request on node B is refused: the change was announced before the administrator's page came back.
        var refusedAfter = clock.Elapsed;
        var next = await trainerOnB.GetAsync("/Admin/Courses");
        for (var i = 0; i < 20 && next.Status == HttpStatusCode.OK; i++)
        {
            await Task.Delay(50);
            next = await trainerOnB.GetAsync("/Admin/Courses");
            refusedAfter = clock.Elapsed;
        }

        Assert.Equal(HttpStatusCode.Redirect, next.Status);
        Assert.True(refusedAfter - changed < TimeSpan.FromMilliseconds(100), $"refused {(refusedAfter - changed).TotalMilliseconds:0} ms after the change");

        // A role's permissions changed by a recipe on node A: every member's cached stamp on node B is dropped.
        using var managerOnB = await nodeB.SignedInAsync(MatrixSite.ManagerCommuneEmail);
        Assert.Equal(HttpStatusCode.OK, (await managerOnB.GetAsync("/Admin/Organization/Cadres")).Status);
        var result = await nodeA.RunRecipeAsync("""{ "name": "bot", "steps": [ { "name": "roles", "roles": [ { "name": "Manager", "permissions": ["Admin.Access"] } ] } ] }""");
        Assert.True(result.Succeeded, result.Error);
        await WaitForAsync(async () => (await managerOnB.GetAsync("/Admin/Organization/Cadres")).Status == HttpStatusCode.Redirect, "manager refused on node B");

        // The listening connection is cut: node B stops trusting its cache at once, and listens again within seconds.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(nodeA.ConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN {SecurityStampCache.Channel}%'", connection);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 2); // one listener per node
        }

        await WaitForAsync(() => !cacheB.Enabled, "cache off while not listening");
        await WaitForAsync(() => cacheB.Enabled, "listening again");
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task WithoutAListener_TheCacheStaysOff(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var cache = site.Services.GetRequiredService<SecurityStampCache>();
        if (provider == DatabaseProvider.Sqlite)
        {
            await Task.Delay(500);
            Assert.False(cache.Enabled); // the command line is another process on the same file: nothing would tell us
        }
        else
        {
            await WaitForAsync(() => cache.Enabled, "PostgreSQL listener");
        }

        // A read that raced a change cannot store the stamp it read before the change.
        var generation = cache.Generation;
        cache.Forget(["someone"]);
        cache.Remember("someone", "old-stamp", generation);
        Assert.False(cache.TryGet("someone", out _));
    }

    private static async Task WaitForAsync(Func<bool> condition, string what) => await WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "timed out waiting for: " + what);
            await Task.Delay(50);
        }
    }
}
