using System.Diagnostics;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Bench;

/// <summary>
/// Bulk cadre accounts (issue 9): inserts cadre profiles without accounts, then times the <c>cadreAccounts</c> recipe step
/// (the batched path) for all of them, and, as the baseline in the same run, the per-account path the step used before
/// (UserManager.CreateAsync + AddToRoleAsync for each) on a smaller sample. Prints accounts per second for both.
/// </summary>
public static class AccountsBench
{
    public static async Task RunAsync(IServiceProvider services, int cadres, int baselineSample)
    {
        var unit = await SeedProfilesAsync(services, "ACC", cadres + baselineSample);

        // Baseline: the per-account path on the first profiles.
        var baseline = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LearningUser>>();
            foreach (var cadre in await db.Set<Cadre>().Where(c => c.OrgPath.StartsWith(unit) && c.UserId == null).OrderBy(c => c.Id).Take(baselineSample).ToListAsync())
            {
                var user = new LearningUser { UserName = cadre.Email, Email = cadre.Email, EmailConfirmed = true, DisplayName = cadre.FullName, CreatedUtc = DateTime.UtcNow };
                Check(await users.CreateAsync(user));
                Check(await users.AddToRoleAsync(user, LearningRoles.Cadre));
                cadre.UserId = user.Id;
            }

            await db.SaveChangesAsync();
        }

        baseline.Stop();

        // The step, as a recipe runs it (one transaction), for the rest.
        var batched = Stopwatch.StartNew();
        RecipeResult result;
        await using (var scope = services.CreateAsyncScope())
        {
            var json = $$"""{ "name": "bench-accounts", "steps": [ { "name": "cadreAccounts", "units": ["ACC"] } ] }""";
            result = await scope.ServiceProvider.GetRequiredService<IRecipeRunner>().RunAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), null, RecipeRunOptions.System);
        }

        batched.Stop();
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            var linked = await db.Set<Cadre>().CountAsync(c => c.OrgPath.StartsWith(unit) && c.UserId != null);
            Console.WriteLine($"RESULT profiles={cadres + baselineSample} linked={linked}");
        }

        var c = System.Globalization.CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{"path",-28} {"accounts",9} {"seconds",8} {"accounts/s",11}"));
        Console.WriteLine(string.Create(c, $"{"per account (before)",-28} {baselineSample,9} {baseline.Elapsed.TotalSeconds,8:0.00} {baselineSample / baseline.Elapsed.TotalSeconds,11:0}"));
        Console.WriteLine(string.Create(c, $"{"batched cadreAccounts step",-28} {cadres,9} {batched.Elapsed.TotalSeconds,8:0.00} {cadres / batched.Elapsed.TotalSeconds,11:0}"));
    }

    private static async Task<string> SeedProfilesAsync(IServiceProvider services, string code, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var province = new OrgUnit { Code = code, Name = "Tỉnh thử tải tài khoản", Kind = OrgUnitKind.Province, Path = "/seed-" + Guid.NewGuid().ToString("N") + "/" };
        db.Add(province);
        await db.SaveChangesAsync();
        province.Path = $"/{province.Id}/";
        await db.SaveChangesAsync();
        var commune = new OrgUnit { Code = code + "-XA", Name = "Xã thử tải", Kind = OrgUnitKind.Commune, ParentId = province.Id, Path = "/seed-" + Guid.NewGuid().ToString("N") + "/" };
        db.Add(commune);
        await db.SaveChangesAsync();
        commune.Path = $"{province.Path}{commune.Id}/";
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTime.UtcNow;
        for (var start = 0; start < count; start += 2000)
        {
            for (var i = start; i < Math.Min(count, start + 2000); i++)
            {
                db.Add(new Cadre
                {
                    Email = $"taikhoan{i:00000}@example.vn",
                    FullName = $"Trần Thị Tài Khoản {i}",
                    Position = "Công chức Văn phòng – Thống kê",
                    UnitId = commune.Id,
                    OrgPath = commune.Path,
                    CreatedUtc = now,
                    UpdatedUtc = now,
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return commune.Path;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
