using Learning.Data;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using Learning.Notifications.Services.Preferences;
using Learning.Notifications.Services.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Services.Dispatch;

/// <summary>
/// Turns notifications whose hold is over into e-mails, by each person's cadence for the type's category: now (one message for
/// all the person's held notifications with the same group key, the newest rendered with <c>updates</c> = how many), later in
/// a digest, or not at all (the category is off, or the account has no address). Work goes in batches; each batch renders
/// first, then in one transaction claims its notifications by conditional updates and writes their messages to the outbox,
/// so a notification is in one message whatever runs at once or again (<see cref="NotificationClaims"/>).
/// </summary>
public sealed class NotificationDispatcher(
    LearningDbContext db,
    INotificationRenderer renderer,
    MailModels models,
    NotificationPreferences preferences,
    UnsubscribeTokens unsubscribe,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger)
{
    public const int BatchSize = 200;

    public async Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var total = DispatchResult.None;
        var failed = new HashSet<long>();
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var excluded = failed.ToList();
            var due = await Pending(db.Set<Notification>().AsNoTracking()
                    .Where(n => n.Email == EmailDelivery.Held && n.EmailDueUtc <= now && !excluded.Contains(n.Id))
                    .OrderBy(n => n.EmailDueUtc).ThenBy(n => n.Id).Take(BatchSize))
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            var plan = await PlanAsync(await GroupsAsync(due, cancellationToken), failed, cancellationToken);
            total = total.Add(await ApplyAsync(plan, cancellationToken));
            db.ChangeTracker.Clear();
            if (due.Count < BatchSize)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Each due notification with the other held ones of its person and group key (a burst within the hold).</summary>
    private async Task<List<List<PendingNotification>>> GroupsAsync(List<PendingNotification> due, CancellationToken cancellationToken)
    {
        var all = due.ToDictionary(n => n.Id);
        var keyed = due.Where(n => n.GroupKey is not null).Select(n => (n.UserId, n.GroupKey!)).ToHashSet();
        if (keyed.Count > 0)
        {
            var users = keyed.Select(k => k.UserId).Distinct().ToList();
            var keys = keyed.Select(k => k.Item2).Distinct().ToList();
            var held = await Pending(db.Set<Notification>().AsNoTracking()
                    .Where(n => n.Email == EmailDelivery.Held && n.GroupKey != null && users.Contains(n.UserId) && keys.Contains(n.GroupKey)))
                .ToListAsync(cancellationToken);
            foreach (var notification in held.Where(n => keyed.Contains((n.UserId, n.GroupKey!))))
            {
                all.TryAdd(notification.Id, notification);
            }
        }

        return all.Values
            .GroupBy(n => (n.UserId, Key: n.GroupKey ?? "#" + n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Select(g => g.OrderBy(n => n.CreatedUtc).ThenBy(n => n.Id).ToList())
            .ToList();
    }

    private async Task<Plan> PlanAsync(List<List<PendingNotification>> groups, HashSet<long> failed, CancellationToken cancellationToken)
    {
        var plan = new Plan();
        var userIds = groups.Select(g => g[0].UserId).Distinct().ToList();
        var recipients = await models.RecipientsAsync(userIds, cancellationToken);
        var stored = await preferences.OfUsersAsync(userIds, cancellationToken);
        var siteName = await models.SiteNameAsync(cancellationToken);
        foreach (var group in groups)
        {
            var newest = group[^1];
            var ids = group.Select(n => n.Id).ToList();
            var type = NotificationTypeCatalog.Find(newest.Type);
            if (type is null || !recipients.TryGetValue(newest.UserId, out var recipient) || string.IsNullOrWhiteSpace(recipient.Email))
            {
                plan.Skip.AddRange(ids);
                continue;
            }

            switch (NotificationPreferences.Effective(type, stored.GetValueOrDefault(newest.UserId)))
            {
                case Cadence.Off:
                    plan.Skip.AddRange(ids);
                    continue;
                case Cadence.Daily or Cadence.Weekly:
                    plan.Digest.AddRange(ids);
                    continue;
            }

            var unsubscribeUrl = type.Essential ? null : unsubscribe.Url(recipient.Id, [type.Category]);
            var model = MailModels.Build(newest.ModelJson, recipient, siteName, models.BaseUrl, models.Absolute(newest.Link), unsubscribeUrl, m =>
            {
                if (!type.Essential)
                {
                    m["updates"] = group.Count;
                }
            });
            RenderedMail mail;
            try
            {
                mail = await renderer.RenderAsync(newest.Type, recipient.Culture, model, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Left held for the next run; the rest of the batch goes out.
                logger.LogError(ex, "Notification {Id} ({Type}) could not be rendered; it waits for the next dispatch", newest.Id, newest.Type);
                failed.UnionWith(ids);
                plan.Failed += ids.Count;
                continue;
            }

            plan.Send.Add(new Send(ids, newest.Id, new MailDraft(recipient.Email!, recipient.Name, newest.Type, recipient.Culture, mail.Subject, mail.TextBody, mail.HtmlBody)
            {
                UserId = recipient.Id,
                UnsubscribeUrl = unsubscribeUrl,
            }));
        }

        // The files of the notifications that go out now travel with their message.
        var newestIds = plan.Send.Select(s => (long?)s.NewestId).ToList();
        if (newestIds.Count > 0)
        {
            var files = await db.Set<NotificationAttachment>().AsNoTracking()
                .Where(a => newestIds.Contains(a.NotificationId) && a.OutboxMessageId == null)
                .OrderBy(a => a.Id)
                .ToListAsync(cancellationToken);
            var byNotification = files.ToLookup(a => a.NotificationId!.Value);
            for (var i = 0; i < plan.Send.Count; i++)
            {
                var send = plan.Send[i];
                if (byNotification[send.NewestId].ToList() is { Count: > 0 } attachments)
                {
                    plan.Send[i] = send with { Draft = send.Draft with { Attachments = [.. attachments.Select(a => new NoticeAttachment(a.FileName, a.ContentType, a.Content))] } };
                }
            }
        }

        return plan;
    }

    private Task<DispatchResult> ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            var outbox = new Outbox(db, clock);
            var skipped = await NotificationClaims.MoveAsync(db, plan.Skip, EmailDelivery.Held, EmailDelivery.Skipped, ct);
            var digest = await NotificationClaims.MoveAsync(db, plan.Digest, EmailDelivery.Held, EmailDelivery.Digest, ct);
            var written = new List<(Send Send, OutboxMessage Message)>();
            foreach (var send in plan.Send)
            {
                if (await NotificationClaims.ClaimAsync(db, send.Ids, EmailDelivery.Held, ct))
                {
                    written.Add((send, outbox.Add(send.Draft)));
                }
            }

            await db.SaveChangesAsync(ct);
            foreach (var (send, message) in written)
            {
                await NotificationClaims.RecordMessageAsync(db, send.Ids, message.Id, ct);
                if (send.Draft.Attachments.Count > 0)
                {
                    // The message has its own copy now.
                    await db.Set<NotificationAttachment>().Where(a => a.NotificationId == send.NewestId && a.OutboxMessageId == null).ExecuteDeleteAsync(ct);
                }
            }

            return new DispatchResult(written.Count, written.Sum(w => w.Send.Ids.Count), digest, skipped, plan.Failed);
        }, cancellationToken);

    private static IQueryable<PendingNotification> Pending(IQueryable<Notification> query) =>
        query.Select(n => new PendingNotification(n.Id, n.UserId, n.Type, n.ModelJson, n.Link, n.GroupKey, n.CreatedUtc));

    private sealed record Send(List<long> Ids, long NewestId, MailDraft Draft);

    private sealed class Plan
    {
        public List<long> Skip { get; } = [];

        public List<long> Digest { get; } = [];

        public List<Send> Send { get; } = [];

        public int Failed { get; set; }
    }
}
