using System.Globalization;
using System.Net;
using System.Text.Json;
using Learning.Certificates.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Reports.Data;
using Learning.Reports.Services.Completion;
using Learning.Reports.Services.Xapi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Learning.IntegrationTests.Reports.XapiTests;

namespace Learning.IntegrationTests.Reports;

/// <summary>Issue 14, the JSON reporting API: completion, readiness and hours against <see cref="ReportFixture"/>'s hand-computed
/// numbers, paged by a sealed cursor, filtered by time of change, within the API client's scope, on the xAPI keys' terms.</summary>
public sealed class ReportsApiTests
{
    private static readonly string[] Eight = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"];
    private static readonly string[] InA = ["c1", "c2", "c3", "c4", "c6"];
    private static readonly string[] ExpectedStates = ["ready", "requested", "inTraining", "inTraining", "inTraining", "inTraining", "notStarted", "expiring"];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Completion_MatchesTheFixture_PagesOnceEach_ChangedSinceIncludesTurnedOverdue_BadInputIs400Problem(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var f = await ReportFixture.CreateAsync(site);
        using var province = Api(site, await IssueAsync(site, f.Province));
        var id = f.CadreIds;

        var (status, body, raw) = await GetAsync(province, "/api/reports/completion");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = Rows(body);
        Assert.Equal(
            [(id["c1"], f.C1), (id["c1"], f.C3), (id["c2"], f.C1), (id["c3"], f.C1), (id["c4"], f.C1), (id["c5"], f.C1), (id["c6"], f.C1)],
            rows.Select(r => (r.GetProperty("cadreId").GetInt32(), r.GetProperty("courseId").GetInt32())));
        JsonElement Row(string cadre, int course) => rows.Single(r => r.GetProperty("cadreId").GetInt32() == id[cadre] && r.GetProperty("courseId").GetInt32() == course);

        var c1 = Row("c1", f.C1);
        Assert.Equal("completed", c1.GetProperty("status").GetString());
        Assert.Equal(90.0, c1.GetProperty("bestScore").GetDouble());
        Assert.Equal("2026-11-01T02:00:00Z", c1.GetProperty("enrolledAt").GetString());
        Assert.Equal("2026-11-11T02:00:00Z", c1.GetProperty("completedAt").GetString());
        Assert.Equal("2026-11-11T02:00:00Z", c1.GetProperty("changedAt").GetString());
        Assert.Equal(100.0, c1.GetProperty("progressPercent").GetDouble());
        Assert.Equal("Chữ ký số công vụ rp", c1.GetProperty("courseTitle").GetString());
        Assert.Equal(JsonValueKind.Null, Row("c1", f.C3).GetProperty("bestScore").ValueKind);
        Assert.Equal((70.0, "completed"), (Row("c2", f.C1).GetProperty("bestScore").GetDouble(), Row("c2", f.C1).GetProperty("status").GetString()));
        var c3 = Row("c3", f.C1);
        Assert.Equal(("inProgress", false, 33.3, "2026-12-20T10:00:00Z"), (c3.GetProperty("status").GetString(), c3.GetProperty("overdue").GetBoolean(), c3.GetProperty("progressPercent").GetDouble(), c3.GetProperty("dueAt").GetString()));
        var c4 = Row("c4", f.C1);
        Assert.Equal(("notStarted", true), (c4.GetProperty("status").GetString(), c4.GetProperty("overdue").GetBoolean()));
        Assert.Equal("2026-11-20T10:00:00Z", c4.GetProperty("changedAt").GetString()); // it turned overdue then
        Assert.Equal(("notStarted", false), (Row("c5", f.C1).GetProperty("status").GetString(), Row("c5", f.C1).GetProperty("overdue").GetBoolean()));
        var c6 = Row("c6", f.C1);
        Assert.Equal((40.0, f.CommuneA), (c6.GetProperty("bestScore").GetDouble(), c6.GetProperty("orgPath").GetString())); // counted where they are now
        Assert.Equal("2026-12-02T03:00:00Z", body.GetProperty("highWaterMark").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next").ValueKind);
        Assert.Contains("Phường Ánh Dương", raw, StringComparison.Ordinal); // UTF-8, not \u escapes

        // Increments: rows changed at or after the mark (c1's completion, c4 turning overdue, c6's completion).
        var since = Rows((await GetAsync(province, "/api/reports/completion?changedSince=2026-11-11T02:00:00Z")).Body);
        Assert.Equal([id["c1"], id["c4"], id["c6"]], since.Select(r => r.GetProperty("cadreId").GetInt32()));
        var window = Rows((await GetAsync(province, "/api/reports/completion?changedSince=2026-11-03T00:00:00%2B07:00&changedUntil=2026-11-11T02:00:00Z")).Body);
        Assert.Equal([(id["c1"], f.C3), (id["c2"], f.C1), (id["c3"], f.C1)], window.Select(r => (r.GetProperty("cadreId").GetInt32(), r.GetProperty("courseId").GetInt32())));
        Assert.Single(Rows((await GetAsync(province, $"/api/reports/completion?course={f.C3}")).Body));
        Assert.Empty(Rows((await GetAsync(province, $"/api/reports/completion?course={f.C2}")).Body)); // a course nobody is enrolled in

        // Withdrawals: c7's withdrawn C1, never a completion row, is listed for a pull since before it, not for one after it.
        var withdrawn = Rows((await GetAsync(province, "/api/reports/completion/withdrawals")).Body);
        Assert.Equal([(id["c7"], f.C1)], withdrawn.Select(r => (r.GetProperty("cadreId").GetInt32(), r.GetProperty("courseId").GetInt32())));
        Assert.DoesNotContain(rows, r => r.GetProperty("cadreId").GetInt32() == id["c7"]);
        var withdrawnAt = DateTime.Parse(withdrawn[0].GetProperty("withdrawnAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Single(Rows((await GetAsync(province, $"/api/reports/completion/withdrawals?changedSince={withdrawnAt:yyyy-MM-ddTHH:mm:ss}Z")).Body));
        Assert.Empty(Rows((await GetAsync(province, $"/api/reports/completion/withdrawals?changedSince={withdrawnAt.AddSeconds(1):yyyy-MM-ddTHH:mm:ss}Z")).Body));
        Assert.Empty(Rows((await GetAsync(province, $"/api/reports/completion/withdrawals?course={f.C3}")).Body));

        // Paging by two: every row exactly once, in key order; the mark fixed on the first page.
        var paged = new List<(int, int)>();
        string? next = "/api/reports/completion?limit=2";
        var pages = 0;
        while (next is not null)
        {
            var (pageStatus, page, _) = await GetAsync(province, next);
            Assert.Equal(HttpStatusCode.OK, pageStatus);
            Assert.Equal("2026-12-02T03:00:00Z", page.GetProperty("highWaterMark").GetString());
            paged.AddRange(Rows(page).Select(r => (r.GetProperty("cadreId").GetInt32(), r.GetProperty("courseId").GetInt32())));
            next = page.GetProperty("next").GetString();
            pages++;
        }

        Assert.Equal(4, pages);
        Assert.Equal(rows.Select(r => (r.GetProperty("cadreId").GetInt32(), r.GetProperty("courseId").GetInt32())), paged);

        // Bad input: 400 with a problem in Vietnamese, whatever is wrong.
        var first = (await GetAsync(province, "/api/reports/completion?limit=2")).Body.GetProperty("next").GetString()!;
        var token = first[(first.IndexOf('=', StringComparison.Ordinal) + 1)..];
        using var other = Api(site, await IssueAsync(site, f.Province));
        foreach (var bad in new[]
        {
            "completion?limit=100000000", "completion?limit=5001", "completion?limit=0", "completion?limit=-1", "completion?limit=abc",
            "completion?changedSince=2026-12-01T00:00:00Z&changedUntil=2026-11-01T00:00:00Z", "completion?changedSince=2026-12-01T00:00:00",
            "completion?changedSince=hôm qua", "completion?under=B", "completion?course=x", "completion?foo=1", "hours?course=1", "hours?year=99",
            "completion?cursor=" + token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..], "completion?cursor=" + token + "&limit=5",
            "hours?cursor=" + token, "completion?cursor=abc",
        })
        {
            var (badStatus, problem, badRaw) = await GetAsync(province, "/api/reports/" + bad, "application/problem+json");
            Assert.True(badStatus == HttpStatusCode.BadRequest, $"{bad}: {badStatus} {badRaw}");
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.Equal("Yêu cầu không hợp lệ", problem.GetProperty("title").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), bad);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(other, first, "application/problem+json")).Status); // another key's cursor
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(province, "/api/reports/completion?limit=5000")).Status);
        Assert.Contains("limit", (await GetAsync(province, "/api/reports/completion?limit=100000000", "application/problem+json")).Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ReadinessAndHours_MatchTheFixture_WithTheirChangeTimes(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var f = await ReportFixture.CreateAsync(site);
        var id = f.CadreIds;
        await site.WithDbAsync(async db =>
        {
            db.Add(new ReadinessRequirement { ProvinceUnitId = ReportFilter.LastUnitId(f.Province), CourseIds = $"{f.C1},{f.C3}", UpdatedUtc = new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc) });
            db.Add(new SignatureRecord { CadreId = id["c2"], RequestedUtc = new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Utc), RequestedBy = "test", UpdatedUtc = new DateTime(2026, 11, 25, 3, 0, 0, DateTimeKind.Utc) });
            db.Add(new SignatureRecord
            {
                CadreId = id["c8"], RequestedUtc = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), Serial = "54010101ABCD", Provider = "VNPT-CA",
                ValidFrom = new DateOnly(2025, 12, 20), ValidTo = new DateOnly(2026, 12, 20), IssuedRecordedUtc = new DateTime(2026, 9, 2, 0, 0, 0, DateTimeKind.Utc),
                UpdatedUtc = new DateTime(2026, 9, 2, 0, 0, 0, DateTimeKind.Utc),
            });
            db.Add(new HourTarget { Year = 2026, Position = "Công chức", Hours = 8, UpdatedUtc = new DateTime(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
            return 0;
        });
        using var province = Api(site, await IssueAsync(site, f.Province));

        // Readiness: c1 completed C1 and C3 (ready since the later completion), c2 requested, c8's signature ends 2026-12-20
        // (expiring since 30 days before, midnight in Vietnam), c7's only enrolment was withdrawn.
        var readiness = Rows((await GetAsync(province, "/api/reports/readiness")).Body).ToDictionary(r => r.GetProperty("cadreId").GetInt32());
        Assert.Equal(ExpectedStates, Eight.Select(c => readiness[id[c]].GetProperty("state").GetString()));
        Assert.Equal("2026-11-11T02:00:00Z", readiness[id["c1"]].GetProperty("readyAt").GetString());
        Assert.Equal((2, 2), (readiness[id["c1"]].GetProperty("requiredCourses").GetInt32(), readiness[id["c1"]].GetProperty("completedCourses").GetInt32()));
        Assert.Equal("2026-11-25T03:00:00Z", readiness[id["c2"]].GetProperty("requestedAt").GetString());
        Assert.Equal(("2026-12-20", "2026-11-19T17:00:00Z"), (readiness[id["c8"]].GetProperty("validTo").GetString(), readiness[id["c8"]].GetProperty("changedAt").GetString()));
        Assert.Equal("2026-10-20T00:00:00Z", readiness[id["c7"]].GetProperty("changedAt").GetString());
        var readinessSince = Rows((await GetAsync(province, "/api/reports/readiness?changedSince=2026-11-15T00:00:00Z")).Body);
        Assert.Equal([id["c2"], id["c6"], id["c8"]], readinessSince.Select(r => r.GetProperty("cadreId").GetInt32()));
        var readinessPaged = new List<int>();
        for (string? next = "/api/reports/readiness?limit=3"; next is not null;)
        {
            var page = (await GetAsync(province, next)).Body;
            readinessPaged.AddRange(Rows(page).Select(r => r.GetProperty("cadreId").GetInt32()));
            next = page.GetProperty("next").GetString();
        }

        Assert.Equal(readiness.Keys.Order(), readinessPaged);

        // A paging session is cut from the snapshot its first page took (readiness is computed once per session, not per page):
        // signatures deleted after the first page do not change its later pages; a new pull sees the change.
        var session = (await GetAsync(province, "/api/reports/readiness?limit=3")).Body;
        Assert.DoesNotContain(id["c8"], Rows(session).Select(r => r.GetProperty("cadreId").GetInt32()));
        await site.WithDbAsync(db => db.Set<SignatureRecord>().ExecuteDeleteAsync());
        var later = new List<JsonElement>();
        for (var next = session.GetProperty("next").GetString(); next is not null;)
        {
            var page = (await GetAsync(province, next)).Body;
            later.AddRange(Rows(page));
            next = page.GetProperty("next").GetString();
        }

        var c8State = readiness[id["c8"]].GetProperty("state").GetString();
        Assert.Equal(c8State, later.Single(r => r.GetProperty("cadreId").GetInt32() == id["c8"]).GetProperty("state").GetString());
        var fresh = Rows((await GetAsync(province, "/api/reports/readiness")).Body).Single(r => r.GetProperty("cadreId").GetInt32() == id["c8"]);
        Assert.NotEqual(c8State, fresh.GetProperty("state").GetString());

        // Hours in 2026 against 8 h for "Công chức": c1 8 h (C1 + C3) met, c2 and c6 4 h, c3 ("Kế toán") has no target.
        var hours = Rows((await GetAsync(province, "/api/reports/hours?year=2026")).Body).ToDictionary(r => r.GetProperty("cadreId").GetInt32());
        Assert.Equal(8, hours.Count);
        Assert.Equal((8.0, true, "2026-11-15T00:00:00Z"), (hours[id["c1"]].GetProperty("hours").GetDouble(), hours[id["c1"]].GetProperty("met").GetBoolean(), hours[id["c1"]].GetProperty("changedAt").GetString()));
        Assert.Equal((4.0, false), (hours[id["c2"]].GetProperty("hours").GetDouble(), hours[id["c2"]].GetProperty("met").GetBoolean()));
        Assert.Equal((4.0, "2026-11-21T02:00:00Z"), (hours[id["c6"]].GetProperty("hours").GetDouble(), hours[id["c6"]].GetProperty("changedAt").GetString()));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null), (hours[id["c3"]].GetProperty("targetHours").ValueKind, hours[id["c3"]].GetProperty("met").ValueKind, hours[id["c3"]].GetProperty("changedAt").ValueKind));
        Assert.Equal(2026, hours[id["c3"]].GetProperty("year").GetInt32());
        Assert.Equal([id["c6"]], Rows((await GetAsync(province, "/api/reports/hours?year=2026&changedSince=2026-11-16T00:00:00Z")).Body).Select(r => r.GetProperty("cadreId").GetInt32()));
        Assert.All(Rows((await GetAsync(province, "/api/reports/hours?year=2025")).Body), r => Assert.Equal(0.0, r.GetProperty("hours").GetDouble()));
        Assert.Equal(8, Rows((await GetAsync(province, "/api/reports/hours")).Body).Count); // this year (2026) by default
    }

    /// <summary>The scope walk: a commune key reads every endpoint of the data interface, with every parameter that names another
    /// commune or the province above, and finds nothing of them.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CommuneKey_WalksEveryDataEndpoint_FindsNothingOfAnotherCommune(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var f = await ReportFixture.CreateAsync(site);
        await site.WithDbAsync(async db =>
        {
            db.Add(new ReadinessRequirement { ProvinceUnitId = ReportFilter.LastUnitId(f.Province), CourseIds = $"{f.C1}", UpdatedUtc = new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
            return 0;
        });
        await RecordAsync(site, [Event("in-a", f.CommuneA), Event("out-b", f.CommuneB)]);
        using var commune = Api(site, await IssueAsync(site, f.CommuneA));
        var id = f.CadreIds;
        string[] outsiders = [id["c5"].ToString(CultureInfo.InvariantCulture), id["c7"].ToString(CultureInfo.InvariantCulture), id["c8"].ToString(CultureInfo.InvariantCulture)];
        var b = Uri.EscapeDataString(f.CommuneB);
        var p = Uri.EscapeDataString(f.Province);

        var urls = new List<string> { "/xapi/statements", "/xapi/statements?agent=" + Uri.EscapeDataString("""{"account":{"homePage":"http://localhost:5000","name":"out-b"}}""") };
        foreach (var report in new[] { "completion", "readiness", "hours", "completion/withdrawals" })
        {
            urls.AddRange([$"/api/reports/{report}", $"/api/reports/{report}?under={b}", $"/api/reports/{report}?under={p}", $"/api/reports/{report}?limit=1",
                $"/api/reports/{report}?changedSince=2000-01-01T00:00:00Z"]);
        }

        urls.Add($"/api/reports/completion?course={f.C1}&under={b}");
        urls.Add("/api/reports/hours?year=2026");
        var seen = new HashSet<int>();
        foreach (var url in urls)
        {
            for (string? next = url; next is not null;)
            {
                var (status, body, raw) = await GetAsync(commune, next);
                Assert.True(status == HttpStatusCode.OK, $"{next}: {status} {raw}");
                Assert.DoesNotContain(f.CommuneB, raw, StringComparison.Ordinal);
                Assert.DoesNotContain("Bến Đò", raw, StringComparison.Ordinal);
                Assert.DoesNotContain("out-b", raw, StringComparison.Ordinal);
                if (body.TryGetProperty("rows", out var rows))
                {
                    foreach (var row in rows.EnumerateArray())
                    {
                        Assert.StartsWith(f.CommuneA, row.GetProperty("orgPath").GetString(), StringComparison.Ordinal);
                        Assert.DoesNotContain(row.GetProperty("cadreId").GetInt32().ToString(CultureInfo.InvariantCulture), outsiders);
                        seen.Add(row.GetProperty("cadreId").GetInt32());
                    }

                    next = body.GetProperty("next").GetString();
                }
                else
                {
                    next = null;
                }
            }
        }

        Assert.Equal(InA.Select(c => id[c]).Order(), seen.Order()); // c6 moved in from B
        Assert.Empty(Rows((await GetAsync(commune, $"/api/reports/completion?under={b}")).Body));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Keys_AsForXapi_BrowserIs401_RevokedMidPagingIs401_UseCounted_RateLimitShared(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, perMinute: 4);
        var f = await ReportFixture.CreateAsync(site);
        var key = await IssueAsync(site, f.Province);
        using var api = Api(site, key);

        var first = await GetAsync(api, "/api/reports/completion?limit=2");
        var next = first.Body.GetProperty("next").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(api, next)).Status);
        var clientId = await site.WithDbAsync(db => db.Set<ApiClient>().Where(c => c.KeyId == key.KeyId).Select(c => c.Id).SingleAsync());
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<ApiClientUsage>().Where(u => u.ClientId == clientId).SumAsync(u => u.Requests)));

        // The rate limit is the client's, across /xapi and /api/reports: 4 a minute here, the fifth is 429.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/xapi/statements")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/reports/hours")).StatusCode);
        using (var refused = await api.GetAsync("/api/reports/readiness"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        // Revoked between two pages: the next page is refused at once.
        using var fresh = Api(site, await IssueAsync(site, f.Province));
        var freshNext = (await GetAsync(fresh, "/api/reports/completion?limit=2")).Body.GetProperty("next").GetString()!;
        var freshId = await site.WithDbAsync(db => db.Set<ApiClient>().OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync());
        Assert.True(await site.WithServiceAsync<ApiClients, bool>(c => c.RevokeAsync(freshId, Admin(), CancellationToken.None)));
        using (var revoked = await fresh.GetAsync(freshNext))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
            Assert.Contains("Basic", revoked.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        // A signed-in administrator's browser session is not a key.
        using var browser = await site.SignedInAsync(TestSite.AdminEmail);
        foreach (var report in new[] { "completion", "readiness", "hours" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Http.GetAsync("/api/reports/" + report)).StatusCode);
        }
    }

    /// <summary>Readiness transitions become xAPI statements (verb progressed, the digital-signature objective, the new state as a
    /// result extension), recorded in the unit of work that makes the change: ready (once), requested, returned, issued.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ReadinessTransitions_BecomeXapiStatements_InOrder_OncePerChange(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider);
        var f = await ReportFixture.CreateAsync(site);
        await site.WithDbAsync(async db =>
        {
            db.Add(new ReadinessRequirement { ProvinceUnitId = ReportFilter.LastUnitId(f.Province), CourseIds = $"{f.C1},{f.C3}", UpdatedUtc = new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
            return 0;
        });
        var c1 = f.CadreIds["c1"];
        var everything = Learning.Organization.OrgScope.Everything;

        // The sweep finds c1 ready (told once: a second sweep adds nothing); then requested, returned, issued (valid a year).
        for (var i = 0; i < 2; i++)
        {
            await using var scope = site.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Learning.Certificates.Services.Readiness.ReadinessNotices>().SweepAsync();
            await scope.ServiceProvider.GetRequiredService<Learning.Data.LearningDbContext>().SaveChangesAsync();
        }

        Assert.Equal(1, await site.WithServiceAsync<Learning.Certificates.Services.Readiness.SignatureDesk, int>(d => d.RequestAsync(everything, [c1], Admin())));
        Assert.Null(await site.WithServiceAsync<Learning.Certificates.Services.Readiness.SignatureDesk, string?>(d => d.ReturnAsync(everything, c1, "Sai số CCCD", Admin())));
        Assert.Null(await site.WithServiceAsync<Learning.Certificates.Services.Readiness.SignatureDesk, string?>(d =>
            d.IssueAsync(everything, c1, new("540101AABBCC", "VNPT-CA", new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 1)), Admin())));

        using var api = Api(site, await IssueAsync(site, f.Province));
        var statements = (await GetJsonAsync(api, "/xapi/statements?ascending=true&verb=" + Uri.EscapeDataString("http://adlnet.gov/expapi/verbs/progressed")))
            .Body.GetProperty("statements").EnumerateArray().Where(st => st.GetProperty("object").GetProperty("id").GetString()!.EndsWith("/xapi/activities/readiness/digital-signature", StringComparison.Ordinal)).ToList();
        var states = statements.Select(st => st.GetProperty("result").GetProperty("extensions").EnumerateObject().Single().Value.GetString()).ToList();
        Assert.Equal(["Ready", "Requested", "Ready", "Issued"], states);
        Assert.All(statements, st => Assert.Equal("http://adlnet.gov/expapi/activities/objective", st.GetProperty("object").GetProperty("definition").GetProperty("type").GetString()));
        var userId = await site.WithDbAsync(db => db.Set<Learning.Organization.Data.Cadre>().Where(c => c.Id == c1).Select(c => c.UserId).SingleAsync());
        Assert.All(statements, st => Assert.Equal(userId, st.GetProperty("actor").GetProperty("account").GetProperty("name").GetString()));
    }

    private static async Task<TestSite> StartAsync(DatabaseProvider provider, int perMinute = 100_000)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        var site = await TestSite.StartAsync(provider, settings: new()
        {
            ["Learning:Reports:Api:SettleSeconds"] = "0",
            ["Learning:Reports:Api:RequestsPerMinute"] = perMinute.ToString(CultureInfo.InvariantCulture),
        }, services: s => s.AddSingleton<TimeProvider>(clock));
        await site.WithDbAsync(db => db.Set<XapiStatement>().ExecuteDeleteAsync());
        return site;
    }

    private static List<JsonElement> Rows(JsonElement body) => [.. body.GetProperty("rows").EnumerateArray()];

    private static async Task<(HttpStatusCode Status, JsonElement Body, string Raw)> GetAsync(HttpClient http, string url, string mediaType = "application/json")
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == mediaType, $"{response.StatusCode} {url}: {text}");
        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
            Assert.True(response.StatusCode != HttpStatusCode.OK || response.Headers.Contains("X-Reports-High-Water-Mark"), url);
        }

        using var doc = JsonDocument.Parse(text);
        return (response.StatusCode, doc.RootElement.Clone(), text);
    }
}
