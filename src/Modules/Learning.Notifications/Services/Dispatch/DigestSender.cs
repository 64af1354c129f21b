using System.Globalization;
using System.Text.Json.Nodes;
using Learning.Data;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using Learning.Notifications.Services.Preferences;
using Learning.Notifications.Services.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Services.Dispatch;

/// <summary>
/// The daily and weekly digests (Open edX's scheduled digest command, on the recurring-job queue): per person whose cadence
/// for a category is the digest's, the notifications waiting for it up to the occurrence become one message of type
/// <see cref="DigestType"/>, each item titled by its own subject in the person's language. The same claims as the dispatcher
/// make a rerun, a retried job or a catch-up after downtime find nothing left to send twice.
/// </summary>
public sealed class DigestSender(
    LearningDbContext db,
    INotificationRenderer renderer,
    MailModels models,
    NotificationPreferences preferences,
    UnsubscribeTokens unsubscribe,
    TimeProvider clock,
    ILogger<DigestSender> logger)
{
    /// <summary>The digest's template (its model: <c>cadence</c>, <c>items</c> of <c>title</c>, <c>link</c>, <c>created</c>).</summary>
    public const string DigestType = NotificationTypeCatalog.Digest;

    public const int UserBatchSize = 100;

    /// <summary>
    /// Sends the <paramref name="cadence"/> digest (<see cref="Cadence.Daily"/> or <see cref="Cadence.Weekly"/>) of every notification
    /// that joined a digest up to <paramref name="untilUtc"/>. The daily digest also takes what waits for a person who has since
    /// chosen to be told immediately, so nothing waits for a digest that no longer comes; a category turned off is not sent.
    /// </summary>
    public async Task<DispatchResult> SendAsync(Cadence cadence, DateTime untilUtc, CancellationToken cancellationToken)
    {
        if (cadence is not (Cadence.Daily or Cadence.Weekly))
        {
            throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "A digest is daily or weekly.");
        }

        var total = DispatchResult.None;
        string? after = null;
        while (true)
        {
            var users = await db.Set<Notification>().AsNoTracking()
                .Where(n => n.Email == EmailDelivery.Digest && n.EmailDueUtc <= untilUtc && (after == null || n.UserId.CompareTo(after) > 0))
                .Select(n => n.UserId).Distinct().OrderBy(u => u).Take(UserBatchSize)
                .ToListAsync(cancellationToken);
            if (users.Count == 0)
            {
                break;
            }

            after = users[^1];
            var plan = await PlanAsync(cadence, users, untilUtc, cancellationToken);
            total = total.Add(await ApplyAsync(plan, cancellationToken));
            db.ChangeTracker.Clear();
            if (users.Count < UserBatchSize)
            {
                break;
            }
        }

        return total;
    }

    private async Task<List<Digest>> PlanAsync(Cadence cadence, List<string> userIds, DateTime untilUtc, CancellationToken cancellationToken)
    {
        var waiting = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.Email == EmailDelivery.Digest && n.EmailDueUtc <= untilUtc && userIds.Contains(n.UserId))
            .OrderBy(n => n.CreatedUtc).ThenBy(n => n.Id)
            .Select(n => new PendingNotification(n.Id, n.UserId, n.Type, n.ModelJson, n.Link, n.GroupKey, n.CreatedUtc))
            .ToListAsync(cancellationToken);
        var recipients = await models.RecipientsAsync(userIds, cancellationToken);
        var stored = await preferences.OfUsersAsync(userIds, cancellationToken);
        var siteName = await models.SiteNameAsync(cancellationToken);
        var digests = new List<Digest>();
        foreach (var mine in waiting.GroupBy(n => n.UserId))
        {
            var digest = new Digest(mine.Key);
            digests.Add(digest);
            if (!recipients.TryGetValue(mine.Key, out var recipient) || string.IsNullOrWhiteSpace(recipient.Email))
            {
                digest.Skip.AddRange(mine.Select(n => n.Id));
                continue;
            }

            var items = new JsonArray();
            var categories = new HashSet<string>(StringComparer.Ordinal);
            foreach (var notification in mine)
            {
                var type = NotificationTypeCatalog.Find(notification.Type);
                var chosen = type is null ? Cadence.Off : NotificationPreferences.Effective(type, stored.GetValueOrDefault(mine.Key));
                if (chosen == Cadence.Off)
                {
                    digest.Skip.Add(notification.Id);
                    continue;
                }

                if (chosen != cadence && !(cadence == Cadence.Daily && chosen == Cadence.Immediately))
                {
                    continue; // the other digest's
                }

                var link = models.Absolute(notification.Link);
                var model = MailModels.Build(notification.ModelJson, recipient, siteName, models.BaseUrl, link, type!.Essential ? null : unsubscribe.Url(recipient.Id, [type.Category]), m =>
                {
                    if (!type.Essential)
                    {
                        m["updates"] = 1;
                    }
                });
                try
                {
                    var title = (await renderer.RenderAsync(notification.Type, recipient.Culture, model, cancellationToken)).Subject;
                    items.Add(new JsonObject
                    {
                        ["title"] = title,
                        ["link"] = link ?? models.BaseUrl + "/Notifications",
                        ["created"] = DateTime.SpecifyKind(notification.CreatedUtc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Notification {Id} ({Type}) could not be rendered for a digest; it waits for the next one", notification.Id, notification.Type);
                    digest.Failed++;
                    continue;
                }

                digest.Ids.Add(notification.Id);
                if (!type.Essential)
                {
                    categories.Add(type.Category);
                }
            }

            if (digest.Ids.Count == 0)
            {
                continue;
            }

            var unsubscribeUrl = categories.Count > 0 ? unsubscribe.Url(recipient.Id, categories) : null;
            var digestModel = MailModels.Build("{}", recipient, siteName, models.BaseUrl, models.BaseUrl + "/Notifications", unsubscribeUrl, m =>
            {
                m["cadence"] = cadence == Cadence.Daily ? "daily" : "weekly";
                m["items"] = items;
            });
            try
            {
                var mail = await renderer.RenderAsync(DigestType, recipient.Culture, digestModel, cancellationToken);
                digest.Draft = new MailDraft(recipient.Email!, recipient.Name, DigestType, recipient.Culture, mail.Subject, mail.TextBody, mail.HtmlBody)
                {
                    UserId = recipient.Id,
                    UnsubscribeUrl = unsubscribeUrl,
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The {Cadence} digest of user {User} could not be rendered; it waits for the next one", cadence, recipient.Id);
                digest.Failed += digest.Ids.Count;
                digest.Ids.Clear();
            }
        }

        return digests;
    }

    private Task<DispatchResult> ApplyAsync(List<Digest> digests, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            var outbox = new Outbox(db, clock);
            var skipped = await NotificationClaims.MoveAsync(db, digests.SelectMany(d => d.Skip).ToList(), EmailDelivery.Digest, EmailDelivery.Skipped, ct);
            var written = new List<(Digest Digest, OutboxMessage Message)>();
            foreach (var digest in digests.Where(d => d.Draft is not null && d.Ids.Count > 0))
            {
                if (await NotificationClaims.ClaimAsync(db, digest.Ids, EmailDelivery.Digest, ct))
                {
                    written.Add((digest, outbox.Add(digest.Draft!)));
                }
            }

            await db.SaveChangesAsync(ct);
            foreach (var (digest, message) in written)
            {
                await NotificationClaims.RecordMessageAsync(db, digest.Ids, message.Id, ct);
            }

            return new DispatchResult(written.Count, written.Sum(w => w.Digest.Ids.Count), 0, skipped, digests.Sum(d => d.Failed));
        }, cancellationToken);

    private sealed class Digest(string userId)
    {
        public string UserId { get; } = userId;

        public List<long> Ids { get; } = [];

        public List<long> Skip { get; } = [];

        public MailDraft? Draft { get; set; }

        public int Failed { get; set; }
    }
}
