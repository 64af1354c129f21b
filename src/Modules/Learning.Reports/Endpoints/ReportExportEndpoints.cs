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

    public const string HoursRoute = "/Admin/Reports/Hours/Export";

    public static IEndpointRouteBuilder MapReportExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, ExportAsync).RequireAuthorization(PermissionClaims.Policy(Permissions.Export));
        endpoints.MapGet(HoursRoute, ExportHoursAsync).RequireAuthorization(PermissionClaims.Policy(Permissions.Export));
        return endpoints;
    }

    /// <summary>
    /// <c>GET /Admin/Reports/Hours/Export?format=csv|xlsx&amp;year=&amp;under=&amp;position=</c>: the training-hours report as the
    /// caller may see it, every row (the page shows 50 at a time). A bad format or year: 400 with the localized reason; a unit
    /// outside the scope: 404. Audited before the file is sent; XLSX goes through a temporary file as the completion export does.
    /// </summary>
    public static async Task<Results<EmptyHttpResult, FileStreamHttpResult, ContentHttpResult, NotFound>> ExportHoursAsync(
        HttpContext http, HoursExport export, IOrganizationScopeService scopes, ICadreDirectory directory, IAuditTrail audit, LearningDbContext db,
        IStringLocalizer<ReportsStrings> t, CancellationToken cancellationToken)
    {
        if (!CompletionExport.TryParseFormat(http.Request.Query["format"], out var format) || format == ExportFormat.Pdf)
        {
            return TypedResults.Content(t["Export.BadHoursFormat"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!int.TryParse(http.Request.Query["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            return TypedResults.Content(t["Targets.BadYear"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        var scope = await scopes.GetScopeAsync(http.User, cancellationToken);
        var under = http.Request.Query["under"].ToString() is { Length: > 0 } u ? u : null;
        if (under is not null && !(await directory.UnitsAsync(scope, cancellationToken)).Any(x => x.Path == under))
        {
            return TypedResults.NotFound();
        }

        var position = http.Request.Query["position"].ToString() is { Length: > 0 } p ? p : null;
        var query = http.Request.QueryString.Value?.TrimStart('?') ?? "";
        audit.Record(ExportAuditCodes.Exported, t["Hours.Title"] + " " + year.ToString(CultureInfo.InvariantCulture), query);
        await db.SaveChangesAsync(cancellationToken);

        var (ascii, unicode) = CompletionExport.FileNames(export.FileBaseName(year), format);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ascii, FileNameStar = unicode }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        if (format == ExportFormat.Csv)
        {
            http.Response.ContentType = CompletionExport.ContentType(format);
            await export.WriteAsync(http.Response.Body, format, scope, year, under, position, cancellationToken);
            return TypedResults.Empty;
        }

        var file = TemporaryFile();
        try
        {
            await export.WriteAsync(file, format, scope, year, under, position, cancellationToken);
            file.Position = 0;
            return TypedResults.Stream(file, CompletionExport.ContentType(format));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>A file deleted when closed, for a workbook written before it is sent.</summary>
    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), "learning-export-" + Guid.NewGuid().ToString("N") + ".xlsx"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

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
                var file = TemporaryFile();
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
