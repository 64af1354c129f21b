using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Learning.Data;
using Learning.Data.Entities;
using Learning.IntegrationTests.Infrastructure;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Data;
using Learning.Reports.Services.Xapi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.IntegrationTests.Certificates.CertificateFixtures;

namespace Learning.IntegrationTests.Reports;

/// <summary>Issue 14, the xAPI statement stream: events recorded in their transaction, the LRS read API, API keys and their scope.</summary>
public sealed class XapiTests
{
    private const string BaseUrl = "http://localhost:5000";

    private static readonly HashSet<string> AdlVerbs =
    [
        "http://adlnet.gov/expapi/verbs/registered", "http://adlnet.gov/expapi/verbs/launched", "http://adlnet.gov/expapi/verbs/attempted",
        "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/passed", "http://adlnet.gov/expapi/verbs/failed",
        "http://adlnet.gov/expapi/verbs/experienced", "http://adlnet.gov/expapi/verbs/progressed", "http://id.tincanapi.com/verb/earned",
    ];

    private static Dictionary<string, string?> Settings(int perMinute = 100_000) => new()
    {
        ["Learning:Reports:Api:SettleSeconds"] = "0",
        ["Learning:Reports:Api:RequestsPerMinute"] = perMinute.ToString(CultureInfo.InvariantCulture),
    };

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Statements_FromRealEvents_FollowXapi103_AndMorePagesReturnEachExactlyOnceInOrder(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var (userId, courseId) = await SeedAsync(site); // the assignment enrols the cadre: "registered"
        await CompleteAsync(site, userId, courseId);      // the lesson and the course: "completed" twice
        await DrainJobsAsync(site);                       // the certificate: "earned"

        var province = await UnitPathAsync(site, "KH-NHATRANG", up: 1);
        var key = await IssueAsync(site, province);
        using var api = Api(site, key);

        // The real events, as statements (the assignment enrolled the commune's other cadres too: this cadre's only).
        var agent = Uri.EscapeDataString($$$"""{"objectType":"Agent","account":{"homePage":"{{{BaseUrl}}}","name":"{{{userId}}}"}}""");
        var (status, page) = await GetJsonAsync(api, "/xapi/statements?ascending=true&agent=" + agent);
        Assert.Equal(HttpStatusCode.OK, status);
        var verbs = page.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("verb").GetProperty("id").GetString()).ToList();
        Assert.Equal(
            ["http://adlnet.gov/expapi/verbs/registered", "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/completed", "http://id.tincanapi.com/verb/earned"],
            verbs);
        var courseCompleted = page.GetProperty("statements")[2];
        Assert.Equal($"{BaseUrl}/xapi/activities/course/{courseId}", courseCompleted.GetProperty("object").GetProperty("id").GetString());
        Assert.Equal(CourseTitle, courseCompleted.GetProperty("object").GetProperty("definition").GetProperty("name").GetProperty("vi-VN").GetString());
        Assert.True(courseCompleted.GetProperty("result").GetProperty("completion").GetBoolean());
        var nhaTrang = await UnitPathAsync(site, "KH-NHATRANG");
        Assert.Equal(nhaTrang, courseCompleted.GetProperty("context").GetProperty("extensions").GetProperty($"{BaseUrl}/xapi/extensions/commune").GetString());
        Assert.Equal(userId, courseCompleted.GetProperty("actor").GetProperty("account").GetProperty("name").GetString());

        // Enough statements for several pages: 23 more events of the cadre, with a score and a duration.
        await RecordAsync(site, Enumerable.Range(1, 23).Select(i => new LearningEvent(LearningVerbs.Completed, userId, LearningActivityTypes.Quiz, "kt-" + i, "Kiểm tra số " + i)
        {
            CourseId = courseId, ScoreRaw = i % 11, ScoreMin = 0, ScoreMax = 10, Success = i % 11 >= 8, Completion = true, Duration = TimeSpan.FromSeconds(61.5 + i),
        }).ToList());
        var total = await site.WithDbAsync(db => db.Set<XapiStatement>().CountAsync());
        var ofCadre = await site.WithDbAsync(db => db.Set<XapiStatement>().CountAsync(x => x.UserId == userId));
        Assert.Equal(27, ofCadre);
        Assert.InRange(total, 28, 40);

        foreach (var ascending in new[] { true, false })
        {
            var seen = new List<long>();
            var ids = new HashSet<string>();
            var url = $"/xapi/statements?limit=5&ascending={(ascending ? "true" : "false")}";
            var pages = 0;
            while (url.Length > 0)
            {
                using var response = await api.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("1.0.3", Assert.Single(response.Headers.GetValues("X-Experience-API-Version")));
                Assert.True(DateTimeOffset.TryParse(Assert.Single(response.Headers.GetValues("X-Experience-API-Consistent-Through")), out _));
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var statements = doc.RootElement.GetProperty("statements").EnumerateArray().ToList();
                Assert.InRange(statements.Count, 1, 5);
                foreach (var s in statements)
                {
                    AssertConformant(s);
                    Assert.True(ids.Add(s.GetProperty("id").GetString()!), "a statement came twice");
                    seen.Add(await site.WithDbAsync(db => db.Set<XapiStatement>().Where(x => x.StatementId == s.GetProperty("id").GetGuid()).Select(x => x.Id).SingleAsync()));
                }

                url = doc.RootElement.GetProperty("more").GetString()!;
                Assert.True(url.Length == 0 || url.StartsWith("/xapi/statements?more=", StringComparison.Ordinal), url);
                pages++;
            }

            Assert.Equal((total + 4) / 5, pages);
            Assert.Equal(total, seen.Count);
            Assert.Equal(ascending ? seen.Order() : seen.OrderDescending(), seen);
        }

        // Filters: the agent as an account, the verb, the activity; an agent by e-mail never matches (actors are accounts).
        Assert.Equal(ofCadre, (await GetJsonAsync(api, $"/xapi/statements?limit=0&agent={agent}")).Body.GetProperty("statements").GetArrayLength());
        var mbox = Uri.EscapeDataString($$"""{"mbox":"mailto:{{CadreEmail}}"}""");
        Assert.Equal(0, (await GetJsonAsync(api, $"/xapi/statements?agent={mbox}")).Body.GetProperty("statements").GetArrayLength());
        var earned = Uri.EscapeDataString("http://id.tincanapi.com/verb/earned");
        Assert.Equal(1, (await GetJsonAsync(api, $"/xapi/statements?verb={earned}")).Body.GetProperty("statements").GetArrayLength());
        var activity = Uri.EscapeDataString($"{BaseUrl}/xapi/activities/quiz/kt-7");
        var quiz = (await GetJsonAsync(api, $"/xapi/statements?activity={activity}")).Body.GetProperty("statements").EnumerateArray().Single();
        var score = quiz.GetProperty("result").GetProperty("score");
        Assert.Equal(0.7m, score.GetProperty("scaled").GetDecimal());
        Assert.Equal(7m, score.GetProperty("raw").GetDecimal());
        Assert.Equal("PT1M8.5S", quiz.GetProperty("result").GetProperty("duration").GetString());

        // The course as the activity: its own statements; with related_activities, also those it is the context parent of
        // (the lesson's and the 23 quizzes'), every one of which names it as parent.
        var course = Uri.EscapeDataString($"{BaseUrl}/xapi/activities/course/{courseId}");
        var own = (await GetJsonAsync(api, $"/xapi/statements?limit=0&activity={course}")).Body.GetProperty("statements");
        var related = (await GetJsonAsync(api, $"/xapi/statements?limit=0&activity={course}&related_activities=true")).Body.GetProperty("statements").EnumerateArray().ToList();
        var parented = await site.WithDbAsync(db => db.Set<XapiStatement>().CountAsync(x => x.CourseId == courseId && x.ActivityType != "course"));
        Assert.True(parented >= 24, $"{parented} statements under the course");
        Assert.Equal(own.GetArrayLength() + parented, related.Count);
        Assert.All(related.Where(r => !r.GetProperty("object").GetProperty("id").GetString()!.EndsWith($"/course/{courseId}", StringComparison.Ordinal)),
            r => Assert.Equal($"{BaseUrl}/xapi/activities/course/{courseId}", r.GetProperty("context").GetProperty("contextActivities").GetProperty("parent")[0].GetProperty("id").GetString()));

        // format=ids: activities and verbs by id alone.
        var byIds = (await GetJsonAsync(api, $"/xapi/statements?activity={activity}&format=ids")).Body.GetProperty("statements").EnumerateArray().Single();
        Assert.False(byIds.GetProperty("object").TryGetProperty("definition", out _));
        Assert.False(byIds.GetProperty("verb").TryGetProperty("display", out _));
        Assert.Equal($"{BaseUrl}/xapi/activities/quiz/kt-7", byIds.GetProperty("object").GetProperty("id").GetString());

        // One statement by id.
        var one = page.GetProperty("statements")[0].GetProperty("id").GetString();
        var (oneStatus, single) = await GetJsonAsync(api, "/xapi/statements?statementId=" + one);
        Assert.Equal(HttpStatusCode.OK, oneStatus);
        Assert.Equal(one, single.GetProperty("id").GetString());
        AssertConformant(single);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Limit_Huge_IsClampedToTheServerMaximum_NotRefused(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var nhaTrang = await UnitPathAsync(site, "KH-NHATRANG");
        await RecordAsync(site, Enumerable.Range(0, 520).Select(i => Event("u-" + i, nhaTrang)).ToList());
        using var api = Api(site, await IssueAsync(site, nhaTrang));

        foreach (var limit in new[] { "100000000", "99999999999999999999999", "0" })
        {
            var (status, body) = await GetJsonAsync(api, "/xapi/statements?limit=" + limit);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(StatementQuery.MaxLimit, body.GetProperty("statements").GetArrayLength());
            Assert.NotEqual("", body.GetProperty("more").GetString());
        }

        Assert.Equal(StatementQuery.DefaultLimit, (await GetJsonAsync(api, "/xapi/statements")).Body.GetProperty("statements").GetArrayLength());
    }

    /// <summary>
    /// The exam's start writes its statements as multi-row inserts (<see cref="ILearningEvents.WriteManyAsync"/>) rather than
    /// through the change tracker: the rows must be the ones <c>RecordManyAsync</c> and <c>SaveChanges</c> store, Vietnamese,
    /// scores, nulls and all, over more rows than one statement carries; and they go with the caller's transaction.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task WriteMany_StoresTheRowsRecordManyStores_AndRollsBackWithTheCallersWork(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var nhaTrang = await UnitPathAsync(site, "KH-NHATRANG");
        var at = new DateTime(2026, 12, 6, 3, 4, 5, DateTimeKind.Utc);
        List<LearningEvent> Events(string batch) =>
        [
            .. Enumerable.Range(0, 230).Select(i => Event(batch + "-" + i, nhaTrang) with { TimestampUtc = at.AddSeconds(i) }),
            new(LearningVerbs.Passed, batch + "-full", LearningActivityTypes.Quiz, "kt-ky-so", "Kiểm tra: chữ ký số, VNeID và thanh toán trực tuyến")
            {
                CourseId = 7, TimestampUtc = at, ScoreRaw = 8.125m, ScoreMin = 0, ScoreMax = 10, Success = true, Completion = true,
                Duration = TimeSpan.FromSeconds(754.5), Detail = "Lần 2", ActorOrgPath = nhaTrang, ActorUnitName = "Phòng Văn hoá – Xã hội",
            },
            new(LearningVerbs.Attempted, batch + "-bare", LearningActivityTypes.Quiz, "kt-ky-so", "Kiểm tra") { TimestampUtc = at, ActorOrgPath = "" },
        ];

        await RecordAsync(site, Events("a"));
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            await db.InTransactionAsync(ct => scope.ServiceProvider.GetRequiredService<ILearningEvents>().WriteManyAsync(Events("b"), ct), CancellationToken.None);
        }

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
            {
                await scope.ServiceProvider.GetRequiredService<ILearningEvents>().WriteManyAsync(Events("c"), ct);
                throw new InvalidOperationException("the caller's work failed");
            }, CancellationToken.None));
        }

        var rows = await site.WithDbAsync(db => db.Set<XapiStatement>().AsNoTracking().ToListAsync());
        Assert.DoesNotContain(rows, r => r.UserId.StartsWith("c-", StringComparison.Ordinal));
        static string? Score(decimal? score) => score?.ToString("0.###", CultureInfo.InvariantCulture);
        static string Row(XapiStatement r) => string.Join("|", r.UserId[2..], r.TimestampUtc.ToString("O", CultureInfo.InvariantCulture), r.Verb, r.ActivityType, r.ActivityKey,
            r.ActivityName, r.CourseId, r.OrgPath, r.UnitName, Score(r.ScoreRaw), Score(r.ScoreMin), Score(r.ScoreMax), r.Success, r.Completion, r.DurationMs, r.Detail);
        var recorded = rows.Where(r => r.UserId.StartsWith("a-", StringComparison.Ordinal)).Select(Row).Order(StringComparer.Ordinal).ToList();
        var written = rows.Where(r => r.UserId.StartsWith("b-", StringComparison.Ordinal)).Select(Row).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(232, recorded.Count);
        Assert.Equal(recorded, written);
        Assert.Contains("full|2026-12-06T03:04:05.0000000Z|passed|quiz|kt-ky-so|Kiểm tra: chữ ký số, VNeID và thanh toán trực tuyến|7|" + nhaTrang + "|Phòng Văn hoá – Xã hội|8.125|0|10|True|True|754500|Lần 2", written);
        Assert.Equal(rows.Count, rows.Select(r => r.StatementId).Distinct().Count());
        Assert.All(rows.Where(r => r.UserId.StartsWith("b-", StringComparison.Ordinal)), r => Assert.Equal(DateTimeKind.Utc, r.StoredUtc.Kind));

        // Row compares every stored property but the generated and per-row ones, so a property added later must join it (and
        // the insert's columns, or the rows differ).
        var model = await site.WithDbAsync(db => Task.FromResult(db.Model));
        Assert.Equal(
            new[]
            {
                nameof(XapiStatement.TimestampUtc), nameof(XapiStatement.UserId), nameof(XapiStatement.Verb), nameof(XapiStatement.ActivityType),
                nameof(XapiStatement.ActivityKey), nameof(XapiStatement.ActivityName), nameof(XapiStatement.CourseId), nameof(XapiStatement.OrgPath),
                nameof(XapiStatement.UnitName), nameof(XapiStatement.ScoreRaw), nameof(XapiStatement.ScoreMin), nameof(XapiStatement.ScoreMax),
                nameof(XapiStatement.Success), nameof(XapiStatement.Completion), nameof(XapiStatement.DurationMs), nameof(XapiStatement.Detail),
            }.Order(StringComparer.Ordinal),
            model.FindEntityType(typeof(XapiStatement))!.GetProperties().Select(p => p.Name)
                .Except([nameof(XapiStatement.Id), nameof(XapiStatement.StatementId), nameof(XapiStatement.StoredUtc)]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CommuneKey_SeesOnlyItsCommune_WhateverTheParameters(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var nhaTrang = await UnitPathAsync(site, "KH-NHATRANG");
        var hacThanh = await UnitPathAsync(site, "TH-HACTHANH");
        await RecordAsync(site, [Event("in-1", nhaTrang + "99/"), Event("in-2", nhaTrang), Event("out-1", hacThanh), Event("out-2", hacThanh + "5/")]);
        var outside = await site.WithDbAsync(db => db.Set<XapiStatement>().Where(s => s.UserId == "out-1").Select(s => s.StatementId).SingleAsync());
        using var api = Api(site, await IssueAsync(site, nhaTrang));

        var all = (await GetJsonAsync(api, "/xapi/statements?limit=0")).Body.GetProperty("statements").EnumerateArray()
            .Select(s => s.GetProperty("actor").GetProperty("account").GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["in-1", "in-2"], all);

        var agent = Uri.EscapeDataString($$$"""{"account":{"homePage":"{{{BaseUrl}}}","name":"out-1"}}""");
        Assert.Equal(0, (await GetJsonAsync(api, "/xapi/statements?agent=" + agent)).Body.GetProperty("statements").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await GetJsonAsync(api, "/xapi/statements?statementId=" + outside)).Status);

        // A province key sees both of its communes' rows, not another province's.
        using var provinceApi = Api(site, await IssueAsync(site, await UnitPathAsync(site, "KH-NHATRANG", up: 1)));
        Assert.Equal(2, (await GetJsonAsync(provinceApi, "/xapi/statements")).Body.GetProperty("statements").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task BadInput_TamperedMore_Is400_RevokedKeyMidPaging_Is401_BrowserSession_Is401(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var nhaTrang = await UnitPathAsync(site, "KH-NHATRANG");
        await RecordAsync(site, Enumerable.Range(0, 12).Select(i => Event("u-" + i, nhaTrang)).ToList());
        var key = await IssueAsync(site, nhaTrang);
        var otherKey = await IssueAsync(site, nhaTrang);
        using var api = Api(site, key);
        using var other = Api(site, otherKey);

        var (_, first) = await GetJsonAsync(api, "/xapi/statements?limit=5");
        var more = first.GetProperty("more").GetString()!;
        var token = more[(more.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var tampered = "/xapi/statements?more=" + token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var (status, error) = await GetJsonAsync(api, tampered);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("more", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetJsonAsync(api, "/xapi/statements?more=" + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"ClientId\":1,\"Limit\":5}")))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetJsonAsync(other, more)).Status); // another key's link
        Assert.Equal(HttpStatusCode.BadRequest, (await GetJsonAsync(api, more + "&verb=x")).Status);

        // Bad parameters: a clear message, in Vietnamese by default.
        foreach (var bad in new[] { "since=yesterday", "since=2026-12-01T00:00:00", "until=2020-01-01T00:00:00Z&since=2021-01-01T00:00:00Z", "limit=-1", "limit=abc", "agent=notjson", "agent=%7B%7D", "verb=completed", "ascending=yes", "statementId=nope", "foo=1", "format=full" })
        {
            var (badStatus, badBody) = await GetJsonAsync(api, "/xapi/statements?" + bad);
            Assert.True(badStatus == HttpStatusCode.BadRequest, bad);
            Assert.False(string.IsNullOrWhiteSpace(badBody.GetProperty("error").GetString()), bad);
        }

        // A range in order that lies past the consistent-through time (cut to it, it would look reversed) is a page with nothing
        // in it yet, not a "reversed range".
        var recent = Uri.EscapeDataString(DateTime.UtcNow.AddSeconds(30).ToString("O", CultureInfo.InvariantCulture));
        var ahead = Uri.EscapeDataString(DateTime.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture));
        var (inOrder, page) = await GetJsonAsync(api, $"/xapi/statements?since={recent}&until={ahead}");
        Assert.Equal(HttpStatusCode.OK, inOrder);
        Assert.Equal(0, page.GetProperty("statements").GetArrayLength());

        // The version header is required on requests, and stamped on every response, refusals included.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/xapi/statements"))
        {
            request.Headers.Authorization = api.DefaultRequestHeaders.Authorization;
            using var noVersion = await site.CreateClient().SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
            Assert.Equal("1.0.3", Assert.Single(noVersion.Headers.GetValues("X-Experience-API-Version")));
        }

        // The key is revoked between two pages: the next page is refused at once.
        Assert.Equal(HttpStatusCode.OK, (await GetJsonAsync(api, more)).Status);
        var clientId = await site.WithDbAsync(db => db.Set<ApiClient>().Where(c => c.KeyId == key.KeyId).Select(c => c.Id).SingleAsync());
        Assert.True(await site.WithServiceAsync<ApiClients, bool>(c => c.RevokeAsync(clientId, Admin(), CancellationToken.None)));
        using (var revoked = await api.GetAsync(more))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
            Assert.Equal("1.0.3", Assert.Single(revoked.Headers.GetValues("X-Experience-API-Version")));
            Assert.Contains("Basic", revoked.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        // A wrong secret, and a signed-in administrator's browser session: 401, the stream is for keys only.
        using var wrong = Api(site, key with { Secret = key.Secret[..^2] + "xx" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/xapi/statements")).StatusCode);
        using var browser = await site.SignedInAsync(TestSite.AdminEmail);
        browser.Http.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.GetAsync("/xapi/statements")).StatusCode);

        // The use is counted per client and day, not a row per request.
        var usage = await site.WithDbAsync(db => db.Set<ApiClientUsage>().Where(u => u.ClientId == clientId).ToListAsync());
        Assert.True(Assert.Single(usage).Requests >= 10);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RateLimit_PerClient_Is429WithRetryAfter(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, perMinute: 3);
        var nhaTrang = await UnitPathAsync(site, "KH-NHATRANG");
        using var api = Api(site, await IssueAsync(site, nhaTrang));
        using var other = Api(site, await IssueAsync(site, nhaTrang));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/xapi/statements")).StatusCode);
        }

        using var refused = await api.GetAsync("/xapi/statements");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero || int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/xapi/statements")).StatusCode); // another client has its own budget
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Event_InTransactionThatRollsBack_LeavesNoStatement_OneThatCommits_LeavesOne(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            var events = scope.ServiceProvider.GetRequiredService<ILearningEvents>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async ct =>
            {
                await events.RecordAsync(Event("rolled-back", "/1/"), ct);
                await db.SaveChangesAsync(ct);
                throw new InvalidOperationException("the work failed after saving");
            }, CancellationToken.None));
        }

        Assert.Equal(0, await site.WithDbAsync(db => db.Set<XapiStatement>().CountAsync()));

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            await db.InTransactionAsync(async ct =>
            {
                await scope.ServiceProvider.GetRequiredService<ILearningEvents>().RecordAsync(Event("kept", "/1/"), ct);
                await db.SaveChangesAsync(ct);
            }, CancellationToken.None);
        }

        Assert.Equal("kept", await site.WithDbAsync(db => db.Set<XapiStatement>().Select(s => s.UserId).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AdminPage_IssuesKeyShownOnce_Revokes_Audited_AndTheKeyWorksThenStops(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var nhaTrang = await site.WithServiceAsync<ICadreDirectory, OrgUnitRef>(async c => (await c.FindUnitAsync("KH-NHATRANG"))!);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        const string page = "/Admin/Reports/api-clients";

        var (refused, refusedBody, _) = await admin.PostFormAsync(page, [new("Name", ""), new("UnitId", nhaTrang.Id.ToString(CultureInfo.InvariantCulture))], page + "?handler=Issue");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("Hãy nhập tên khóa", refusedBody, StringComparison.Ordinal);

        var (status, body, _) = await admin.PostFormAsync(page, [new("Name", "Kho dữ liệu tỉnh"), new("UnitId", nhaTrang.Id.ToString(CultureInfo.InvariantCulture))], page + "?handler=Issue");
        Assert.Equal(HttpStatusCode.OK, status);
        var keyId = System.Text.RegularExpressions.Regex.Match(body, "id=\"issued-key\">([^<]+)<").Groups[1].Value;
        var secret = System.Text.RegularExpressions.Regex.Match(body, "id=\"issued-secret\"[^>]*>([^<]+)<").Groups[1].Value;
        Assert.StartsWith("lk_", keyId, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, secret);

        var stored = await site.WithDbAsync(db => db.Set<ApiClient>().SingleAsync(c => c.KeyId == keyId));
        Assert.Equal(nhaTrang.Path, stored.ScopePath);
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
        var (_, list, _) = await admin.GetAsync(page);
        Assert.Contains(keyId, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal); // shown once, never again

        using var api = Api(site, new IssuedKey(stored.Id, keyId, secret));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/xapi/statements")).StatusCode);
        Assert.NotNull(await site.WithDbAsync(db => db.Set<ApiClient>().Where(c => c.Id == stored.Id).Select(c => c.LastUsedUtc).SingleAsync()));

        var (revoked, _, location) = await admin.PostFormAsync(page, [], $"{page}?handler=Revoke&id={stored.Id}");
        Assert.Equal(HttpStatusCode.Redirect, revoked);
        Assert.Contains("revoked=True", location, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/xapi/statements")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync(page, [], $"{page}?handler=Revoke&id=987654")).Status);

        var audit = await site.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Subject == keyId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["reports.api_client.issued", "reports.api_client.revoked"], audit);

        // A commune manager has no business with keys.
        await SeedAsync(site);
        using var manager = await site.SignedInAsync(CommuneManager);
        Assert.NotEqual(HttpStatusCode.OK, (await manager.GetAsync(page)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AccessLog_FilesEveryRequestOfAKey_RefusedOnesToo_AndAKeysOwnLimitHoldsFromItsNextRequest(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider); // the site's default: 100,000 a minute
        var nhaTrang = await site.WithServiceAsync<ICadreDirectory, OrgUnitRef>(async c => (await c.FindUnitAsync("KH-NHATRANG"))!);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        const string page = "/Admin/Reports/api-clients";
        var unit = nhaTrang.Id.ToString(CultureInfo.InvariantCulture);

        // A limit out of range is refused with its message, and no key is issued.
        var (badLimit, badBody, _) = await admin.PostFormAsync(page, [new("Name", "Kho"), new("UnitId", unit), new("RequestsPerMinute", "0")], page + "?handler=Issue");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit);
        Assert.Contains("Giới hạn phải là một số nguyên từ 1 đến 1000000", badBody, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<ApiClient>().CountAsync()));

        var (_, body, _) = await admin.PostFormAsync(page, [new("Name", "Kho dữ liệu tỉnh"), new("UnitId", unit), new("RequestsPerMinute", "2")], page + "?handler=Issue");
        var keyId = System.Text.RegularExpressions.Regex.Match(body, "id=\"issued-key\">([^<]+)<").Groups[1].Value;
        var secret = System.Text.RegularExpressions.Regex.Match(body, "id=\"issued-secret\"[^>]*>([^<]+)<").Groups[1].Value;
        var client = await site.WithDbAsync(db => db.Set<ApiClient>().SingleAsync(c => c.KeyId == keyId));
        Assert.Equal(2, client.RequestsPerMinute);
        Assert.Contains("Giới hạn riêng: 2 yêu cầu mỗi phút", (await admin.GetAsync(page)).Body, StringComparison.Ordinal);

        // The key's own limit, not the site's: the third request in the minute is refused.
        using var api = Api(site, new IssuedKey(client.Id, keyId, secret));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/xapi/statements?limit=5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/reports/completion?limit=10")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.GetAsync("/xapi/statements")).StatusCode);
        using var wrong = Api(site, new IssuedKey(client.Id, keyId, secret[..^2] + "xx"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/xapi/statements?since=2026-01-01T00:00:00Z")).StatusCode);
        using var stranger = Api(site, new IssuedKey(0, "lk_000000000000000000000000", secret));
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/xapi/statements")).StatusCode);

        // Every request that named the key is in its log (written once the answer has gone), with what was asked and answered;
        // an unknown key id has no client to be filed under.
        var logged = await WaitForRequestsAsync(site, client.Id, 4);
        Assert.Equal([200, 200, 429, 401], logged.Select(r => r.Status));
        Assert.Equal(["/xapi/statements", "/api/reports/completion", "/xapi/statements", "/xapi/statements"], logged.Select(r => r.Path));
        Assert.Equal(["limit=5", "limit=10", "", "since=2026-01-01T00:00:00Z"], logged.Select(r => r.Query));
        Assert.All(logged, r => Assert.Equal("GET", r.Method));
        Assert.Equal(4, await site.WithDbAsync(db => db.Set<ApiRequest>().CountAsync()));

        var (logStatus, log, _) = await admin.GetAsync($"{page}/{client.Id}/log");
        Assert.Equal(HttpStatusCode.OK, logStatus);
        Assert.Contains("30 ngày qua: 4 yêu cầu, trong đó 2 bị từ chối.", log, StringComparison.Ordinal);
        Assert.Contains("GET /api/reports/completion?limit=10", log, StringComparison.Ordinal);
        Assert.Contains(">429<", log, StringComparison.Ordinal);
        Assert.Contains("Vượt giới hạn yêu cầu", log, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{page}/987654/log")).Status);
        var (_, refusedLog, _) = await admin.GetAsync($"{page}/{client.Id}/log?refused=true");
        Assert.Contains("since=2026-01-01T00:00:00Z", refusedLog, StringComparison.Ordinal); // the 401
        Assert.Contains(">429<", refusedLog, StringComparison.Ordinal);
        Assert.DoesNotContain("limit=5", refusedLog, StringComparison.Ordinal);
        Assert.DoesNotContain(">200<", refusedLog, StringComparison.Ordinal);

        // Back to the site's default: audited, and the key's next request is served again within the same minute.
        var (saved, _, location) = await admin.PostFormAsync(page, [new("RequestsPerMinute", "")], $"{page}?handler=Limit&id={client.Id}");
        Assert.Equal(HttpStatusCode.Redirect, saved);
        Assert.Contains($"limitSaved={client.Id}", location, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await site.WithDbAsync(db => db.Set<ApiClient>().Where(c => c.Id == client.Id).Select(c => c.RequestsPerMinute).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/xapi/statements")).StatusCode);
        var (tooHigh, tooHighBody, _) = await admin.PostFormAsync(page, [new("RequestsPerMinute", "1000001")], $"{page}?handler=Limit&id={client.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, tooHigh);
        Assert.Contains("Giới hạn phải là một số nguyên", tooHighBody, StringComparison.Ordinal);
        var audit = await site.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.Subject == keyId).OrderBy(a => a.Id).Select(a => new { a.Action, a.Details }).ToListAsync());
        Assert.Equal(["reports.api_client.issued", "reports.api_client.limit_changed"], audit.Select(a => a.Action));
        Assert.Contains("2/min → default", audit[1].Details, StringComparison.Ordinal);

        // 150 older requests: the log shows 100 a page, newest first, and the next page the rest, in order, none twice.
        await WaitForRequestsAsync(site, client.Id, 5);
        await site.WithDbAsync(async db =>
        {
            var start = DateTime.UtcNow.AddDays(-10);
            db.AddRange(Enumerable.Range(0, 150).Select(i => new ApiRequest
            {
                ClientId = client.Id, AtUtc = start.AddMinutes(i), Method = "GET", Path = "/xapi/statements", Query = $"n={i:D3}", Status = 200,
            }));
            await db.SaveChangesAsync();
            return 0;
        });
        var (_, first, _) = await admin.GetAsync($"{page}/{client.Id}/log");
        var older = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);
        var (_, second, _) = await admin.GetAsync(older);
        var seen = System.Text.RegularExpressions.Regex.Matches(first + second, @"n=(\d{3})").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, 150).Reverse(), seen);
        Assert.Equal(100, System.Text.RegularExpressions.Regex.Count(first, "<tr class=\""));
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        await site.WithDbAsync(db => db.Set<ApiRequest>().Where(r => r.Query.StartsWith("n=")).ExecuteDeleteAsync());

        // The nightly retention takes what is older than LogDays (90) and nothing else.
        await site.WithDbAsync(async db =>
        {
            db.Add(new ApiRequest { ClientId = client.Id, AtUtc = DateTime.UtcNow.AddDays(-91), Method = "GET", Path = "/xapi/statements", Status = 200 });
            await db.SaveChangesAsync();
            return 0;
        });
        var deleted = await site.WithServiceAsync<LearningDbContext, int>(db => site.Services.GetRequiredService<ApiRequestLog>().DeleteExpiredAsync(db, CancellationToken.None));
        Assert.Equal(1, deleted);
        Assert.Equal(5, await site.WithDbAsync(db => db.Set<ApiRequest>().CountAsync()));
    }

    private static async Task<List<ApiRequest>> WaitForRequestsAsync(TestSite site, int clientId, int count)
    {
        for (var i = 0; ; i++)
        {
            var rows = await site.WithDbAsync(db => db.Set<ApiRequest>().Where(r => r.ClientId == clientId).OrderBy(r => r.AtUtc).ThenBy(r => r.Id).ToListAsync());
            if (rows.Count >= count || i == 100)
            {
                Assert.Equal(count, rows.Count);
                return rows;
            }

            await Task.Delay(50);
        }
    }

    private static void AssertConformant(JsonElement s)
    {
        Assert.True(Guid.TryParse(s.GetProperty("id").GetString(), out _));
        var actor = s.GetProperty("actor");
        Assert.Equal("Agent", actor.GetProperty("objectType").GetString());
        Assert.False(actor.TryGetProperty("mbox", out _));
        Assert.False(actor.TryGetProperty("mbox_sha1sum", out _));
        var account = actor.GetProperty("account");
        Assert.Equal(BaseUrl, account.GetProperty("homePage").GetString());
        Assert.False(string.IsNullOrEmpty(account.GetProperty("name").GetString()));
        var verb = s.GetProperty("verb");
        Assert.Contains(verb.GetProperty("id").GetString()!, AdlVerbs);
        Assert.True(verb.GetProperty("display").EnumerateObject().Any());
        var obj = s.GetProperty("object");
        Assert.Equal("Activity", obj.GetProperty("objectType").GetString());
        Assert.True(Uri.TryCreate(obj.GetProperty("id").GetString(), UriKind.Absolute, out var activityId) && activityId.AbsoluteUri.StartsWith(BaseUrl + "/xapi/activities/", StringComparison.Ordinal));
        Assert.True(Uri.TryCreate(obj.GetProperty("definition").GetProperty("type").GetString(), UriKind.Absolute, out _));
        foreach (var time in new[] { "timestamp", "stored" })
        {
            var text = s.GetProperty(time).GetString()!;
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", text);
        }

        Assert.Equal("1.0.3", s.GetProperty("version").GetString());
        if (s.TryGetProperty("result", out var result))
        {
            if (result.TryGetProperty("duration", out var duration))
            {
                Assert.Matches(@"^P(\d+D)?T(\d+H)?(\d+M)?(\d+(\.\d+)?S)$", duration.GetString()!);
            }

            if (result.TryGetProperty("score", out var score) && score.TryGetProperty("scaled", out var scaled))
            {
                Assert.InRange(scaled.GetDecimal(), -1m, 1m);
                Assert.InRange(score.GetProperty("raw").GetDecimal(), score.GetProperty("min").GetDecimal(), score.GetProperty("max").GetDecimal());
            }
        }

        foreach (var extension in s.GetProperty("context").TryGetProperty("extensions", out var ext) ? ext.EnumerateObject() : default)
        {
            Assert.True(Uri.TryCreate(extension.Name, UriKind.Absolute, out _), extension.Name);
        }
    }

    /// <summary>A site whose setup's own statements (the demo recipe's enrolments) are cleared, so each test counts its own.</summary>
    internal static async Task<TestSite> StartAsync(DatabaseProvider provider, int perMinute = 100_000, bool kestrel = false)
    {
        var site = await TestSite.StartAsync(provider, settings: Settings(perMinute), kestrel: kestrel);
        await site.WithDbAsync(db => db.Set<XapiStatement>().ExecuteDeleteAsync());
        return site;
    }

    internal static LearningEvent Event(string userId, string orgPath) =>
        new(LearningVerbs.Launched, userId, LearningActivityTypes.Lesson, "1/l1", "Bài 1: Chữ ký số") { CourseId = 1, ActorOrgPath = orgPath, ActorUnitName = "Phòng Nội vụ" };

    internal static async Task RecordAsync(TestSite site, IReadOnlyList<LearningEvent> events)
    {
        await using var scope = site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ILearningEvents>().RecordManyAsync(events);
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().SaveChangesAsync();
    }

    internal static async Task<string> UnitPathAsync(TestSite site, string code, int up = 0)
    {
        var path = await site.WithServiceAsync<ICadreDirectory, string>(async c => (await c.FindUnitAsync(code))!.Path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', parts[..^up]) + "/";
    }

    internal static ClaimsPrincipal Admin() => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "test-admin")], "test"));

    internal static Task<IssuedKey> IssueAsync(TestSite site, string scopePath) =>
        site.WithServiceAsync<ApiClients, IssuedKey>(c => c.IssueAsync("Kho dữ liệu", scopePath, scopePath, Admin(), CancellationToken.None));

    /// <summary>A warehouse's client: no cookies, Basic credentials and the xAPI version header on every request.</summary>
    internal static HttpClient Api(TestSite site, IssuedKey key)
    {
        var http = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key.KeyId + ":" + key.Secret)));
        http.DefaultRequestHeaders.Add("X-Experience-API-Version", "1.0.3");
        return http;
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{response.StatusCode} {url}: {text}");
        using var doc = JsonDocument.Parse(text);
        return (response.StatusCode, doc.RootElement.Clone());
    }
}
