using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Text.Json;
using Learning.Data;
using Learning.Organization;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Services.Completion;

/// <summary>Kept views of the completion report: <c>Learning:Reports:Snapshots</c> (ADR-031).</summary>
public sealed class ReportSnapshotOptions
{
    public const string Section = "Learning:Reports:Snapshots";

    /// <summary>How old a kept view may be when it is shown; the job refreshes those past half of it. 0: always count live.</summary>
    [Range(0, 1440)]
    public int Minutes { get; set; } = 30;

    /// <summary>A view that took at least this long to count is kept (smaller ones are counted on every visit).</summary>
    [Range(0, 600_000)]
    public int AfterMilliseconds { get; set; } = 1000;

    /// <summary>A kept view nobody opened for this many days is dropped by the job.</summary>
    [Range(1, 365)]
    public int KeepDays { get; set; } = 7;
}

/// <summary>One week's completions on the report's line.</summary>
public sealed record WeekPoint(DateOnly Week, int Completions);

/// <summary>What the completion report page shows: the groups and the weekly line, and when they were counted if they come
/// from a kept view (null: counted for this visit).</summary>
public sealed record CompletionView(IReadOnlyList<CompletionGroup> Groups, IReadOnlyList<WeekPoint> Trend, DateTime? KeptUtc = null);

/// <summary>
/// The completion report's heavy views kept for a while (ADR-031). Counting every course for the whole country reads three million
/// enrolments (15 s at country scale, as long as the same numbers hand-written in SQL): a view that took longer than
/// <see cref="ReportSnapshotOptions.AfterMilliseconds"/> is stored with its scope and shown from the store while younger than
/// <see cref="ReportSnapshotOptions.Minutes"/>, with the time it was counted; <see cref="RefreshAsync"/> (a recurring job) counts
/// it again before it gets that old. Only the views a manager lands on and breaks down are kept: a course, a path, a unit; any
/// other filter is counted live. A view is keyed by the exact scope it was counted in, so it is only ever shown to someone with
/// that same scope.
/// </summary>
public sealed class CompletionSnapshots(LearningDbContext db, ICompletionReport report, ReportReads reads, IOptions<ReportSnapshotOptions> options,
    TimeProvider clock, ILogger<CompletionSnapshots> logger)
{
    public const int Weeks = 12;

    /// <summary>The key column's length (<c>ReportSnapshotConfiguration</c>): a scope of very many units is counted live.</summary>
    public const int MaxKeyLength = 1000;

    /// <summary>How long one run of the refresh job goes on starting counts.</summary>
    public static readonly TimeSpan RunBudget = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Body(IReadOnlyList<CompletionGroup> Groups, IReadOnlyList<WeekPoint> Trend);

    /// <summary>Whether a view may be kept: no filter but the course, the path, the unit broken down and the breakdown (by unit or course).</summary>
    public static bool Keepable(ReportFilter filter) => filter with { CourseId = null, PathId = null, UnderPath = null, By = ReportBreakdown.Unit } == new ReportFilter();

    public static string ScopeText(OrgScope scope) => scope.Unrestricted ? "*" : string.Join(',', scope.Paths.Order(StringComparer.Ordinal));

    public static OrgScope ParseScope(string text) => text == "*" ? OrgScope.Everything : new OrgScope(false, text.Split(',', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The view for this visit: kept (if young enough), or counted now, and kept if it was slow. <paramref name="live"/>
    /// counts it now whatever is kept, and keeps the new numbers if the view is one that is kept.</summary>
    public async Task<CompletionView> ViewAsync(OrgScope scope, ReportFilter filter, bool live, CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.Minutes == 0 || !Keepable(filter) || (!scope.Unrestricted && scope.Paths.Count == 0))
        {
            return (await CountAsync(scope, filter, ct)).View;
        }

        var key = ScopeText(scope) + "|" + filter.ToQueryString();
        if (key.Length > MaxKeyLength)
        {
            return (await CountAsync(scope, filter, ct)).View;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kept = await db.Set<ReportSnapshot>().AsNoTracking().Where(s => s.Key == key)
            .Select(s => new { s.Id, s.ComputedUtc, s.LastViewedUtc, s.Payload }).FirstOrDefaultAsync(ct);
        if (!live && kept is not null && now - kept.ComputedUtc < TimeSpan.FromMinutes(settings.Minutes) && Read(kept.Payload) is { } body)
        {
            if (now - kept.LastViewedUtc > TimeSpan.FromHours(1))
            {
                await db.Set<ReportSnapshot>().Where(s => s.Id == kept.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastViewedUtc, now), ct);
            }

            return new CompletionView(body.Groups, body.Trend, kept.ComputedUtc);
        }

        var (view, elapsed) = await CountAsync(scope, filter, ct);
        await KeepOrDropAsync(key, scope, filter, view, now, elapsed, viewed: true, ct);
        return view;
    }

    /// <summary>A kept view as stored, or null if it cannot be read (kept by an older version whose groups had another shape):
    /// then the visit counts live and keeps the new numbers.</summary>
    private Body? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<Body>(payload, Json) is { Groups: not null, Trend: not null } body ? body : null;
        }
        catch (JsonException ex)
        {
            logger.LogWarning("A kept report view could not be read ({Message}); counting it again", ex.Message);
            return null;
        }
    }

    /// <summary>
    /// Counts again the kept views older than half of <see cref="ReportSnapshotOptions.Minutes"/>, oldest first, for about
    /// <see cref="RunBudget"/> (and first the whole country's landing view if it is not kept, so no one waits for it; kept only
    /// if it was slow to count, like any view), and drops those nobody opened for <see cref="ReportSnapshotOptions.KeepDays"/>.
    /// Returns how many were counted.
    /// </summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.Minutes == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var dropped = await db.Set<ReportSnapshot>().Where(s => s.LastViewedUtc < now.AddDays(-settings.KeepDays)).ExecuteDeleteAsync(ct);
        var due = now.AddMinutes(-settings.Minutes / 2.0);
        var stale = await db.Set<ReportSnapshot>().AsNoTracking().Where(s => s.ComputedUtc < due)
            .OrderBy(s => s.ComputedUtc).Select(s => new { s.Key, s.Scope, s.Query }).ToListAsync(ct);
        var country = ScopeText(OrgScope.Everything) + "|";
        var work = stale.Select(s => (s.Key, s.Scope, s.Query)).ToList();
        if (!await db.Set<ReportSnapshot>().AnyAsync(s => s.Key == country, ct))
        {
            work.Insert(0, (country, "*", ""));
        }

        // One run counts for about RunBudget at most, then leaves the rest (the oldest first next time): the node's job worker
        // runs one job at a time, and mail and quiz time-outs wait behind this one.
        var started = clock.GetTimestamp();
        var counted = 0;
        foreach (var (key, scopeText, query) in work)
        {
            if (counted > 0 && clock.GetElapsedTime(started) >= RunBudget)
            {
                break;
            }

            var scope = ParseScope(scopeText);
            var filter = ReportFilter.Parse(query);
            var (view, elapsed) = await CountAsync(scope, filter, ct);
            await KeepOrDropAsync(key, scope, filter, view, clock.GetUtcNow().UtcDateTime, elapsed, viewed: false, ct);
            counted++;
        }

        if (work.Count > 0 || dropped > 0)
        {
            logger.LogInformation("Report views: {Counted} of {Due} counted again, {Dropped} dropped (not opened for {Days} days)", counted, work.Count, dropped, settings.KeepDays);
        }

        return counted;
    }

    private async Task<(CompletionView View, TimeSpan Elapsed)> CountAsync(OrgScope scope, ReportFilter filter, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var groups = await report.GroupsAsync(scope, filter, ct);
        var trend = await reads.WeeklyCompletionsAsync(scope, filter, Weeks, ct);
        return (new CompletionView(groups, [.. trend.Select(w => new WeekPoint(w.Week, w.Completions))]), watch.Elapsed);
    }

    /// <summary>
    /// Keeps a view that was slow to count; one that counted faster than <see cref="ReportSnapshotOptions.AfterMilliseconds"/>
    /// (a small site's country, a province whose data shrank) is no longer kept, so its visits count live.
    /// </summary>
    private async Task KeepOrDropAsync(string key, OrgScope scope, ReportFilter filter, CompletionView view, DateTime countedUtc, TimeSpan elapsed,
        bool viewed, CancellationToken ct)
    {
        if (elapsed >= TimeSpan.FromMilliseconds(options.Value.AfterMilliseconds))
        {
            await StoreAsync(key, scope, filter, view, countedUtc, elapsed, viewed, ct);
        }
        else
        {
            await db.Set<ReportSnapshot>().Where(s => s.Key == key).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>Replaces the kept view (or adds it). Two visits counting the same view at once: the second write wins, both are
    /// whole views.</summary>
    private async Task StoreAsync(string key, OrgScope scope, ReportFilter filter, CompletionView view, DateTime countedUtc, TimeSpan elapsed,
        bool viewed, CancellationToken ct)
    {
        var payload = JsonSerializer.Serialize(new Body(view.Groups, view.Trend), Json);
        var ms = (int)Math.Min(int.MaxValue, elapsed.TotalMilliseconds);
        var updated = viewed
            ? await db.Set<ReportSnapshot>().Where(s => s.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Payload, payload).SetProperty(x => x.ComputedUtc, countedUtc)
                .SetProperty(x => x.ComputeMilliseconds, ms).SetProperty(x => x.LastViewedUtc, countedUtc), ct)
            : await db.Set<ReportSnapshot>().Where(s => s.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Payload, payload).SetProperty(x => x.ComputedUtc, countedUtc)
                .SetProperty(x => x.ComputeMilliseconds, ms), ct);
        if (updated > 0)
        {
            return;
        }

        db.Add(new ReportSnapshot
        {
            Key = key, Scope = ScopeText(scope), Query = filter.ToQueryString(), Payload = payload,
            ComputedUtc = countedUtc, ComputeMilliseconds = ms, LastViewedUtc = countedUtc,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (!Transactions.IsTransient(ex))
        {
            db.ChangeTracker.Clear(); // another visit stored the same view a moment earlier: its numbers stand
        }
    }
}
