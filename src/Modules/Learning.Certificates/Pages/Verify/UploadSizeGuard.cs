using Learning.Certificates.Services.Issuing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Learning.Certificates.Pages.Verify;

/// <summary>
/// Turns away an upload that is too large with the page's own localized message ("too large, limit N MB") instead of a bare
/// 400 from antiforgery or 413 from Kestrel. It runs ahead of the antiforgery check (which reads the whole form): a declared
/// length over the limit is refused before anything is parsed; an undeclared (chunked) body is read here, as a form capped at
/// the limit. Either way the rest of the body is read and dropped (up to <see cref="MaxDrainBytes"/>) before the answer, so a
/// browser still sending its file sees the page instead of a reset connection; beyond that the connection is closed.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadSizeGuardAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>The file's limit plus the multipart envelope around it.</summary>
    public const long MaxRequestBytes = CertificateVerifier.MaxUploadBytes + (64 * 1024);

    /// <summary>How much of a too-large body is read and dropped so the sender gets the answer (a 50 MB file is).</summary>
    public const long MaxDrainBytes = 80L * 1024 * 1024;

    public const string TooLargeUrl = "/verify?error=too-large";

    public int Order => -1000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return;
        }

        // Kestrel's own cap (30 MB by default) would cut the drain short with a bare 413: the drain's cap applies instead, and
        // the form below is held to the upload limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxDrainBytes;
        }

        if (http.Request.ContentLength > MaxRequestBytes)
        {
            await RefuseAsync(context, http.Request.ContentLength.Value);
            return;
        }

        if (!http.Request.HasFormContentType)
        {
            return;
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
        {
            MultipartBodyLengthLimit = MaxRequestBytes,
            BufferBodyLengthLimit = MaxRequestBytes,
        }));
        try
        {
            // Read here, so a body over the limit is answered by this page; antiforgery then reads the form read here.
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            await RefuseAsync(context, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RefuseAsync(context, null);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException)
        {
            // The sender broke off (or sent a malformed body): nobody waits for a page; no error for the log.
            http.Response.Headers.Connection = "close";
            context.Result = new BadRequestResult();
        }
    }

    private static async Task RefuseAsync(AuthorizationFilterContext context, long? declared)
    {
        var http = context.HttpContext;
        context.Result = new RedirectResult(TooLargeUrl);
        if (declared > MaxDrainBytes)
        {
            http.Response.Headers.Connection = "close";
            return;
        }

        var buffer = new byte[64 * 1024];
        try
        {
            while (await http.Request.Body.ReadAsync(buffer, http.RequestAborted) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or InvalidDataException or OperationCanceledException)
        {
            // More than the drain's cap, or the sender gave up: answer, then close.
            http.Response.Headers.Connection = "close";
        }
    }
}
