using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Services.Xapi;

/// <summary>
/// HTTP Basic with an API client's key id and secret, for /xapi/* and /api/reports/* only: the endpoints' policy names this
/// scheme alone, so a browser's sign-in cookie never reaches them, and there is no cookie to forge a request with (no CSRF).
/// </summary>
public static class ApiClientAuthentication
{
    public const string Scheme = "ReportsApiKey";
    public const string Policy = "Reports.ApiClient";
    public const string RateLimitPolicy = "Reports.ApiClient";
    public const string ClientClaim = "reports:api_client";
    public const string ScopeClaim = "reports:api_scope";
    public const string LimitClaim = "reports:api_rpm";

    public static ApiCaller? Caller(this ClaimsPrincipal user) =>
        user.FindFirst(ClientClaim) is { } id && user.FindFirst(ScopeClaim) is { } scope && int.TryParse(id.Value, out var clientId)
            ? new ApiCaller(clientId, user.Identity?.Name ?? "", scope.Value)
            : null;
}

internal sealed class ApiClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiClients clients,
    IStringLocalizer<ReportsStrings> t)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        XapiHeaders.Stamp(Context);
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials");
        }

        var check = await clients.AuthenticateAsync(decoded[..colon], decoded[(colon + 1)..], Context.RequestAborted);
        if (check.ClientId is { } clientId)
        {
            ApiRequestLog.MarkClient(Context, clientId);
        }

        if (check.Caller is not { } caller)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key");
        }

        List<Claim> claims =
        [
            new Claim(ClaimTypes.Name, caller.KeyId),
            new Claim(ApiClientAuthentication.ClientClaim, caller.ClientId.ToString(CultureInfo.InvariantCulture)),
            new Claim(ApiClientAuthentication.ScopeClaim, caller.ScopePath),
        ];
        if (caller.RequestsPerMinute is { } limit)
        {
            claims.Add(new Claim(ApiClientAuthentication.LimitClaim, limit.ToString(CultureInfo.InvariantCulture)));
        }

        var identity = new ClaimsIdentity(claims, ApiClientAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiClientAuthentication.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Learning API\", charset=\"UTF-8\"";
        await Response.WriteAsJsonAsync(new ApiError(t["Api.Unauthorized"]));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new ApiError(t["Api.Forbidden"]));
    }
}

/// <summary>A localized error message, the body of every refused API request.</summary>
public sealed record ApiError(string Error);

/// <summary>Requests per minute per client (a fixed window on each node): the client's own limit, or the site's default; a refused
/// request gets 429 and Retry-After. The limit is part of the partition's key, so a changed limit holds from the next request.</summary>
internal sealed class ApiClientRateLimitPolicy(IOptions<ReportsApiOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, cancellationToken) =>
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<ReportsStrings>>();
        await http.Response.WriteAsJsonAsync(new ApiError(t["Api.TooManyRequests", seconds]), cancellationToken);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var user = httpContext.User;
        var limit = int.TryParse(user.FindFirst(ApiClientAuthentication.LimitClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var own)
            ? own
            : options.Value.RequestsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(
            $"{user.FindFirst(ApiClientAuthentication.ClientClaim)?.Value ?? "anonymous"}/{limit}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}

/// <summary>The xAPI version header, on every response of /xapi (refusals included).</summary>
internal static class XapiHeaders
{
    public const string VersionHeader = "X-Experience-API-Version";
    public const string ConsistentThroughHeader = "X-Experience-API-Consistent-Through";

    public static void Stamp(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/xapi", StringComparison.OrdinalIgnoreCase) && !context.Items.ContainsKey(VersionHeader))
        {
            context.Items[VersionHeader] = true;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[VersionHeader] = XapiVocabulary.Version;
                return Task.CompletedTask;
            });
        }
    }
}
