using System.Globalization;
using System.Security.Claims;
using Learning.Data;
using Learning.Modularity;
using Learning.Reports.Data;
using Learning.Reports.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Learning.Reports.Services.Exports;

/// <summary>A saved report as a subscription sees it: whose it is, its name and its filter (member-initialised, so queries compose on it).</summary>
public sealed record SubscribableReport
{
    public int Id { get; init; }

    public string OwnerId { get; init; } = "";

    public string Name { get; init; } = "";

    public string FilterQuery { get; init; } = "";

    /// <summary>Which report (<see cref="SavedReportKinds"/>): completion, or training hours.</summary>
    public string Kind { get; init; } = SavedReportKinds.Completion;

    /// <summary>The report's page with its filter.</summary>
    public string Link => (Kind == SavedReportKinds.Hours ? "/Admin/Reports/Hours" : "/Admin/Reports") + (FilterQuery.Length > 0 ? "?" + FilterQuery.TrimStart('?') : "");
}

/// <summary>One of a person's saved reports with their subscription to it, if any.</summary>
public sealed record SubscriptionView(SubscribableReport Report, ReportSubscription? Subscription);

/// <summary>Subscribing to one's own saved reports and leaving them; audited.</summary>
public sealed class ReportSubscriptions(LearningDbContext db, IAuditTrail audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<SubscriptionView>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var reports = await SavedReportRows.Of(db).Where(r => r.OwnerId == ownerId).OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var subscriptions = await db.Set<ReportSubscription>().AsNoTracking().Where(s => s.OwnerId == ownerId).ToDictionaryAsync(s => s.SavedReportId, cancellationToken);
        return reports.Select(r => new SubscriptionView(r, subscriptions.GetValueOrDefault(r.Id))).ToList();
    }

    /// <summary>Subscribes (or changes the cadence of) one's own saved report. False when it is not one's own: the caller answers 404.</summary>
    public async Task<bool> SubscribeAsync(ClaimsPrincipal user, int savedReportId, ReportCadence cadence, bool skipWhenEmpty, CancellationToken cancellationToken = default)
    {
        var ownerId = user.RequiredUserId();
        var report = await SavedReportRows.Of(db).FirstOrDefaultAsync(r => r.Id == savedReportId && r.OwnerId == ownerId, cancellationToken);
        if (report is null)
        {
            return false;
        }

        var subscription = await db.Set<ReportSubscription>().FirstOrDefaultAsync(s => s.SavedReportId == savedReportId && s.OwnerId == ownerId, cancellationToken);
        if (subscription is null)
        {
            subscription = new ReportSubscription { SavedReportId = savedReportId, OwnerId = ownerId, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            db.Add(subscription);
        }

        // A new cadence starts with the current period still to serve.
        if (subscription.Cadence != cadence)
        {
            subscription.LastSentPeriod = null;
        }

        (subscription.Cadence, subscription.SkipWhenEmpty, subscription.Active) = (cadence, skipWhenEmpty, true);
        audit.Record(ExportAuditCodes.Subscribed, report.Name, $"report={savedReportId}&cadence={cadence}&skipWhenEmpty={skipWhenEmpty}".ToLowerInvariant());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Stops the subscription to one's own saved report. False when there is none: the caller answers 404.</summary>
    public async Task<bool> UnsubscribeAsync(ClaimsPrincipal user, int savedReportId, CancellationToken cancellationToken = default)
    {
        var ownerId = user.RequiredUserId();
        var subscription = await db.Set<ReportSubscription>().FirstOrDefaultAsync(s => s.SavedReportId == savedReportId && s.OwnerId == ownerId, cancellationToken);
        if (subscription is null)
        {
            return false;
        }

        subscription.Active = false;
        var name = await SavedReportRows.Of(db).Where(r => r.Id == savedReportId).Select(r => r.Name).FirstOrDefaultAsync(cancellationToken);
        audit.Record(ExportAuditCodes.Unsubscribed, name, $"report={savedReportId}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The period a cadence is in at <paramref name="utcNow"/>, Vietnam time: its key ("2026-W49", "2026-12"), week or month number and year.</summary>
    public static (string Key, int Number, int Year) PeriodOf(ReportCadence cadence, DateTime utcNow)
    {
        var local = LocalTime.ToLocal(utcNow);
        return cadence == ReportCadence.Weekly
            ? ($"{ISOWeek.GetYear(local):D4}-W{ISOWeek.GetWeekOfYear(local):D2}", ISOWeek.GetWeekOfYear(local), ISOWeek.GetYear(local))
            : ($"{local.Year:D4}-{local.Month:D2}", local.Month, local.Year);
    }
}
