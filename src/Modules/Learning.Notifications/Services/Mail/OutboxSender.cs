using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using Learning.Data;
using Learning.Notifications.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Notifications.Services.Mail;

/// <summary>
/// Sends what waits in the outbox (ADR-016). A worker claims a batch of due messages atomically (PostgreSQL: <c>FOR UPDATE SKIP
/// LOCKED</c>; SQLite serialises writers), so two workers or nodes never take the same message; sends them over one connection
/// (a new one after <see cref="SmtpOptions.MessagesPerConnection"/>), within <see cref="SmtpOptions.PerMinute"/>; and marks each
/// Sent only after the server accepted it. The marks are written in the background a few at a time, fenced by the claim: a
/// crash can lose the marks of the last messages accepted (the one case that repeats, under the same Message-ID). Connection
/// errors and 4xx answers retry after an exponential backoff until <see cref="OutboxOptions.MaxAttempts"/>; a 5xx for the
/// recipient or the message, an invalid address or attachments over the limit make a dead letter at once. A worker sends
/// nothing it could not finish before its claim runs out, so a message whose claim a live worker holds is never sent twice.
/// </summary>
public sealed class OutboxSender(
    LearningDbContext db,
    IServiceScopeFactory scopes,
    MailTransport transport,
    MailMessageFactory factory,
    IOptions<OutboxOptions> outboxOptions,
    IOptions<SmtpOptions> smtpOptions,
    IStringLocalizer<NotificationsStrings> t,
    TimeProvider clock,
    ILogger<OutboxSender> logger)
{
    /// <summary>Time kept back before a claim runs out: the background marks of the last messages must land before then.</summary>
    private static readonly TimeSpan MarkMargin = TimeSpan.FromSeconds(15);

    private const string ClaimSql = """
        UPDATE notifications_outbox SET "ClaimedBy" = {0}, "ClaimedUntilUtc" = {1}, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (
            SELECT "Id" FROM notifications_outbox
            WHERE "State" = 0 AND "NextAttemptUtc" <= {2} AND ("ClaimedUntilUtc" IS NULL OR "ClaimedUntilUtc" < {2})
            ORDER BY "NextAttemptUtc", "Id" LIMIT {3} /*lock*/)
        RETURNING "Id" AS "Value"
        """;

    /// <summary>
    /// Takes up to <paramref name="count"/> due messages for <paramref name="worker"/> until now + ClaimSeconds, counting an
    /// attempt for each. A message is due when it is pending, its next attempt has come, and no live claim holds it.
    /// </summary>
    public Task<IReadOnlyList<long>> ClaimAsync(string worker, int count, CancellationToken cancellationToken) =>
        ClaimAsync(db, worker, count, cancellationToken);

    private async Task<IReadOnlyList<long>> ClaimAsync(LearningDbContext context, string worker, int count, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(outboxOptions.Value.ClaimSeconds);
        var sql = ClaimSql.Replace("/*lock*/", context.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "", StringComparison.Ordinal);
        var ids = await context.Database.SqlQueryRaw<long>(sql, worker, until, now, count).ToListAsync(cancellationToken);
        ids.Sort();
        return ids;
    }

    /// <summary>
    /// Claims and sends batches until nothing is due, the transport is away (the rest waits for the next run), the run has
    /// lasted <paramref name="budget"/> (default ten minutes), or <paramref name="cancellationToken"/> fires, over
    /// <see cref="SmtpOptions.Connections"/> connections at once: each is a lane with its own claims (worker, worker/2, …),
    /// its own unit of work and its share of <see cref="SmtpOptions.PerMinute"/>. In each lane the next batch is claimed and
    /// read while the current one is being sent, so the mail server never waits for the database.
    /// </summary>
    public async Task<DrainResult> DrainAsync(string worker, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        var lanes = smtpOptions.Value.Connections;
        if (lanes <= 1)
        {
            return await DrainLaneAsync(worker, 1, budget, cancellationToken);
        }

        var others = Enumerable.Range(2, lanes - 1).Select(_ => scopes.CreateAsyncScope()).ToList();
        try
        {
            var results = await Task.WhenAll(others
                .Select((scope, i) => scope.ServiceProvider.GetRequiredService<OutboxSender>().DrainLaneAsync($"{worker}/{i + 2}", lanes, budget, cancellationToken))
                .Prepend(DrainLaneAsync(worker, lanes, budget, cancellationToken)));
            return new DrainResult
            {
                Sent = results.Sum(r => r.Sent),
                Retried = results.Sum(r => r.Retried),
                Dead = results.Sum(r => r.Dead),
                Released = results.Sum(r => r.Released),
            };
        }
        finally
        {
            foreach (var scope in others)
            {
                await scope.DisposeAsync();
            }
        }
    }

    private async Task<DrainResult> DrainLaneAsync(string worker, int lanes, TimeSpan? budget, CancellationToken cancellationToken)
    {
        var result = new DrainResult();
        var started = clock.GetTimestamp();
        var session = new Session(worker, transport, smtpOptions.Value, PerLane(lanes), clock, ids => MarkSentAsync(worker, ids), logger);
        Task<Batch>? next = ClaimBatchAsync(worker, cancellationToken);
        try
        {
            while (next is not null)
            {
                var batch = await next;
                next = null;
                if (batch.Messages.Count == 0)
                {
                    break;
                }

                if (!cancellationToken.IsCancellationRequested && clock.GetElapsedTime(started) < (budget ?? TimeSpan.FromMinutes(10)))
                {
                    next = ClaimBatchAsync(worker, cancellationToken);
                }

                if (!await SendBatchAsync(session, batch, result, cancellationToken))
                {
                    break;
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                // Claimed ahead but not to be sent in this run (the server is away, or the run is stopping): handed back.
                var unsent = await next.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.Messages.Select(m => m.Id).ToList() : [], TaskScheduler.Default);
                await ReleaseAsync(worker, unsent, result);
            }

            await session.DisposeAsync();
        }

        if (result.Sent + result.Retried + result.Dead > 0)
        {
            logger.LogInformation("Outbox {Worker}: {Result}", worker, result);
        }

        return result;
    }

    /// <summary>Sends messages <paramref name="worker"/> has claimed already (a batch of <see cref="ClaimAsync"/>).</summary>
    public async Task<DrainResult> SendAsync(string worker, IReadOnlyList<long> claimed, CancellationToken cancellationToken)
    {
        var result = new DrainResult();
        var session = new Session(worker, transport, smtpOptions.Value, PerLane(1), clock, ids => MarkSentAsync(worker, ids), logger);
        try
        {
            await SendBatchAsync(session, await LoadAsync(db, worker, claimed, cancellationToken), result, cancellationToken);
        }
        finally
        {
            await session.DisposeAsync();
        }

        return result;
    }

    /// <summary>A lane's share of the per-minute limit (0: none); the shares never add up to more than the limit.</summary>
    private int PerLane(int lanes) => smtpOptions.Value.PerMinute <= 0 ? 0 : Math.Max(1, smtpOptions.Value.PerMinute / lanes);

    private sealed record Batch(List<OutboxMessage> Messages, ILookup<long, NotificationAttachment> Attachments);

    /// <summary>Claims the next batch and reads it, in a unit of work of its own (it runs beside the sending).</summary>
    private async Task<Batch> ClaimBatchAsync(string worker, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var claimed = await ClaimAsync(context, worker, outboxOptions.Value.BatchSize, cancellationToken);
        return claimed.Count == 0 ? new Batch([], Array.Empty<NotificationAttachment>().ToLookup(a => 0L)) : await LoadAsync(context, worker, claimed, cancellationToken);
    }

    private static async Task<Batch> LoadAsync(LearningDbContext context, string worker, IReadOnlyList<long> claimed, CancellationToken cancellationToken)
    {
        var messages = await context.Set<OutboxMessage>().AsNoTracking()
            .Where(m => claimed.Contains(m.Id) && m.ClaimedBy == worker && m.State == OutboxState.Pending)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var attachments = (await context.Set<NotificationAttachment>().AsNoTracking()
                .Where(a => a.OutboxMessageId != null && claimed.Contains(a.OutboxMessageId.Value))
                .OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .ToLookup(a => a.OutboxMessageId!.Value);
        return new Batch(messages, attachments);
    }

    /// <summary>Sends one claimed batch. Returns false when the transport could not be reached (stop for this run).</summary>
    private async Task<bool> SendBatchAsync(Session session, Batch batch, DrainResult result, CancellationToken cancellationToken)
    {
        var worker = session.Worker;
        var (messages, attachments) = (batch.Messages, batch.Attachments);
        var settings = outboxOptions.Value;
        var sendTimeout = TimeSpan.FromSeconds(smtpOptions.Value.TimeoutSeconds);

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var files = attachments[message.Id].ToList();
            if (MailMessageFactory.ParseRecipient(message.ToName, message.ToAddress) is null)
            {
                await FailAsync(worker, message, permanent: true, t["Outbox.Error.InvalidAddress", message.ToAddress], result);
                continue;
            }

            var total = files.Sum(f => (long)f.Content.Length);
            if (total > settings.MaxAttachmentBytes)
            {
                await FailAsync(worker, message, permanent: true, t["Outbox.Error.AttachmentsTooLarge", Megabytes(total), Megabytes(settings.MaxAttachmentBytes)], result);
                continue;
            }

            MimeKit.MimeMessage mime;
            try
            {
                mime = factory.Create(message, files);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                await FailAsync(worker, message, permanent: true, ex.Message, result);
                continue;
            }

            await session.WaitForRateAsync(cancellationToken);

            // Nothing is started that could still be running when the claim runs out: another worker may take it then.
            var deadline = message.ClaimedUntilUtc!.Value - sendTimeout - MarkMargin;
            if (cancellationToken.IsCancellationRequested || clock.GetUtcNow().UtcDateTime > deadline)
            {
                await ReleaseAsync(worker, messages.Skip(i).Select(m => m.Id).ToList(), result);
                return !cancellationToken.IsCancellationRequested;
            }

            IMailConnection connection;
            try
            {
                connection = await session.ConnectionAsync(cancellationToken);
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                // The server is away: every message of this batch has had its attempt; the rest of the outbox waits for the next run.
                var words = Describe(ex);
                logger.LogWarning("Outbox {Worker}: cannot reach the mail server ({Error}); {Count} message(s) will be retried", worker, words, messages.Count - i);
                foreach (var waiting in messages.Skip(i))
                {
                    await FailAsync(worker, waiting, permanent: false, words, result);
                }

                return false;
            }

            try
            {
                await connection.SendAsync(mime, cancellationToken);
                session.Accepted(message.Id);
                result.Sent++;
            }
            catch (SmtpCommandException ex)
            {
                // A 5xx for this recipient or this message will not change: a dead letter, in the server's words. A refused sender
                // is the site's configuration, and 4xx is "try later": both retry.
                var permanent = (int)ex.StatusCode >= 500 && ex.ErrorCode != SmtpErrorCode.SenderNotAccepted;
                await FailAsync(worker, message, permanent, $"{(int)ex.StatusCode} {ex.Message}", result);
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                // The connection broke during the message: the server may or may not have it. It is retried after the backoff,
                // under the same Message-ID (ADR-016); the next message opens a new connection.
                session.Drop();
                await FailAsync(worker, message, permanent: false, Describe(ex), result);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await FailAsync(worker, message, permanent: false, "interrupted: the node is stopping", result);
                await ReleaseAsync(worker, messages.Skip(i + 1).Select(m => m.Id).ToList(), result);
                return false;
            }
            finally
            {
                mime.Dispose();
            }
        }

        return true;
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or AuthenticationException or SslHandshakeException
            or SmtpCommandException or TimeoutException or UnauthorizedAccessException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested); // a timeout, not the node stopping

    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message}",
        OperationCanceledException => "timed out",
        _ => ex.GetBaseException().Message,
    };

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.CurrentCulture);

    /// <summary>Records a failed attempt: a dead letter when <paramref name="permanent"/> or out of attempts, otherwise due again after the backoff.</summary>
    private async Task FailAsync(string worker, OutboxMessage message, bool permanent, string error, DrainResult result)
    {
        var settings = outboxOptions.Value;
        var dead = permanent || message.Attempts >= settings.MaxAttempts;
        var now = clock.GetUtcNow().UtcDateTime;
        var next = now.AddSeconds(Math.Min(settings.BackoffBaseSeconds * Math.Pow(2, Math.Max(0, message.Attempts - 1)), 7 * 86_400));
        error = error.Length > 2000 ? error[..2000] : error;
        var written = await db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.ClaimedBy == worker && m.State == OutboxState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, dead ? OutboxState.Dead : OutboxState.Pending)
                .SetProperty(m => m.NextAttemptUtc, dead ? message.NextAttemptUtc : next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
        if (written == 0)
        {
            return;
        }

        if (dead)
        {
            result.Dead++;
            logger.LogWarning("Outbox: message {Id} to {Address} is a dead letter after {Attempts} attempt(s): {Error}", message.Id, message.ToAddress, message.Attempts, error);
        }
        else
        {
            result.Retried++;
            logger.LogInformation("Outbox: message {Id} attempt {Attempts} failed ({Error}); next at {Next:O}", message.Id, message.Attempts, error, next);
        }
    }

    /// <summary>Hands back claimed messages that were not tried, with their attempt uncounted.</summary>
    private async Task ReleaseAsync(string worker, List<long> ids, DrainResult result)
    {
        if (ids.Count == 0)
        {
            return;
        }

        result.Released += await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.ClaimedBy == worker && m.State == OutboxState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, m => m.Attempts - 1)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>Writes Sent for messages the server accepted, fenced by the claim (in its own unit of work).</summary>
    private async Task MarkSentAsync(string worker, List<long> ids)
    {
        await using var scope = scopes.CreateAsyncScope();
        var marks = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await marks.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.ClaimedBy == worker && m.State == OutboxState.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Sent)
                .SetProperty(m => m.SentUtc, now)
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>
    /// One run's connection, rate window and background marks. The marks go through a channel to a writer that takes whatever
    /// has gathered (up to 500) per UPDATE, so sending does not wait for a commit per message; disposing waits for the last ones.
    /// </summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly MailTransport transport;
        private readonly SmtpOptions smtp;
        private readonly int perMinute;
        private readonly TimeProvider clock;
        private readonly Func<List<long>, Task> mark;
        private readonly ILogger logger;
        /// <summary>How long acceptances gather before their Sent marks are written (well inside <see cref="MarkMargin"/>).</summary>
        private static readonly TimeSpan MarkLinger = TimeSpan.FromMilliseconds(200);

        private readonly Channel<long> accepted = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly TaskCompletionSource closing = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Queue<long> window = new();
        private readonly Task marking;
        private IMailConnection? connection;
        private int onConnection;

        public Session(string worker, MailTransport transport, SmtpOptions smtp, int perMinute, TimeProvider clock, Func<List<long>, Task> mark, ILogger logger)
        {
            (Worker, this.transport, this.smtp, this.perMinute, this.clock, this.mark, this.logger) = (worker, transport, smtp, perMinute, clock, mark, logger);
            marking = Task.Run(MarkLoopAsync);
        }

        public string Worker { get; }

        public void Accepted(long id)
        {
            onConnection++;
            accepted.Writer.TryWrite(id);
            if (perMinute > 0)
            {
                window.Enqueue(clock.GetTimestamp());
            }
        }

        public void Drop() => onConnection = int.MaxValue;

        public async Task<IMailConnection> ConnectionAsync(CancellationToken cancellationToken)
        {
            if (connection is not null && (!connection.IsUsable || onConnection >= smtp.MessagesPerConnection))
            {
                await connection.DisposeAsync();
                connection = null;
            }

            if (connection is null)
            {
                connection = await transport.ConnectAsync(cancellationToken);
                onConnection = 0;
            }

            return connection;
        }

        /// <summary>Waits until one more message fits in the last minute's allowance.</summary>
        public async Task WaitForRateAsync(CancellationToken cancellationToken)
        {
            var limit = perMinute;
            if (limit <= 0)
            {
                return;
            }

            while (window.Count > 0 && clock.GetElapsedTime(window.Peek()) >= TimeSpan.FromMinutes(1))
            {
                window.Dequeue();
            }

            if (window.Count >= limit)
            {
                var wait = TimeSpan.FromMinutes(1) - clock.GetElapsedTime(window.Peek());
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                window.Dequeue();
            }
        }

        private async Task MarkLoopAsync()
        {
            var reader = accepted.Reader;
            while (await reader.WaitToReadAsync())
            {
                // Let a few more acceptances gather (unless the writer is done): one UPDATE and one commit for many messages
                // instead of one per message. Measured: per-message marks cost the drain a third of its CPU (bench/README).
                if (!closing.Task.IsCompleted)
                {
                    await Task.WhenAny(closing.Task, Task.Delay(MarkLinger));
                }

                var ids = new List<long>();
                while (ids.Count < 500 && reader.TryRead(out var id))
                {
                    ids.Add(id);
                }

                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await mark(ids);
                        break;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException && attempt < 10)
                    {
                        logger.LogWarning("Outbox {Worker}: marking {Count} message(s) sent failed ({Message}); retrying", Worker, ids.Count, ex.GetBaseException().Message);
                        await Task.Delay(TimeSpan.FromSeconds(1));
                    }
                    catch (Exception ex)
                    {
                        // They were delivered; unmarked, they will be sent again after the claim runs out, under the same Message-ID.
                        logger.LogError(ex, "Outbox {Worker}: could not mark {Count} delivered message(s) sent ({Ids})", Worker, ids.Count, string.Join(",", ids));
                        break;
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            accepted.Writer.TryComplete();
            closing.TrySetResult();
            try
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
            finally
            {
                await marking;
            }
        }
    }
}
