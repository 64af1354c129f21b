using System.Globalization;
using Learning.Reports.Services.Completion;
using Learning.Reports.Services.Xapi;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Learning.Reports.Services.Api;

/// <summary>The three reports of the JSON reporting API.</summary>
public static class ApiReports
{
    public const string Completion = "completion";
    public const string Readiness = "readiness";
    public const string Hours = "hours";
    public const string Withdrawals = "withdrawals";
}

/// <summary>
/// One request of the JSON reporting API. The first page states it in query parameters; the <c>cursor</c> of the next page
/// carries it, with the stable key the page ended at and the high-water mark fixed on the first page, sealed with data protection
/// (a changed cursor does not open; a cursor is bound to its client and its report).
/// </summary>
public sealed record ApiReportQuery
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5_000;

    public int ClientId { get; init; }

    public string Report { get; init; } = "";

    /// <summary>An organisation path inside the client's scope (outside it: nothing).</summary>
    public string? Under { get; init; }

    public int? CourseId { get; init; }

    public int Year { get; init; }

    /// <summary>Rows changed at or after (UTC).</summary>
    public DateTime? ChangedSinceUtc { get; init; }

    /// <summary>Rows changed before (UTC).</summary>
    public DateTime? ChangedUntilUtc { get; init; }

    /// <summary>What the warehouse passes as <c>changedSince</c> next time: the request's <c>changedUntil</c>, or the time of the
    /// first page less the settle time (a write that was under way then is not missed).</summary>
    public DateTime HighWaterMarkUtc { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The cadre id the previous page ended at (with <see cref="AfterCourse"/> for completion rows); null on the first page.</summary>
    public int? AfterCadre { get; init; }

    public int AfterCourse { get; init; }

    /// <summary>
    /// The paging session, set on its first page: a report computed whole (readiness) is computed once per session on a node and
    /// its later pages are cut from that snapshot, taken after the high-water mark, so a change is never missed by the next pull.
    /// </summary>
    public Guid? Snapshot { get; init; }
}

internal sealed class ApiReportQueryParser(IDataProtectionProvider protection)
{
    private static readonly string[] Common = ["changedSince", "changedUntil", "under", "limit", "cursor"];

    private readonly SealedQuery<ApiReportQuery> sealedQueries = new(protection, "Learning.Reports.Api.Cursor.v1");

    public string Seal(ApiReportQuery query) => sealedQueries.Seal(query);

    /// <summary>The query a cursor stands for, if it is intact, this client's and this report's.</summary>
    public ApiReportQuery? Open(string token, int clientId, string report)
    {
        var query = sealedQueries.Open(token);
        return query is not null && query.ClientId == clientId && query.Report == report && query.Limit is > 0 and <= ApiReportQuery.MaxLimit ? query : null;
    }

    /// <param name="highWaterMark">Now, less the settle time.</param>
    /// <param name="thisYear">The site's current year (the default of <c>year</c>).</param>
    public (ApiReportQuery? Query, QueryProblem? Problem) Parse(IQueryCollection q, int clientId, string report, DateTime highWaterMark, int thisYear)
    {
        foreach (var key in q.Keys)
        {
            if (!Common.Contains(key, StringComparer.Ordinal) && !(report is ApiReports.Completion or ApiReports.Withdrawals && key == "course") && !(report == ApiReports.Hours && key == "year"))
            {
                return (null, new("Api.UnknownParameter", key));
            }

            if (q[key].Count > 1)
            {
                return (null, new("Api.RepeatedParameter", key));
            }
        }

        var query = new ApiReportQuery { ClientId = clientId, Report = report, HighWaterMarkUtc = highWaterMark, Year = thisYear };
        if (q.TryGetValue("changedSince", out var since))
        {
            if (ParseTime(since.ToString()) is not { } value)
            {
                return (null, new("Api.BadTimestamp", "changedSince"));
            }

            query = query with { ChangedSinceUtc = value };
        }

        if (q.TryGetValue("changedUntil", out var until))
        {
            if (ParseTime(until.ToString()) is not { } value)
            {
                return (null, new("Api.BadTimestamp", "changedUntil"));
            }

            query = query with { ChangedUntilUtc = value, HighWaterMarkUtc = value < highWaterMark ? value : highWaterMark };
        }

        if (query is { ChangedSinceUtc: { } s, ChangedUntilUtc: { } u } && s >= u)
        {
            return (null, new("Api.ReversedRange"));
        }

        if (q.TryGetValue("under", out var under))
        {
            if (!ReportFilter.IsOrgPath(under.ToString()))
            {
                return (null, new("Api.BadPath"));
            }

            query = query with { Under = under.ToString() };
        }

        if (q.TryGetValue("course", out var course))
        {
            if (PositiveInt(course.ToString()) is not { } id)
            {
                return (null, new("Api.BadCourse"));
            }

            query = query with { CourseId = id };
        }

        if (q.TryGetValue("year", out var year))
        {
            if (PositiveInt(year.ToString()) is not ({ } y and >= 2000 and <= 2100))
            {
                return (null, new("Api.BadYear"));
            }

            query = query with { Year = y };
        }

        if (q.TryGetValue("limit", out var limit))
        {
            if (PositiveInt(limit.ToString()) is not ({ } n and <= ApiReportQuery.MaxLimit))
            {
                return (null, new("Api.BadLimit", ApiReportQuery.MaxLimit.ToString(CultureInfo.InvariantCulture)));
            }

            query = query with { Limit = n };
        }

        return (query, null);
    }

    /// <summary>1 to 999,999,999 in plain digits; anything else (a sign, a huge number, text) is null.</summary>
    private static int? PositiveInt(string text) =>
        text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var n and > 0 ? n : null;

    /// <summary>ISO 8601 with a zone (<c>Z</c> or an offset); a bare local time is ambiguous and refused.</summary>
    private static DateTime? ParseTime(string text) =>
        (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'))
        && text.Length >= 11 && text[10] == 'T'
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value.UtcDateTime
            : null;
}
