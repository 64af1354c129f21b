using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Foundation;

/// <summary>The batched cadreAccounts step makes accounts that behave as any other, links a cadre's own account, never a
/// staff one, and makes nothing the second time.</summary>
public sealed class CadreAccountsTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CadreAccounts_InBatches_SignIn_LinkOwnAccounts_SkipStaff_AndAreIdempotent(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        const string header = "{ \"name\": \"cadres\", \"cadres\": [";
        var rows = string.Join(",", Enumerable.Range(0, 2500).Select(i => $$"""{ "email": "lo{{i:0000}}@example.vn", "fullName": "Cán bộ Lô {{i}}", "unit": "KH-CAMLAM-VP" }"""));
        var result = await site.RunRecipeAsync($$"""
            { "name": "lo", "steps": [
              { "name": "users", "users": [ { "email": "ql.lo@example.vn", "roles": ["Manager"] }, { "email": "lo0001@example.vn" } ] },
              {{header}}{{rows}}] } ] }
            """);
        Assert.True(result.Succeeded, result.Error);

        // The staff account's address as a cadre: only possible from the system, to see the step skip it.
        await site.WithDbAsync(async db =>
        {
            var unit = await db.Set<OrgUnit>().SingleAsync(u => u.Code == "KH-CAMLAM-VP");
            db.Add(new Cadre { Email = "ql.lo@example.vn", FullName = "Quản lý", UnitId = unit.Id, OrgPath = unit.Path, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var usersBefore = await site.WithDbAsync(db => db.Users.CountAsync());

        Assert.True((await site.RunRecipeAsync("""{ "name": "tk", "steps": [ { "name": "cadreAccounts", "units": ["KH-CAMLAM"] } ] }""")).Succeeded);
        var (users, linked, staffLinked, ownLinked, inRole) = await site.WithDbAsync(async db => (
            await db.Users.CountAsync(),
            await db.Set<Cadre>().CountAsync(c => c.Email.StartsWith("lo") && c.UserId != null),
            await db.Set<Cadre>().Where(c => c.Email == "ql.lo@example.vn").Select(c => c.UserId).SingleAsync(),
            await db.Set<Cadre>().Where(c => c.Email == "lo0001@example.vn").Select(c => c.UserId == db.Users.Single(u => u.Email == "lo0001@example.vn").Id).SingleAsync(),
            await db.UserRoles.CountAsync(r => db.Users.Any(u => u.Id == r.UserId && u.Email!.StartsWith("lo")) && db.Roles.Any(x => x.Id == r.RoleId && x.Name == LearningRoles.Cadre))));
        Assert.Equal(usersBefore + 2499, users);   // one of the 2,500 already had an account
        Assert.Equal(2500, linked);
        Assert.Null(staffLinked);
        Assert.True(ownLinked);
        Assert.Equal(2499, inRole);

        // Made in bulk, they are ordinary accounts: found by e-mail, signed in once a password is set.
        using var cadre = await site.SignedInAsync("lo2499@example.vn");
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync("/Learning")).Status);

        Assert.True((await site.RunRecipeAsync("""{ "name": "tk", "steps": [ { "name": "cadreAccounts", "units": ["KH-CAMLAM"] } ] }""")).Succeeded);
        Assert.Equal(users, await site.WithDbAsync(db => db.Users.CountAsync()));
    }
}
