using System.Globalization;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Learning.Reports.Services.Exports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Learning.Reports.Endpoints;

public static class ReportExportEndpoints
{
    public const string Route = "/Admin/Reports/Export";

    public static IEndpointRouteBuilder MapReportExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, ExportAsync).RequireAuthorization(PermissionClaims.Policy(Permissions.Export));
        return endpoints;
    }

    /// <summary>
    /// <c>GET /Admin/Reports/Export?format=csv|xlsx|pdf&amp;&lt;report filter&gt;</c>: the completion report as the caller may see
    /// it (their scope is a WHERE clause of every query). A malformed filter or format: 400 with the localized reason; a filter
    /// naming a unit outside the scope: 404. Audited before the file is sent. CSV is streamed to the response; XLSX is written to a
    /// temporary file first (the ZIP is written synchronously, and a failure then is a clean 500, not half a workbook), then
    /// streamed from it; the PDF summary is small.
    /// </summary>
    public static async Task<Results<EmptyHttpResult, FileStreamHttpResult, FileContentHttpResult, ContentHttpResult, NotFound>> ExportAsync(
        HttpContext http, CompletionExport export, IOrganizationScopeService scopes, IAuditTrail audit, LearningDbContext db,
        IStringLocalizer<ReportsStrings> t, CancellationToken cancellationToken)
    {
        if (!CompletionExport.TryParseFormat(http.Request.Query["format"], out var format))
        {
            return TypedResults.Content(t["Export.BadFormat"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        var filter = ReportFilter.Parse(http.Request.Query);
        if (filter.Validate(t) is { Count: > 0 } problems)
        {
            return TypedResults.Content(t["Export.Invalid", string.Join(" ", problems)], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        var scope = await scopes.GetScopeAsync(http.User, cancellationToken);
        if (await export.NamesOutsideAsync(scope, filter, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var description = await export.DescribeAsync(scope, filter, cancellationToken);
        audit.Record(ExportAuditCodes.Exported, description.Title, $"format={format.ToString().ToLowerInvariant()}&{filter.ToQueryString()}".TrimEnd('&'));
        await db.SaveChangesAsync(cancellationToken);

        var (ascii, unicode) = CompletionExport.FileNames(description.FileBaseName, format);
        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = ascii, FileNameStar = unicode };
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "no-store";
        switch (format)
        {
            case ExportFormat.Csv:
                http.Response.ContentType = CompletionExport.ContentType(format);
                await export.WriteCsvAsync(http.Response.Body, scope, filter, cancellationToken);
                return TypedResults.Empty;
            case ExportFormat.Xlsx:
                var file = new FileStream(Path.Combine(Path.GetTempPath(), "learning-export-" + Guid.NewGuid().ToString("N") + ".xlsx"),
                    FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                try
                {
                    await export.WriteXlsxAsync(file, scope, filter, cancellationToken);
                    file.Position = 0;
                    return TypedResults.Stream(file, CompletionExport.ContentType(format));
                }
                catch
                {
                    await file.DisposeAsync();
                    throw;
                }

            default:
                return TypedResults.File(await export.PdfAsync(scope, filter, cancellationToken), CompletionExport.ContentType(format));
        }
    }
}

/// <summary>This module's audit codes (each has an <c>Audit.Code.&lt;code&gt;</c> label in the web host's resources).</summary>
public static class ExportAuditCodes
{
    public const string Exported = "reports.exported";
    public const string Subscribed = "reports.subscribed";
    public const string Unsubscribed = "reports.unsubscribed";
}
