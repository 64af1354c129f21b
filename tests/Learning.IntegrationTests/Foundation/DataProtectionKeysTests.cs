using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Foundation;

/// <summary>Issue 10, item 1: the key ring moves to PersistKeysToDbContext in the same table, keeping the keys written before.</summary>
public sealed class DataProtectionKeysTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task KeysWrittenBeforeTheUpgrade_AreReadAfterIt_ByAnotherNode(DatabaseProvider provider)
    {
        await using var nodeA = await TestSite.StartAsync(provider);
        using var admin = await nodeA.SignedInAsync(TestSite.AdminEmail); // issues a cookie: the key ring now has a key
        var keysOfA = nodeA.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).ToList();
        Assert.NotEmpty(keysOfA);

        // The database as the previous release left it (the hand-written repository's schema), then upgraded again.
        await nodeA.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("RecurringJobs");
            Assert.Equal(keysOfA.Count, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM core_data_protection_key").SingleAsync());
            await migrator.MigrateAsync();
            return true;
        });

        // A second node reads the ring from the database through the library's repository: the same keys, so it accepts the
        // cookies node A issued before the upgrade.
        await using var nodeB = await TestSite.StartAsync(provider, setUp: false, settings: new() { ["Learning:Database:ConnectionString"] = nodeA.ConnectionString });
        var keysOfB = nodeB.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).ToList();
        Assert.Equal(keysOfA.Order(), keysOfB.Order());
        var protectedByA = nodeA.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("test").Protect("Xin chào");
        Assert.Equal("Xin chào", nodeB.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByA));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin")).Status);
    }
}
