using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Hosting;

/// <summary>
/// A database that is restarting or unreachable is a passing state, not a bug: requests that fail on it are answered 503 with
/// <c>Retry-After</c> (problem-details JSON for endpoints, the friendly error page for pages), and the outage is logged once,
/// not once per request. The first failure logs a warning; later ones within <see cref="Quiet"/> only count, and the next
/// line says how many were answered 503 meanwhile.
/// </summary>
public sealed class DatabaseOutage(ILogger<DatabaseOutage> logger, TimeProvider clock)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(30);
    public const int RetryAfterSeconds = 5;

    private readonly Lock gate = new();
    private DateTimeOffset lastLogged = DateTimeOffset.MinValue;
    private int suppressed;

    public void Record(Exception exception, string path)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (now - lastLogged < Quiet)
            {
                suppressed++;
                return;
            }

            logger.LogWarning("Database unavailable ({Message}); answering 503 with Retry-After until it is back. First seen on {Path}; {Suppressed} more request(s) answered 503 since the last line",
                exception.GetBaseException().Message, path, suppressed);
            lastLogged = now;
            suppressed = 0;
        }
    }

    public static void SetRetryAfter(HttpResponse response) => response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Answers 503 with <c>Retry-After</c> when the database is unavailable: problem JSON for endpoints, a small page for pages.
/// The page is written here rather than by re-executing the error page: that would run the pipeline again (sign-in cookie,
/// layout, menus), which needs the database that just failed, and it is lighter on a weak link.
/// </summary>
public sealed class DatabaseOutageMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, DatabaseOutage outage, IStringLocalizer<WebStrings> t)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (Learning.Data.Transactions.IsTransient(ex) && !context.Response.HasStarted)
        {
            outage.Record(ex, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            DatabaseOutage.SetRetryAfter(context.Response);
            var page = context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not null
                || (context.GetEndpoint() is null && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal));
            if (!page)
            {
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: t["Error.503"], detail: t["Error.503Text"]).ExecuteAsync(context);
                return;
            }

            var encode = context.RequestServices.GetRequiredService<System.Text.Encodings.Web.HtmlEncoder>(); // UTF-8 as configured, not entities
            var again = HttpMethods.IsGet(context.Request.Method) ? (context.Request.Path + context.Request.QueryString).ToString() : context.Request.Path.ToString();
            if (!again.StartsWith('/') || again.StartsWith("//", StringComparison.Ordinal) || again.StartsWith("/\\", StringComparison.Ordinal))
            {
                again = "/"; // never a link to another host
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(
                "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">" +
                $"<title>{encode.Encode(t["Error.503"])}</title></head><body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5\">" +
                $"<h1>{encode.Encode(t["Error.503"])}</h1><p>{encode.Encode(t["Error.503Text"])}</p>" +
                $"<p><a href=\"{encode.Encode(again)}\">{encode.Encode(t["Error.503Retry"])}</a></p></body></html>");
        }
    }
}
