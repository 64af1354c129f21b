using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Learning.Data;
using Learning.Modularity;
using Learning.Reports.Services.Api;
using Learning.Reports.Services.Xapi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Endpoints;

/// <summary>
/// The JSON reporting API for the provincial warehouse: completion (cadre × course) and its withdrawals, readiness (cadre) and hours (cadre × year),
/// authenticated as /xapi is (the same API clients: Basic keys, the client's scope a WHERE clause, its rate limit and usage count),
/// keyset-paged with a sealed cursor, filtered by the time of change so a warehouse pulls increments (README, "JSON reporting API").
/// </summary>
public static class ReportsApiEndpoints
{
    public const string HighWaterMarkHeader = "X-Reports-High-Water-Mark";

    /// <summary>camelCase, dates ISO 8601 (UTC instants end in Z), Vietnamese as UTF-8 rather than \u escapes, nulls written.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static IEndpointRouteBuilder MapReportsApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/reports")
            .RequireAuthorization(ApiClientAuthentication.Policy)
            .RequireRateLimiting(ApiClientAuthentication.RateLimitPolicy);
        api.MapGet("/completion", (HttpContext http, ReportsApiReads reads, CancellationToken ct) =>
            ServeAsync(http, ApiReports.Completion, (q, scope) => reads.CompletionAsync(q, scope, ct), r => (r.CadreId, r.CourseId)));
        api.MapGet("/readiness", (HttpContext http, ReportsApiReads reads, CancellationToken ct) =>
            ServeAsync(http, ApiReports.Readiness, (q, scope) => reads.ReadinessAsync(q, scope, ct), r => (r.CadreId, 0)));
        api.MapGet("/hours", (HttpContext http, ReportsApiReads reads, CancellationToken ct) =>
            ServeAsync(http, ApiReports.Hours, (q, scope) => reads.HoursAsync(q, scope, ct), r => (r.CadreId, 0)));
        api.MapGet("/completion/withdrawals", (HttpContext http, ReportsApiReads reads, CancellationToken ct) =>
            ServeAsync(http, ApiReports.Withdrawals, (q, scope) => reads.WithdrawalsAsync(q, scope, ct), r => (r.CadreId, r.CourseId)));
        return endpoints;
    }

    /// <summary>The body of a page: the rows, the next page's URL (null on the last), the high-water mark and the page size.</summary>
    public sealed record ApiReportPage<T>(string Report, IReadOnlyList<T> Rows, string? Next, DateTime HighWaterMark, int Limit);

    private static async Task<IResult> ServeAsync<T>(HttpContext http, string report, Func<ApiReportQuery, string, Task<ApiPage<T>>> read, Func<T, (int Cadre, int Course)> key)
    {
        var services = http.RequestServices;
        var parser = services.GetRequiredService<ApiReportQueryParser>();
        var t = services.GetRequiredService<IStringLocalizer<ReportsStrings>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var options = services.GetRequiredService<IOptions<ReportsApiOptions>>().Value;
        var caller = http.User.Caller() ?? throw new InvalidOperationException("The API client policy let an unknown caller through.");
        var q = http.Request.Query;

        ApiReportQuery query;
        if (q.TryGetValue("cursor", out var cursor))
        {
            if (q.Count != 1 || parser.Open(cursor.ToString(), caller.ClientId, report) is not { } opened)
            {
                return Problem(t, t["Api.BadCursor"]);
            }

            query = opened;
        }
        else
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var thisYear = LocalTime.ToLocal(now).Year;
            var through = await services.GetRequiredService<ReadConsistency>().ConsistentThroughAsync(now, TimeSpan.FromSeconds(options.SettleSeconds), http.RequestAborted);
            var (parsed, problem) = parser.Parse(q, caller.ClientId, report, through, thisYear);
            if (problem is not null)
            {
                return Problem(t, problem.Argument is null ? t[problem.Key] : t[problem.Key, problem.Argument]);
            }

            query = parsed! with { Snapshot = Guid.NewGuid() };
        }

        var page = await read(query, caller.ScopePath);
        string? next = null;
        if (page.HasMore)
        {
            var (cadre, course) = key(page.Rows[^1]);
            next = $"/api/reports/{report}?cursor=" + parser.Seal(query with { AfterCadre = cadre, AfterCourse = course });
        }

        var highWaterMark = DateTime.SpecifyKind(query.HighWaterMarkUtc, DateTimeKind.Utc);
        http.Response.Headers[HighWaterMarkHeader] = highWaterMark.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return TypedResults.Json(new ApiReportPage<T>(report, page.Rows, next, highWaterMark, query.Limit), Json, "application/json; charset=utf-8");
    }

    /// <summary>400 as an RFC 9457 problem, its detail the localized reason (Vietnamese unless the client asks otherwise).</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<ProblemDetails> Problem(IStringLocalizer t, string detail) =>
        TypedResults.Json(
            new ProblemDetails { Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1", Title = t["Api.BadRequest"], Status = StatusCodes.Status400BadRequest, Detail = detail },
            Json,
            "application/problem+json; charset=utf-8",
            StatusCodes.Status400BadRequest);
}
