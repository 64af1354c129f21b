using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Organization;
using Learning.Organization.Data;
using Learning.Reports.Services.Completion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Reports;

/// <summary>Issue 14: the completion report's numbers against the hand-computed <see cref="ReportFixture"/>, on both databases.</summary>
public sealed class CompletionReportTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Groups_MatchTheHandComputedFixture_MovedCadreCountsWhereTheyAreNow_DrillDownMatches_ScopeHolds(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var f = await ReportFixture.CreateAsync(site);
        var everything = OrgScope.Everything;

        // Course C1 under the province: A (5: c1, c2, c3, c4 and the moved c6) and B (c5 only; c7 withdrawn, c8 not enrolled).
        var groups = await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.Province));
        Assert.Equal(2, groups.Count);
        var a = groups.Single(g => g.OrgPath == f.CommuneA);
        // c4's overdue course it never began is counted as not started, and within that, as overdue.
        Assert.Equal(("Phường Ánh Dương", "Ward", 5, 1, 1, 3, 1), (a.Name, a.Kind, a.Assigned, a.NotStarted, a.InProgress, a.Completed, a.Overdue));
        Assert.Equal((90 + 70 + 40) / 3.0, a.AverageScore!.Value, 6);
        Assert.Equal(70, a.MedianScore!.Value, 6);
        Assert.Equal(10, a.MedianDaysToComplete!.Value, 6);
        Assert.Equal(0.6, a.CompletionRate, 6);
        var b = groups.Single(g => g.OrgPath == f.CommuneB);
        Assert.Equal((1, 1, 0, 0, 0), (b.Assigned, b.NotStarted, b.InProgress, b.Completed, b.Overdue));
        Assert.Null(b.AverageScore);
        Assert.Null(b.MedianScore);
        Assert.Null(b.MedianDaysToComplete);

        // By course, under the province: C1's row adds up its communes' (scores 90, 70 and 40: median 70); C2, with nobody enrolled,
        // has no row. Under commune A alone, C1's row is A's.
        var byCourse = await GroupsAsync(site, everything, new ReportFilter(UnderPath: f.Province, By: ReportBreakdown.Course));
        var c1Row = byCourse.Single(g => g.CourseId == f.C1);
        Assert.Equal((a.Assigned + b.Assigned, a.NotStarted + b.NotStarted, a.InProgress + b.InProgress, a.Completed + b.Completed, a.Overdue + b.Overdue, "Course", f.Province),
            (c1Row.Assigned, c1Row.NotStarted, c1Row.InProgress, c1Row.Completed, c1Row.Overdue, c1Row.Kind, c1Row.OrgPath));
        Assert.Equal((70.0, 10.0), (c1Row.MedianScore!.Value, c1Row.MedianDaysToComplete!.Value));
        Assert.DoesNotContain(byCourse, g => g.CourseId == f.C2);
        var byCourseA = await GroupsAsync(site, everything, new ReportFilter(UnderPath: f.CommuneA, By: ReportBreakdown.Course));
        Assert.Equal((a.Assigned, a.Completed, a.Overdue), byCourseA.Where(g => g.CourseId == f.C1).Select(g => (g.Assigned, g.Completed, g.Overdue)).Single());

        // Under commune A: its own cadres (c2, c4, c6) first, then unit A1 (c1, c3). Even count of days: (4 + 20) / 2.
        var underA = await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.CommuneA));
        Assert.Equal([f.CommuneA, f.UnitA1], underA.Select(g => g.OrgPath));
        Assert.Equal((3, 2, 1, 12.0, 55.0), (underA[0].Assigned, underA[0].Completed, underA[0].Overdue, underA[0].MedianDaysToComplete!.Value, underA[0].MedianScore!.Value));
        Assert.Equal((2, 1, 1, 0), (underA[1].Assigned, underA[1].Completed, underA[1].InProgress, underA[1].Overdue));

        // A course nobody is enrolled in: both communes, all zeros.
        var empty = await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C2, UnderPath: f.Province));
        Assert.Equal(2, empty.Count);
        Assert.All(empty, g => Assert.Equal((0, 0, 0.0), (g.Assigned, g.Completed, g.CompletionRate)));

        // Filters: not started; accounting officers; the path (completed only when both its courses are).
        var notStarted = await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.Province, Status: LearnerStatus.NotStarted));
        Assert.Equal((1, 1), (notStarted.Single(g => g.OrgPath == f.CommuneA).Assigned, notStarted.Single(g => g.OrgPath == f.CommuneB).Assigned));
        Assert.Equal((1, 1, 0), (notStarted.Single(g => g.OrgPath == f.CommuneA).NotStarted, notStarted.Single(g => g.OrgPath == f.CommuneA).Overdue, notStarted.Single(g => g.OrgPath == f.CommuneB).Overdue));
        var overdue = await CadresAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.Province, Status: LearnerStatus.Overdue));
        Assert.Equal((f.CadreIds["c4"], LearnerStatus.NotStarted, true), (Assert.Single(overdue).CadreId, overdue[0].Status, overdue[0].Overdue));
        var officers = await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.Province, AccountingOfficers: true));
        Assert.Equal((0, 1), (officers.Single(g => g.OrgPath == f.CommuneA).Assigned, officers.Single(g => g.OrgPath == f.CommuneB).Assigned));
        var transferred = await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.Province, TransferredFrom: new DateOnly(2026, 10, 1), TransferredTo: new DateOnly(2026, 10, 31)));
        Assert.Equal(1, transferred.Single(g => g.OrgPath == f.CommuneA).Assigned);
        var dueInNovember = await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.Province, DueFrom: new DateOnly(2026, 11, 1), DueTo: new DateOnly(2026, 11, 30)));
        Assert.Equal((1, 1), (dueInNovember.Single(g => g.OrgPath == f.CommuneA).Assigned, dueInNovember.Single(g => g.OrgPath == f.CommuneA).Overdue));
        var path = await GroupsAsync(site, everything, new ReportFilter(PathId: f.PathId, UnderPath: f.Province));
        var pathA = path.Single(g => g.OrgPath == f.CommuneA);
        Assert.Equal((5, 1, 3, 1, 1), (pathA.Assigned, pathA.NotStarted, pathA.InProgress, pathA.Completed, pathA.Overdue)); // c4 not started, overdue
        var pathRows = await CadresAsync(site, everything, new ReportFilter(PathId: f.PathId, UnderPath: f.Province, Status: LearnerStatus.Completed));
        Assert.Equal(f.CadreIds["c1"], Assert.Single(pathRows).CadreId);

        // Drill-down: the cadres behind B's "not started" are that number, in org path then name order.
        var drill = new ReportFilter(CourseId: f.C1, UnderPath: f.CommuneB, Status: LearnerStatus.NotStarted);
        var rows = await CadresAsync(site, everything, drill);
        Assert.Equal(b.NotStarted, rows.Count);
        Assert.Equal(rows.Count, await site.WithServiceAsync<ICompletionReport, int>(r => r.CountCadresAsync(everything, drill)));
        Assert.Equal(f.CadreIds["c5"], rows[0].CadreId);
        Assert.Equal(LearnerStatus.NotStarted, rows[0].Status);
        var allA = await CadresAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.CommuneA));
        Assert.Equal(a.Assigned, allA.Count);
        Assert.Equal(allA.OrderBy(r => r.OrgPath, StringComparer.Ordinal).ThenBy(r => r.FullName, StringComparer.Ordinal).Select(r => r.CadreId), allA.Select(r => r.CadreId));
        var c1 = allA.Single(r => r.CadreId == f.CadreIds["c1"]);
        Assert.Equal((LearnerStatus.Completed, 90.0, "Chữ ký số công vụ rp", 3), (c1.Status, c1.BestScore!.Value, c1.CourseTitle, c1.CompletedLessons));
        Assert.Equal(DateTimeKind.Utc, c1.EnrolledUtc.Kind);

        // A commune manager's scope (A): the top of the scope is A alone; B by filter is nothing at all.
        var scopeA = new OrgScope(false, [f.CommuneA]);
        var top = await GroupsAsync(site, scopeA, new ReportFilter(CourseId: f.C1));
        Assert.Equal(5, Assert.Single(top).Assigned);
        Assert.Empty(await GroupsAsync(site, scopeA, new ReportFilter(CourseId: f.C1, UnderPath: f.CommuneB)));
        Assert.Empty(await GroupsAsync(site, scopeA, new ReportFilter(CourseId: f.C1, UnderPath: f.Province)));
        Assert.Empty(await CadresAsync(site, scopeA, drill));
        Assert.Equal(0, await site.WithServiceAsync<ICompletionReport, int>(r => r.CountCadresAsync(scopeA, drill)));
        Assert.Empty(await CadresAsync(site, scopeA, new ReportFilter(CourseId: f.C1, UnitId: await UnitIdOfAsync(site, f.CommuneB))));

        // Profiles not linked to their accounts (accounts that existed before the profiles were imported): the e-mail match finds
        // them, so nothing changes, whether the report reads them apart from the linked cadres (the groups) or in one query (rows).
        await site.WithDbAsync(db => db.Set<Cadre>().Where(c => c.Id == f.CadreIds["c2"] || c.Id == f.CadreIds["c5"])
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UserId, (string?)null)));
        Assert.Equal(groups, await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.Province)));
        Assert.Equal(underA, await GroupsAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.CommuneA)));
        Assert.Equal(pathA, (await GroupsAsync(site, everything, new ReportFilter(PathId: f.PathId, UnderPath: f.Province))).Single(g => g.OrgPath == f.CommuneA));
        var c2 = (await CadresAsync(site, everything, new ReportFilter(CourseId: f.C1, UnderPath: f.CommuneA))).Single(r => r.CadreId == f.CadreIds["c2"]);
        Assert.Equal((LearnerStatus.Completed, 70.0, "Phường Ánh Dương"), (c2.Status, c2.BestScore!.Value, c2.UnitName));
        Assert.NotNull(c2.UserId);
        Assert.Equal(f.CadreIds["c5"], Assert.Single(await CadresAsync(site, everything, drill)).CadreId);
    }

    [Fact]
    public void Filter_QueryString_IsStable_AndRoundTrips_ParseIsTolerant()
    {
        var filter = new ReportFilter(CourseId: 3, UnderPath: "/1/7/", Status: LearnerStatus.Overdue, Position: "Chủ tịch & Phó", DueFrom: new DateOnly(2026, 12, 31), DueTo: new DateOnly(2026, 12, 1), AccountingOfficers: false);
        var text = filter.ToQueryString();
        Assert.Equal("course=3&under=%2F1%2F7%2F&status=Overdue&position=Ch%E1%BB%A7%20t%E1%BB%8Bch%20%26%20Ph%C3%B3&dueFrom=2026-12-31&dueTo=2026-12-01&accounting=false", text);
        Assert.Equal(filter, ReportFilter.Parse(text));
        Assert.Equal(filter, ReportFilter.Parse("?" + text));
        Assert.Equal(new ReportFilter(PathId: 2), ReportFilter.Parse("course=abc&path=2&status=7&dueFrom=31/12/2026&unit=-4"));
        Assert.Equal("", new ReportFilter().ToQueryString());
    }

    private static Task<int> UnitIdOfAsync(TestSite site, string path) => Task.FromResult(ReportFilter.LastUnitId(path));

    /// <summary>
    /// The report's groups, checked against the groups the XLSX export counts from the cadre rows it writes (<see cref="GroupTally"/>):
    /// the same numbers, for every case of the tests above.
    /// </summary>
    /// <summary>The report's weekly line reads completion times since its first week only; its points are the completed rows of
    /// the drill-down list put in their weeks (Vietnam's calendar), for a course, a path and every course.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task WeeklyCompletions_AreTheCompletedRowsOfTheListByWeek(DatabaseProvider provider)
    {
        var clock = new ManualClock { Now = ReportFixture.Now };
        await using var site = await TestSite.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var f = await ReportFixture.CreateAsync(site);
        const int weeks = 12;
        var total = 0;
        foreach (var filter in new[] { new ReportFilter(CourseId: f.C1, UnderPath: f.Province), new ReportFilter(PathId: f.PathId, UnderPath: f.Province), new ReportFilter() })
        {
            var trend = await site.WithServiceAsync<ReportReads, IReadOnlyList<(DateOnly Week, int Completions)>>(r => r.WeeklyCompletionsAsync(OrgScope.Everything, filter, weeks));
            Assert.Equal(weeks, trend.Count);
            var expected = new int[weeks];
            await site.WithServiceAsync<ICompletionReport, int>(async r =>
            {
                await foreach (var row in r.CadresAsync(OrgScope.Everything, filter with { Status = LearnerStatus.Completed }))
                {
                    var day = DateOnly.FromDateTime(Learning.Modularity.LocalTime.ToLocal(row.CompletedUtc!.Value));
                    var index = (day.DayNumber - trend[0].Week.DayNumber) / 7;
                    if (day >= trend[0].Week && index < weeks)
                    {
                        expected[index]++;
                    }
                }

                return 0;
            });
            Assert.Equal(expected, trend.Select(p => p.Completions));
            total += expected.Sum();
        }

        Assert.True(total > 0, "the fixture has completions in the last twelve weeks");
    }

    private static async Task<IReadOnlyList<CompletionGroup>> GroupsAsync(TestSite site, OrgScope scope, ReportFilter filter)
    {
        var groups = await site.WithServiceAsync<ICompletionReport, IReadOnlyList<CompletionGroup>>(r => r.GroupsAsync(scope, filter));
        var counted = await site.WithServiceAsync<ICompletionReport, IReadOnlyList<CompletionGroup>>(async r =>
        {
            var tally = await r.TallyAsync(scope, filter);
            await foreach (var row in r.CadresAsync(scope, filter))
            {
                tally.Count(row);
            }

            return tally.Groups();
        });
        Assert.Equal(groups.Select(g => g with { AverageScore = null }), counted.Select(g => g with { AverageScore = null }));
        Assert.Equal(groups.Select(g => g.AverageScore is { } v ? Math.Round(v, 9) : (double?)null), counted.Select(g => g.AverageScore is { } v ? Math.Round(v, 9) : (double?)null));
        return groups;
    }

    private static Task<List<CadreRow>> CadresAsync(TestSite site, OrgScope scope, ReportFilter filter) =>
        site.WithServiceAsync<ICompletionReport, List<CadreRow>>(async r =>
        {
            var list = new List<CadreRow>();
            await foreach (var row in r.CadresAsync(scope, filter))
            {
                list.Add(row);
            }

            return list;
        });
}
