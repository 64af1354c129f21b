using System.Net;
using System.Text;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Learning.IntegrationTests.Security;

/// <summary>
/// Walks every page handler and endpoint the host maps as every role, with objects inside and outside each scope, and holds
/// each outcome to <see cref="AuthorizationMatrix"/>. A new page or endpoint fails here until someone writes its row.
/// </summary>
public sealed class AuthorizationMatrixTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task EveryHandlerAndEndpoint_AsEveryRole_MatchesTheTable_AndNoBodyShowsWhatLiesOutsideTheScope(DatabaseProvider provider)
    {
        // Every role signs in and posts to each rate-limited account page (sign-in, password, forgot and set password): more
        // than one minute's allowance from the one test address, which the limiter's own tests cover.
        await using var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Security:LoginAttemptsPerMinute"] = "1000" });
        await MatrixSite.CreateStaffAsync(site);

        // 1. The table names every route the host maps, and nothing it does not.
        var (routes, assets) = await MatrixSite.DiscoverAsync(site);
        var discovered = routes.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
        var tabled = AuthorizationMatrix.Rows.Select(r => r.Route).ToHashSet(StringComparer.Ordinal);
        var missing = discovered.Except(tabled).Order().ToList();
        var stale = tabled.Except(discovered).Order().ToList();
        Assert.True(missing.Count == 0, "Routes the host maps that the authorization matrix does not name:\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows of the authorization matrix for routes the host no longer maps:\n" + string.Join("\n", stale));
        Assert.All(assets, a => Assert.Matches(@"\.(css|js|mjs|map|woff2?|ttf|svg|png|jpg|ico|json|txt)(\.gz|\.br)?$", a));

        // 2. Every row as every role; GETs first, then state changes in table order (signing out last).
        var failures = new List<string>();
        var observed = new Dictionary<MatrixRow, char[]>();
        var requests = 0;
        foreach (var role in AuthorizationMatrix.Roles)
        {
            var fixtures = await MatrixSite.CreateFixturesAsync(site, ((int)role).ToString(System.Globalization.CultureInfo.InvariantCulture) + role.ToString().ToLowerInvariant()[..3]);
            using var client = await MatrixSite.ClientAsync(site, role);
            var token = await client.TokenAsync(role == MatrixRole.Anonymous ? "/Account/Login" : "/Account/Logout");
            var ordered = AuthorizationMatrix.Rows.Where(r => AuthorizationMatrix.MethodOf(r) is "GET" or "HEAD")
                .Concat(AuthorizationMatrix.Rows.Where(r => AuthorizationMatrix.MethodOf(r) is not ("GET" or "HEAD")));
            foreach (var row in ordered)
            {
                var url = row.Url(fixtures);
                var (status, body, location) = await MatrixSite.SendAsync(client, AuthorizationMatrix.MethodOf(row), url, token);
                requests++;
                var outcome = MatrixSite.Classify(status, location);
                (observed.TryGetValue(row, out var line) ? line : observed[row] = "??????".ToCharArray())[(int)role] = outcome;
                var expected = AuthorizationMatrix.Expected(row, role);
                if (outcome != expected)
                {
                    failures.Add($"{row.Route} [{row.Variant}] as {role}: expected {expected}, got {outcome} ({(int)status} {location}) {url}");
                }

                // Data outside a scope never appears, whatever the status: markers of Thanh Hóa for every scoped or
                // unscoped non-administrator, and this role's own draft for anyone who cannot author.
                if (role != MatrixRole.Administrator)
                {
                    foreach (var marker in MatrixSite.OutOfScopeMarkers.Where(m => body.Contains(m, StringComparison.Ordinal)))
                    {
                        failures.Add($"{row.Route} [{row.Variant}] as {role}: the body shows \"{marker}\", which lies outside the scope ({url})");
                    }
                }

                if (role is not (MatrixRole.Trainer or MatrixRole.Administrator) && body.Contains(fixtures.DraftMarker, StringComparison.Ordinal))
                {
                    failures.Add($"{row.Route} [{row.Variant}] as {role}: the body shows a draft ({url})");
                }
            }
        }

        if (failures.Count > 0)
        {
            // The observed table, in the table's own format, to compare with the expectations.
            var table = new StringBuilder();
            foreach (var row in AuthorizationMatrix.Rows)
            {
                table.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{row.Route} [{row.Variant}]: {string.Join(' ', observed[row])}");
            }

            output.WriteLine(table.ToString());
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests broke the authorization matrix:\n" + string.Join("\n", failures));
        output.WriteLine($"{routes.Count} routes, {AuthorizationMatrix.Rows.Count} rows × {AuthorizationMatrix.Roles.Count} roles = {requests} requests; {assets.Count} static assets");
    }

    /// <summary>Every POST, PUT and DELETE the host maps is refused without its antiforgery token (or, for the JSON endpoints
    /// a player calls, without its signed token), even from an administrator, and changes nothing.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task EveryStateChange_WithoutAntiforgeryToken_IsRefused(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var (routes, _) = await MatrixSite.DiscoverAsync(site);
        var fixtures = await MatrixSite.CreateFixturesAsync(site, "csrf");
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var auditBefore = await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries));
        // The error page answers the re-executed request of any failed POST: it renders a message and changes nothing.
        string[] renderOnly = ["POST /Error/{code:int?}"];
        var changes = routes.Where(r => r.Method is "POST" or "PUT" or "DELETE" or "PATCH").Select(r => r.ToString()).Except(renderOnly).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(changes);
        var failures = new List<string>();
        foreach (var row in AuthorizationMatrix.Rows.Where(r => changes.Contains(r.Route)).DistinctBy(r => r.Route))
        {
            var (status, _, location) = await MatrixSite.SendAsync(admin, AuthorizationMatrix.MethodOf(row), row.Url(fixtures), token: null);
            if (status is not (HttpStatusCode.BadRequest or HttpStatusCode.Forbidden))
            {
                failures.Add($"{row.Route}: {(int)status} {location}");
            }

            changes.Remove(row.Route);
        }

        Assert.Empty(changes);
        Assert.True(failures.Count == 0, "State changes accepted without an antiforgery token:\n" + string.Join("\n", failures));
        Assert.Equal(auditBefore, await site.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries)));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin")).Status); // still signed in: the sign-out without a token did nothing
    }
}
