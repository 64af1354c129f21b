using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Web.Pages;

/// <summary>A plain page for people: no stack trace, a reference to find the log line.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<WebStrings> t, ILogger<ErrorModel> logger) : PageModel
{
    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Text) = status switch
        {
            400 => (t["Error.400"], t["Error.400Text"]),
            403 => (t["Error.403"], t["Error.403Text"]),
            404 => (t["Error.404"], t["Error.404Text"]),
            413 => (t["Error.413"], t["Error.413Text"]),
            429 => (t["Error.429"], t["Error.429Text"]),
            503 => (t["Error.503"], t["Error.503Text"]),
            _ => (t["Error.500"], t["Error.500Text"]),
        };
        if (code is null && HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
        {
            logger.LogError(failure.Error, "Unhandled exception on {Path} (request {RequestId})", failure.Path, RequestId);
        }

        if (code is not null)
        {
            Response.StatusCode = status;
        }
    }
}
