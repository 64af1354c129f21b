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
    /// <c>GET /Admin/Reports/Hours/Export?format=csv|xlsx&amp;year=&amp;under=&amp;position=&amp;below=true</c>: the training-hours report as the
    /// caller may see it, every row (the page shows 50 at a time). A bad format or year: 400 with the localized reason; a unit
    /// outside the scope: 404. Audited before the file is sent; XLSX goes through a temporary file as the completion export does, a
    /// province's or the country's written by a process of its own (ADR-047).
    /// </summary>
    public static async Task<Results<EmptyHttpResult, FileStreamHttpResult, ContentHttpResult, NotFound>> ExportHoursAsync(
        HttpContext http, HoursExport export, ReportWorkbooks workbooks, IOrganizationScopeService scopes, ICadreDirectory directory, IAuditTrail audit, LearningDbContext db,
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
        var filter = HoursFilter.Parse(http.Request.Query, year);
        if (filter.UnderPath is { } under && !(await directory.UnitsAsync(scope, cancellationToken)).Any(x => x.Path == under))
        {
            return TypedResults.NotFound();
        }

        var query = http.Request.QueryString.Value?.TrimStart('?') ?? "";
        audit.Record(ExportAuditCodes.Exported, t["Hours.Title"] + " " + year.ToString(CultureInfo.InvariantCulture), query);
        await db.SaveChangesAsync(cancellationToken);

        Attach(http, export.FileBaseName(year), format);
        if (format == ExportFormat.Csv)
        {
            http.Response.ContentType = CompletionExport.ContentType(format);
            await export.WriteAsync(http.Response.Body, format, scope, filter, cancellationToken);
            return TypedResults.Empty;
        }

        return await WorkbookAsync(path => workbooks.WriteHoursAsync(path, scope, filter, cancellationToken));
    }

    /// <summary>
    /// <c>GET /Admin/Reports/Export?format=csv|xlsx|pdf&amp;&lt;report filter&gt;</c>: the completion report as the caller may see
    /// it (their scope is a WHERE clause of every query). A malformed filter or format: 400 with the localized reason; a filter
    /// naming a unit outside the scope: 404. Audited before the file is sent. CSV is streamed to the response; XLSX is written to a
    /// temporary file first (the ZIP is written synchronously, and a failure then is a clean 500, not half a workbook), then
    /// streamed from it; a province's or the country's by a process of its own (<see cref="ReportWorkbooks"/>, ADR-047). The
    /// PDF summary is small.
    /// </summary>
    public static async Task<Results<EmptyHttpResult, FileStreamHttpResult, FileContentHttpResult, ContentHttpResult, NotFound>> ExportAsync(
        HttpContext http, CompletionExport export, ReportWorkbooks workbooks, IOrganizationScopeService scopes, IAuditTrail audit, LearningDbContext db,
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

        Attach(http, description.FileBaseName, format);
        switch (format)
        {
            case ExportFormat.Csv:
                http.Response.ContentType = CompletionExport.ContentType(format);
                await export.WriteCsvAsync(http.Response.Body, scope, filter, cancellationToken);
                return TypedResults.Empty;
            case ExportFormat.Xlsx:
                return await WorkbookAsync(path => workbooks.WriteCompletionAsync(path, scope, filter, cancellationToken));
            default:
                return TypedResults.File(await export.PdfAsync(scope, filter, cancellationToken), CompletionExport.ContentType(format));
        }
    }

    /// <summary>The response's headers for a download: its file name (in Vietnamese and folded to ASCII), never cached.</summary>
    private static void Attach(HttpContext http, string fileBaseName, ExportFormat format)
    {
        var (ascii, unicode) = CompletionExport.FileNames(fileBaseName, format);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ascii, FileNameStar = unicode }.ToString();
        http.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>
    /// A workbook written whole into a new temporary file (by <paramref name="write"/>, given its path) before it is sent, then
    /// deleted when the response closes it: the ZIP is written synchronously, and a failure then is a clean 500, not half a
    /// workbook. A failed or cancelled write leaves no file behind.
    /// </summary>
    private static async Task<FileStreamHttpResult> WorkbookAsync(Func<string, Task> write)
    {
        var path = Path.Combine(Path.GetTempPath(), "learning-export-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await write(path);
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return TypedResults.Stream(file, CompletionExport.ContentType(ExportFormat.Xlsx));
        }
        catch
        {
            File.Delete(path);
            throw;
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
