using System.Globalization;
using Learning.Data;
using Learning.Modularity;
using Learning.Notifications;
using Learning.Organization;
using Learning.Reports.Data;
using Learning.Reports.Services.Completion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Learning.Reports.Services.Exports;

/// <summary>What a delivery run did: reports sent, empty reports skipped, subscriptions whose period was already served.</summary>
public sealed record DeliveryResult(int Sent, int SkippedEmpty, int AlreadyServed);

/// <summary>
/// Sends the subscribed reports that are due: for each active subscription whose current period (ISO week or month, Vietnam time)
/// is not yet served, the saved report is rendered AS ITS RECIPIENT SEES IT NOW (their scope and their roles' permission to
/// export read from the database at this moment; without it nothing is sent) to XLSX and handed to <see cref="INotifier"/> with the workbook attached; an empty report is skipped when the
/// subscription says so. The period is taken by a compare-and-set on <see cref="ReportSubscription.LastSentPeriod"/> in the
/// same transaction that writes the notification, so a period is served exactly once, even when two runs overlap. A saved
/// training-hours report is delivered for the year of the delivery (site time), with its unit, position and "below target".
/// </summary>
public sealed class ReportDelivery(LearningDbContext db, CompletionExport export, ReportWorkbooks workbooks, ReportReads reads, IOrganizationScopeService scopes,
    INotifier notifier, IStringLocalizer<ReportsStrings> t, TimeProvider clock, ILogger<ReportDelivery> logger)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<DeliveryResult> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        // A job runs without a request: the reports are written in the site's first language.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("vi");
        try
        {
            return await DeliverAsync(cancellationToken);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private async Task<DeliveryResult> DeliverAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var week = ReportSubscriptions.PeriodOf(ReportCadence.Weekly, now).Key;
        var month = ReportSubscriptions.PeriodOf(ReportCadence.Monthly, now).Key;
        var due = await db.Set<ReportSubscription>().AsNoTracking()
            .Where(s => s.Active && ((s.Cadence == ReportCadence.Weekly && s.LastSentPeriod != week) || (s.Cadence == ReportCadence.Monthly && s.LastSentPeriod != month)))
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var (sent, skipped, served) = (0, 0, 0);
        foreach (var subscription in due)
        {
            var (period, number, year) = ReportSubscriptions.PeriodOf(subscription.Cadence, now);
            // Its owner's permission is read now too, as the scope is: a manager whose role no longer exports receives nothing.
            var report = await MayExportAsync(subscription.OwnerId, cancellationToken)
                ? await SavedReportRows.Of(db).FirstOrDefaultAsync(r => r.Id == subscription.SavedReportId && r.OwnerId == subscription.OwnerId, cancellationToken)
                : null;
            var scope = await scopes.ScopeOfUserAsync(subscription.OwnerId, cancellationToken);
            var isHours = report?.Kind == SavedReportKinds.Hours;
            var filter = report is null || isHours ? null : ReportFilter.Parse(report.FilterQuery);
            // A recurring hours report is this year's, with the saved report's unit, position and "below target".
            var hoursFilter = isHours
                ? HoursFilter.Parse(report!.FilterQuery, LocalTime.ToLocal(now).Year)
                : null;
            var visible = report is not null && (scope.Unrestricted || scope.Paths.Count > 0) && (isHours
                ? hoursFilter!.UnderPath is not { } under || (ReportFilter.IsOrgPath(under) && scope.Contains(under))
                : filter!.Validate(t).Count == 0 && !await export.NamesOutsideAsync(scope, filter, cancellationToken));
            var count = !visible ? 0
                : isHours ? (await reads.HoursAsync(scope, hoursFilter!, 1, 1, cancellationToken)).Total
                : await export.CountAsync(scope, filter!, cancellationToken);
            if (report is null || (count == 0 && subscription.SkipWhenEmpty))
            {
                if (await TakeAsync(subscription.Id, period, 0, now, null, cancellationToken))
                {
                    skipped++;
                }
                else
                {
                    served++;
                }

                continue;
            }

            // A province's or the country's workbook is written by a process of its own (ADR-047), as a download is. Nothing they
            // may see: the workbook of an empty scope.
            using var workbook = new MemoryStream();
            await WriteWorkbookAsync(workbook, path => isHours
                ? workbooks.WriteHoursAsync(path, visible ? scope : OrgScope.Nothing, hoursFilter!, cancellationToken)
                : workbooks.WriteCompletionAsync(path, visible ? scope : OrgScope.Nothing, visible ? filter! : new ReportFilter(), cancellationToken), cancellationToken);

            var label = t[subscription.Cadence == ReportCadence.Weekly ? "Subscriptions.Period.Weekly" : "Subscriptions.Period.Monthly", number, year].Value;
            var notice = new Notice(subscription.OwnerId, NoticeTypes.ReportDelivery, new { Report = new { Title = report.Name, Period = label } })
            {
                Link = report.Link,
                Attachments = [new NoticeAttachment(AttachmentName(report.Name, period), XlsxContentType, workbook.ToArray())],
            };
            if (await TakeAsync(subscription.Id, period, count, now, notice, cancellationToken))
            {
                sent++;
            }
            else
            {
                served++;
            }
        }

        logger.LogInformation("Scheduled reports: {Sent} sent, {Skipped} skipped as empty, {Served} already served", sent, skipped, served);
        return new DeliveryResult(sent, skipped, served);
    }

    private static async Task WriteWorkbookAsync(MemoryStream workbook, Func<string, Task> write, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "learning-delivery-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await write(path);
            await using var file = File.OpenRead(path);
            await file.CopyToAsync(workbook, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>An administrator, or a role that carries Reports.Export (the delivery is an XLSX export), as the site's roles are now.</summary>
    private Task<bool> MayExportAsync(string userId, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == userId).AnyAsync(ur =>
            db.Roles.Any(r => r.Id == ur.RoleId && r.Name == LearningRoles.Administrator)
            || db.RoleClaims.Any(c => c.RoleId == ur.RoleId && c.ClaimType == PermissionClaims.Type && c.ClaimValue == Permissions.Names.Export), cancellationToken);

    /// <summary>The file name of the attachment: the report's name and the period, without characters a file system refuses.</summary>
    public static string AttachmentName(string reportName, string period)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var clean = new string(reportName.Select(c => invalid.Contains(c) || char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        clean = clean.Length > 80 ? clean[..80].TrimEnd() : clean;
        return $"{(clean.Length == 0 ? "report" : clean)} {period}.xlsx";
    }

    /// <summary>Takes the period (compare-and-set) and writes the notice, if any, in one transaction. False when it was already taken.</summary>
    private async Task<bool> TakeAsync(int subscriptionId, string period, int rows, DateTime now, Notice? notice, CancellationToken cancellationToken)
    {
        var taken = await db.InTransactionAsync(async ct =>
        {
            var updated = await db.Set<ReportSubscription>()
                .Where(s => s.Id == subscriptionId && s.Active && (s.LastSentPeriod == null || s.LastSentPeriod != period))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSentPeriod, period).SetProperty(s => s.LastSentUtc, now).SetProperty(s => s.LastRowCount, rows), ct);
            if (updated == 1 && notice is not null)
            {
                notifier.Notify(notice);
                await db.SaveChangesAsync(ct);
            }

            return updated == 1;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return taken;
    }
}
