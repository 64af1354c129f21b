using System.Diagnostics;
using System.Threading.Channels;
using Learning.Data;
using Learning.Reports.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Services.Xapi;

/// <summary>A page of one client's log, newest first; <see cref="Before"/> is the id to ask for the next (older) page with.</summary>
public sealed record ApiRequestPage(IReadOnlyList<ApiRequest> Rows, long? Before, int Refused30Days, int Total30Days);

/// <summary>
/// The audit of API use: every request that named a client's key id (answered, refused for its secret or revocation, or over
/// the rate limit) becomes a row of <see cref="ApiRequest"/>. The authentication handler marks the request with the client
/// (<see cref="MarkClient"/>); this middleware, first in the pipeline, takes the row once everything inside it, the exception
/// handler included, has answered and the response has gone, and queues it for <see cref="ApiRequestLogWriter"/>, which
/// writes what has gathered in one insert a few times a second. A warehouse paging at full speed thus pays no commit per
/// page for its own audit (one per request cost it 5 % of its statements a second, bench/README). What a crash can lose is
/// the last fraction of a second of the log, never a request; a shutdown writes what is queued first.
/// </summary>
public sealed class ApiRequestLog(TimeProvider clock, IOptions<ReportsApiOptions> options, ILogger<ApiRequestLog> logger)
{
    public const int PageSize = 100;

    public const int BatchSize = 5000;

    /// <summary>Rows waiting for the writer at most; past it (a database that cannot keep up for long) a row is dropped and
    /// the host's log says so, at most once per <see cref="DropWarningInterval"/> with the count since the last warning.</summary>
    public const int Capacity = 20_000;

    /// <summary>How often, at most, the host's log is told of rows dropped (a warning per row would flood it just when the
    /// host is overloaded).</summary>
    public static readonly TimeSpan DropWarningInterval = TimeSpan.FromSeconds(10);

    private static readonly object ClientKey = new();

    // Wait, not DropWrite: with DropWrite a full channel's TryWrite drops the row and still answers true, so a drop could
    // not be seen. Nothing here waits: rows are only ever offered with TryWrite.
    private readonly Channel<ApiRequest> pending = Channel.CreateBounded<ApiRequest>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private long dropped;
    private long droppedUnreported;
    private long lastDropWarning = long.MinValue;

    internal ChannelReader<ApiRequest> Pending => pending.Reader;

    /// <summary>Rows dropped since the host started because the queue was full.</summary>
    internal long Dropped => Interlocked.Read(ref dropped);

    public static void MarkClient(HttpContext context, int clientId) => context.Items[ClientKey] = clientId;

    public static bool IsApiPath(PathString path) => path.StartsWithSegments("/xapi") || path.StartsWithSegments("/api/reports");

    /// <summary>A page of the client's log, newest first; <paramref name="refusedOnly"/>: only the requests answered 400 or above.</summary>
    public async Task<ApiRequestPage> PageAsync(LearningDbContext db, int clientId, long? before, bool refusedOnly, CancellationToken cancellationToken)
    {
        var requests = db.Set<ApiRequest>().AsNoTracking().Where(r => r.ClientId == clientId && (!refusedOnly || r.Status >= 400));
        if (before is { } id && await requests.Where(r => r.Id == id).Select(r => (DateTime?)r.AtUtc).SingleOrDefaultAsync(cancellationToken) is { } at)
        {
            requests = requests.Where(r => r.AtUtc < at || (r.AtUtc == at && r.Id < id));
        }

        var rows = await requests.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var month = db.Set<ApiRequest>().Where(r => r.ClientId == clientId && r.AtUtc >= since);
        var total = await month.CountAsync(cancellationToken);
        var refused = await month.CountAsync(r => r.Status >= 400, cancellationToken);
        return new(rows.Take(PageSize).ToList(), rows.Count > PageSize ? rows[PageSize - 1].Id : null, refused, total);
    }

    /// <summary>Deletes the rows older than the keeping time, client by client in batches; returns how many went.</summary>
    public async Task<int> DeleteExpiredAsync(LearningDbContext db, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.LogDays);
        var deleted = 0;
        foreach (var clientId in await db.Set<ApiClient>().AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken))
        {
            while (true)
            {
                var ids = await db.Set<ApiRequest>().AsNoTracking().Where(r => r.ClientId == clientId && r.AtUtc < cutoff)
                    .OrderBy(r => r.AtUtc).Select(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
                deleted += ids.Count == 0 ? 0 : await db.Set<ApiRequest>().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
                if (ids.Count < BatchSize)
                {
                    break;
                }
            }
        }

        return deleted;
    }

    internal async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsApiPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var at = clock.GetUtcNow().UtcDateTime;
        context.Response.OnCompleted(() => WriteAsync(context, at, started));
        await next(context);
    }

    private Task WriteAsync(HttpContext context, DateTime at, long started)
    {
        if (context.Items[ClientKey] is not int clientId)
        {
            return Task.CompletedTask; // no key named, or one that is not ours: nothing to file it under (the host's log has the 401)
        }

        var request = context.Request;
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var row = new ApiRequest
        {
            ClientId = clientId,
            AtUtc = at,
            Method = request.Method.Length > 10 ? request.Method[..10] : request.Method,
            Path = Cut(request.Path.Value ?? "", ApiRequest.MaxPath),
            Query = Cut(query, ApiRequest.MaxQuery),
            Status = context.Response.StatusCode,
            DurationMs = (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(started).TotalMilliseconds),
            Address = context.Connection.RemoteIpAddress?.ToString() is { } address ? Cut(address, ApiRequest.MaxAddress) : null,
        };
        Enqueue(row);
        return Task.CompletedTask;
    }

    /// <summary>Queues a row for the writer; false when the queue is full and the row is dropped (counted, and said in the host's
    /// log at most once per <see cref="DropWarningInterval"/>).</summary>
    internal bool Enqueue(ApiRequest row)
    {
        if (pending.Writer.TryWrite(row))
        {
            return true;
        }

        Interlocked.Increment(ref dropped);
        Interlocked.Increment(ref droppedUnreported);
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastDropWarning);
        if ((last == long.MinValue || now - last >= DropWarningInterval.Ticks)
            && Interlocked.CompareExchange(ref lastDropWarning, now, last) == last)
        {
            logger.LogWarning(
                "API request log full ({Capacity} rows waiting): {Count} request(s) not logged since the last warning; the last: {Method} {Path} of client {ClientId} ({Status})",
                Capacity, Interlocked.Exchange(ref droppedUnreported, 0), row.Method, row.Path, row.ClientId, row.Status);
        }

        return false;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>Writes the queued rows of <see cref="ApiRequestLog"/>: a short wait after the first arrives gathers the rest of a
/// burst, then one insert for them all (at most <see cref="BatchMax"/> rows a statement). A failed insert loses its rows, says so
/// in the host's log, and the writer goes on.</summary>
internal sealed class ApiRequestLogWriter(ApiRequestLog log, IServiceScopeFactory scopes, ILogger<ApiRequestLogWriter> logger) : BackgroundService
{
    public const int BatchMax = 1000;

    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = log.Pending;
        var batch = new List<ApiRequest>(BatchMax);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, stoppingToken);
                await DrainAsync(reader, batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is queued is written below.
        }

        await DrainAsync(reader, batch);
    }

    private async Task DrainAsync(ChannelReader<ApiRequest> reader, List<ApiRequest> batch)
    {
        while (reader.TryRead(out var row))
        {
            batch.Add(row);
            if (batch.Count == BatchMax)
            {
                await InsertAsync(batch);
            }
        }

        if (batch.Count > 0)
        {
            await InsertAsync(batch);
        }
    }

    private async Task InsertAsync(List<ApiRequest> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            db.AddRange(batch);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            logger.LogWarning(e, "Could not write {Count} API request log row(s)", batch.Count);
        }
        finally
        {
            batch.Clear();
        }
    }
}

/// <summary>Puts <see cref="ApiRequestLog"/> first in the pipeline (before the exception handler, so a 500 is logged as one).</summary>
internal sealed class ApiRequestLogStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var log = app.ApplicationServices.GetRequiredService<ApiRequestLog>();
        app.Use((context, inner) => log.InvokeAsync(context, inner));
        next(app);
    };
}
