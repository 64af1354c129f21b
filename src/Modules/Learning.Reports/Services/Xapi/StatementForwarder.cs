using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Learning.Data;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Reports.Services.Xapi;

/// <summary>
/// Forwards the statements to an external LRS through the outbox pattern: the statements table is the outbox (each statement
/// is stored in the transaction of its event), and a cursor moves past a batch only after the LRS answered 2xx. An LRS that is
/// down, slow or refusing keeps the cursor where it is; the next run sends the same statements again, under the same ids.
/// A statement id the LRS already holds (a batch accepted just before a crash, sent again) is answered 409 for the whole
/// batch: the batch is then sent one statement at a time, and each 409 is one the LRS has. Nothing is lost, nothing stored twice.
/// </summary>
public sealed class StatementForwarder(
    LearningDbContext db,
    IHttpClientFactory http,
    IOptions<LrsForwardOptions> options,
    IOptions<ReportsApiOptions> api,
    IOptions<Learning.Modularity.PublicAddressOptions> address,
    TimeProvider clock,
    ILogger<StatementForwarder> logger)
{
    public const string HttpClientName = "xapi-lrs";

    /// <summary>Sends what has settled since the cursor, batch by batch; returns how many statements the LRS accepted.</summary>
    public async Task<int> ForwardAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return 0;
        }

        var cursor = await db.Set<XapiForwardCursor>().SingleOrDefaultAsync(c => c.Id == XapiForwardCursor.SingleId, cancellationToken);
        if (cursor is null)
        {
            cursor = new XapiForwardCursor();
            db.Add(cursor);
        }

        var sent = 0;
        // Only rows stored before the settle window: a transaction that began earlier may still commit a smaller id.
        var settled = clock.GetUtcNow().UtcDateTime.AddSeconds(-api.Value.SettleSeconds);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await db.Set<XapiStatement>().AsNoTracking()
                    .Where(s => s.Id > cursor.LastStatementId && s.StoredUtc <= settled)
                    .OrderBy(s => s.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                await SendAsync(batch, cancellationToken);
                cursor.LastStatementId = batch[^1].Id;
                cursor.Forwarded += batch.Count;
                cursor.LastSuccessUtc = clock.GetUtcNow().UtcDateTime;
                cursor.LastError = null;
                await db.SaveChangesAsync(cancellationToken);
                sent += batch.Count;
                if (batch.Count < settings.BatchSize)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or LrsRefusedException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Forwarding xAPI statements to {Endpoint} failed after {Sent} statements; the next run sends from statement {Id}", settings.Endpoint, sent, cursor.LastStatementId);
            cursor.LastFailureUtc = clock.GetUtcNow().UtcDateTime;
            cursor.LastError = Cut(ex is LrsRefusedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}", 500);
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return sent;
    }

    /// <summary>What the operations page shows: where to, how many sent, how many wait, and the last error.</summary>
    public async Task<LrsForwardStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var cursor = await db.Set<XapiForwardCursor>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == XapiForwardCursor.SingleId, cancellationToken)
            ?? new XapiForwardCursor();
        var waiting = options.Value.Enabled ? await db.Set<XapiStatement>().CountAsync(s => s.Id > cursor.LastStatementId, cancellationToken) : 0;
        return new LrsForwardStatus(options.Value.Enabled, options.Value.Endpoint, cursor.Forwarded, waiting, cursor.LastSuccessUtc, cursor.LastFailureUtc, cursor.LastError);
    }

    private async Task SendAsync(List<XapiStatement> batch, CancellationToken cancellationToken)
    {
        var status = await PostAsync(batch, cancellationToken);
        if (status == HttpStatusCode.Conflict && batch.Count > 1)
        {
            // Some of these the LRS already has (sent before a crash left the cursor behind): one at a time, a 409 is one it holds.
            foreach (var one in batch)
            {
                await PostAsync([one], cancellationToken);
            }
        }
    }

    /// <summary>POSTs statements; 2xx and (for statements the LRS already holds) 409 are returned, anything else throws.</summary>
    private async Task<HttpStatusCode> PostAsync(IReadOnlyList<XapiStatement> rows, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var body = new MemoryStream();
        await StatementStream.WriteArrayAsync(body, rows, address.Value.PublicBaseUrl.TrimEnd('/'), cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.Endpoint!.TrimEnd('/') + "/"), "statements"))
        {
            Content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Experience-API-Version", XapiVocabulary.Version);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.Key + ":" + settings.Secret)));
        using var client = http.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
        {
            return response.StatusCode;
        }

        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new LrsRefusedException($"{(int)response.StatusCode} {response.ReasonPhrase}: {Cut(answer, 300)}");
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;

    private sealed class LrsRefusedException(string message) : Exception(message);
}

public sealed record LrsForwardStatus(bool Enabled, string? Endpoint, long Forwarded, int Waiting, DateTime? LastSuccessUtc, DateTime? LastFailureUtc, string? LastError);
