using Learning.Data;
using Learning.Modularity;
using Learning.Reports.Services.Xapi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Endpoints;

/// <summary>The statement resource of an xAPI 1.0.3 LRS, for reading: GET /xapi/statements (and /xapi/about).</summary>
public static class XapiEndpoints
{
    public static IEndpointRouteBuilder MapXapiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var xapi = endpoints.MapGroup("/xapi")
            .RequireAuthorization(ApiClientAuthentication.Policy)
            .RequireRateLimiting(ApiClientAuthentication.RateLimitPolicy);
        xapi.MapGet("/statements", GetStatementsAsync);
        xapi.MapGet("/about", About);
        return endpoints;
    }

    internal static string BaseUrl(IOptions<PublicAddressOptions> address) => address.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The versions this LRS speaks (the one resource that does not require the version header).</summary>
    private static Ok<AboutResponse> About() => TypedResults.Ok(new AboutResponse([XapiVocabulary.Version]));

    public sealed record AboutResponse(string[] Version);

    private static async Task<Results<PushStreamHttpResult, BadRequest<ApiError>, NotFound<ApiError>>> GetStatementsAsync(
        HttpContext http,
        StatementQueryParser parser,
        StatementStream stream,
        ReadConsistency consistency,
        IOptions<PublicAddressOptions> address,
        IOptions<ReportsApiOptions> options,
        TimeProvider clock,
        IStringLocalizer<ReportsStrings> t,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        var version = request.Headers[XapiHeaders.VersionHeader].ToString();
        if (!version.StartsWith("1.0", StringComparison.Ordinal) || (version.Length > 3 && version[3] != '.'))
        {
            return TypedResults.BadRequest(new ApiError(t["Xapi.Version"]));
        }

        var caller = http.User.Caller() ?? throw new InvalidOperationException("The API client policy let an unknown caller through.");
        var baseUrl = BaseUrl(address);
        var consistentThrough = await consistency.ConsistentThroughAsync(clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(options.Value.SettleSeconds), cancellationToken);
        http.Response.Headers[XapiHeaders.ConsistentThroughHeader] = StatementStream.Timestamp(consistentThrough);
        var q = request.Query;

        if (q.TryGetValue("statementId", out var idValue) || q.TryGetValue("voidedStatementId", out idValue))
        {
            if (q.Keys.Any(k => k is not ("statementId" or "voidedStatementId" or "format" or "attachments")) || q.Count(k => k.Key.EndsWith("tatementId", StringComparison.Ordinal)) > 1)
            {
                return TypedResults.BadRequest(new ApiError(t["Xapi.StatementIdAlone"]));
            }

            if (!Guid.TryParse(idValue.ToString(), out var statementId))
            {
                return TypedResults.BadRequest(new ApiError(t["Xapi.BadUuid", "statementId"]));
            }

            // Nothing here is ever voided, so a voided statement is never found.
            var row = q.ContainsKey("statementId") ? await stream.FindAsync(statementId, caller.ScopePath, cancellationToken) : null;
            return row is null
                ? TypedResults.NotFound(new ApiError(t["Xapi.NoStatement"]))
                : TypedResults.Stream(body => StatementStream.WriteOneAsync(body, row, baseUrl, q["format"] == "ids", cancellationToken), "application/json");
        }

        StatementQuery query;
        if (q.TryGetValue("more", out var more))
        {
            if (q.Count != 1 || parser.Open(more.ToString(), caller.ClientId) is not { } opened)
            {
                return TypedResults.BadRequest(new ApiError(t["Xapi.BadMore"]));
            }

            query = opened;
        }
        else
        {
            var (parsed, problem) = parser.Parse(q, caller.ClientId, baseUrl, consistentThrough);
            if (problem is not null)
            {
                return TypedResults.BadRequest(new ApiError(problem.Argument is null ? t[problem.Key] : t[problem.Key, problem.Argument]));
            }

            query = parsed!;
        }

        var (rows, hasMore) = await stream.PageAsync(query, caller.ScopePath, cancellationToken);
        var moreLink = hasMore ? "/xapi/statements?more=" + parser.Seal(query with { After = rows[^1].Id }) : "";
        return TypedResults.Stream(body => StatementStream.WriteResultAsync(body, rows, moreLink, baseUrl, query.IdsOnly, cancellationToken), "application/json");
    }
}
