using Learning.Organization;
using Learning.Reports.Services.Completion;
using Learning.Reports.Services.Exports;

namespace Learning.UnitTests.Reports;

/// <summary>ADR-047: which workbooks a node writes itself (one commune's rows at most) and which a process of its own writes;
/// the hours filter as the process is given it.</summary>
public sealed class ReportWorkbooksTests
{
    [Theory]
    [InlineData(true, "", null, null, false)] // the country
    [InlineData(false, "/1/", null, null, false)] // a province
    [InlineData(false, "/1/,/2/", null, null, false)] // two provinces
    [InlineData(false, "/1/5/", null, null, true)] // a commune
    [InlineData(false, "/1/5/,/1/6/", null, null, true)] // two communes
    [InlineData(false, "/1/5/,/2/", null, null, false)] // a commune and a province
    [InlineData(false, "/1/5/9/", null, null, true)] // a unit of a commune
    [InlineData(true, "", "/1/5/", null, true)] // the country, filtered to a commune
    [InlineData(false, "/1/", "/1/", null, false)] // a province, filtered to itself
    [InlineData(false, "/1/", null, 9, true)] // a province, filtered to one unit
    [InlineData(false, "", null, null, true)] // a restricted scope with no paths: nothing to read, written in the node
    public void WithinACommune_FollowsTheNarrowestOfScopeAndFilter(bool unrestricted, string paths, string? under, int? unit, bool expected)
    {
        var scope = new OrgScope(unrestricted, paths.Split(',', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(expected, ReportWorkbooks.WithinACommune(scope, under, unit));
    }

    [Fact]
    public void HoursFilter_GoesToTheProcessAndBack_WithItsYear()
    {
        var filter = new HoursFilter(2026, "/1/5/", "Công chức Tư pháp & Hộ tịch", BelowTarget: true);
        var query = filter.ToQueryString();
        Assert.Equal(filter, HoursFilter.ParseWithYear(query));
        Assert.Equal(new HoursFilter(2025), HoursFilter.ParseWithYear(new HoursFilter(2025).ToQueryString()));
        Assert.Null(HoursFilter.ParseWithYear("under=%2F1%2F"));
        Assert.Null(HoursFilter.ParseWithYear("year=1999"));
        Assert.Null(HoursFilter.ParseWithYear("year=20x6"));
    }
}
