using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.Modularity;
using Learning.Reports.Data;
using Learning.Reports.Services.Xapi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Learning.IntegrationTests.Reports.XapiTests;

namespace Learning.IntegrationTests.Reports;

/// <summary>
/// Issue 14: statements forwarded to an external LRS through the outbox pattern. The LRS here is a statement receiver on real
/// Kestrel that behaves as the xAPI spec asks of one (Basic credentials and the version header checked; a batch holding an id
/// it already has is refused whole with 409 and changes nothing), and that can be made to answer 503 or be stopped.
/// </summary>
public sealed class LrsForwardTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Statements_ReachTheLrs_OnceEach_InOrder_ThroughAnOutageAndALostCursor(DatabaseProvider provider)
    {
        await using var lrs = await ReceivingLrs.StartAsync();
        await using var site = await TestSite.StartAsync(provider, settings: new()
        {
            ["Learning:Reports:Api:SettleSeconds"] = "0",
            ["Learning:Reports:Lrs:Endpoint"] = lrs.Endpoint,
            ["Learning:Reports:Lrs:Key"] = ReceivingLrs.Key,
            ["Learning:Reports:Lrs:Secret"] = ReceivingLrs.Secret,
            ["Learning:Reports:Lrs:BatchSize"] = "4",
        });
        await site.WithDbAsync(db => db.Set<XapiStatement>().ExecuteDeleteAsync());
        Assert.Contains(site.Services.GetServices<RecurringJobDefinition>(), d => d.Name == "reports.forward-xapi" && d.JobKind == "reports.forward-xapi");
        var orgPath = await UnitPathAsync(site, "KH-NHATRANG");
        await RecordAsync(site, Enumerable.Range(1, 7).Select(i => Event("cadre-" + i, orgPath)).ToList());
        var stored = await StatementIdsAsync(site);
        Assert.Equal(7, stored.Count);

        // The LRS answers 503: nothing is marked sent, and the operator can read why.
        lrs.Down = true;
        Assert.Equal(0, await ForwardAsync(site));
        var cursor = await CursorAsync(site);
        Assert.Equal(0, cursor.LastStatementId);
        Assert.Contains("503", cursor.LastError);
        Assert.Empty(lrs.Stored);
        using (var admin = await site.SignedInAsync(TestSite.AdminEmail))
        {
            var (_, page, _) = await admin.GetAsync("/Admin/Reports/api-clients");
            Assert.Contains("Đã gửi 0 câu lệnh; đang chờ gửi 7.", page, StringComparison.Ordinal);
            Assert.Contains("503", System.Text.RegularExpressions.Regex.Match(page, "id=\"lrs-error\"[^>]*>([^<]+)<").Groups[1].Value, StringComparison.Ordinal);
        }

        // It is back: every statement arrives once, in the order stored, in batches of 4, with the platform's credentials.
        lrs.Down = false;
        Assert.Equal(7, await ForwardAsync(site));
        Assert.Equal(stored, lrs.Stored.ToList());
        Assert.Equal(2, lrs.Accepted);
        cursor = await CursorAsync(site);
        Assert.Null(cursor.LastError);
        Assert.Equal(7, cursor.Forwarded);
        Assert.Equal(0, await ForwardAsync(site)); // nothing new: nothing sent
        Assert.Equal(2, lrs.Accepted);
        using (var admin = await site.SignedInAsync(TestSite.AdminEmail))
        {
            var (_, page, _) = await admin.GetAsync("/Admin/Reports/api-clients");
            Assert.Contains("Đã gửi 7 câu lệnh; đang chờ gửi 0.", page, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"lrs-error\"", page, StringComparison.Ordinal);
        }

        // The cursor's save is lost after the LRS accepted (a crash in between): the next run sends those again under the same
        // ids; the LRS refuses each batch holding a known id (409), the forwarder sends it one by one, and only the new ones are stored.
        var second = await site.WithDbAsync(db => db.Set<XapiStatement>().OrderBy(s => s.Id).Skip(1).Select(s => s.Id).FirstAsync());
        await site.WithDbAsync(db => db.Set<XapiForwardCursor>().ExecuteUpdateAsync(s => s.SetProperty(c => c.LastStatementId, second)));
        await RecordAsync(site, Enumerable.Range(8, 3).Select(i => Event("cadre-" + i, orgPath)).ToList());
        stored = await StatementIdsAsync(site);
        Assert.Equal(8, await ForwardAsync(site));
        Assert.Equal(stored, lrs.Stored.ToList());
        Assert.True(lrs.Conflicts >= 5, $"{lrs.Conflicts} conflicts");

        // The LRS is gone altogether (connection refused): the error is kept, and nothing moves.
        var before = (await CursorAsync(site)).LastStatementId;
        await lrs.DisposeAsync();
        await RecordAsync(site, [Event("cadre-11", orgPath)]);
        Assert.Equal(0, await ForwardAsync(site));
        cursor = await CursorAsync(site);
        Assert.Equal(before, cursor.LastStatementId);
        Assert.NotNull(cursor.LastError);
    }

    [Fact]
    public async Task Options_AnEndpointWithoutItsKey_StopsTheStart_NamingTheSetting()
    {
        var error = await TestSite.FailToStartAsync(new() { ["Learning:Reports:Lrs:Endpoint"] = "https://lrs.example.vn/xapi/" });
        Assert.Contains("Learning:Reports:Lrs:Key", error.ToString());
    }

    private static Task<int> ForwardAsync(TestSite site) => site.WithServiceAsync<StatementForwarder, int>(f => f.ForwardAsync(CancellationToken.None));

    private static Task<XapiForwardCursor> CursorAsync(TestSite site) => site.WithDbAsync(db => db.Set<XapiForwardCursor>().AsNoTracking().SingleAsync());

    private static Task<List<Guid>> StatementIdsAsync(TestSite site) =>
        site.WithDbAsync(db => db.Set<XapiStatement>().OrderBy(s => s.Id).Select(s => s.StatementId).ToListAsync());

    /// <summary>A statement resource that stores what it accepts, as an LRS must: no id twice, a batch with a known id refused whole.</summary>
    private sealed class ReceivingLrs : IAsyncDisposable
    {
        public const string Key = "hoc-tap-khanh-hoa";
        public const string Secret = "bí-mật-lrs";

        private readonly WebApplication app;
        private readonly ConcurrentDictionary<Guid, bool> known = new();
        private readonly ConcurrentQueue<Guid> stored = new();
        private bool disposed;

        private ReceivingLrs(WebApplication app) => this.app = app;

        public string Endpoint { get; private set; } = "";

        public bool Down { get; set; }

        public IEnumerable<Guid> Stored => stored;

        public int Accepted;

        public int Conflicts;

        public static async Task<ReceivingLrs> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var lrs = new ReceivingLrs(app);
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Key + ":" + Secret));
            app.MapPost("/xapi/statements", async (HttpContext http) =>
            {
                if (lrs.Down)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                if (http.Request.Headers.Authorization != expected)
                {
                    return Results.StatusCode(StatusCodes.Status401Unauthorized);
                }

                if (http.Request.Headers["X-Experience-API-Version"] != "1.0.3" || http.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
                {
                    return Results.BadRequest();
                }

                using var doc = await JsonDocument.ParseAsync(http.Request.Body);
                var ids = doc.RootElement.EnumerateArray().Select(s =>
                {
                    Assert.Equal("Agent", s.GetProperty("actor").GetProperty("objectType").GetString());
                    Assert.StartsWith("http://adlnet.gov/expapi/verbs/", s.GetProperty("verb").GetProperty("id").GetString());
                    return s.GetProperty("id").GetGuid();
                }).ToList();
                lock (lrs.known)
                {
                    if (ids.Any(lrs.known.ContainsKey))
                    {
                        Interlocked.Increment(ref lrs.Conflicts);
                        return Results.Conflict();
                    }

                    foreach (var id in ids)
                    {
                        lrs.known[id] = true;
                        lrs.stored.Enqueue(id);
                    }
                }

                Interlocked.Increment(ref lrs.Accepted);
                return Results.Json(ids);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            lrs.Endpoint = address.TrimEnd('/') + "/xapi/";
            return lrs;
        }

        public async ValueTask DisposeAsync()
        {
            if (!disposed)
            {
                disposed = true;
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }
}
