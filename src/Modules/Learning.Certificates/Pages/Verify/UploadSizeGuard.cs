using Learning.Certificates.Services.Issuing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Learning.Certificates.Pages.Verify;

/// <summary>
/// Turns away an upload that is too large before anything reads it: it runs ahead of the antiforgery check (which reads the
/// whole form), refuses a declared length over the limit with the page's own message, and caps an undeclared (chunked) body.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadSizeGuardAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>The file's limit plus the multipart envelope around it.</summary>
    public const long MaxRequestBytes = CertificateVerifier.MaxUploadBytes + (64 * 1024);

    public int Order => -1000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return;
        }

        if (http.Request.ContentLength > MaxRequestBytes)
        {
            http.Response.Headers.Connection = "close";
            context.Result = new RedirectResult("/verify?error=too-large");
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxRequestBytes;
        }

        if (http.Request.HasFormContentType)
        {
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
        }
    }
}
