using System.Globalization;
using Learning.Data;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Dispatch;
using Learning.Notifications.Services.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Learning.Notifications.Services.Inbox;

/// <summary>
/// The in-app list (the bell in the header and <c>/Notifications</c>): a person's notifications of the types that show there,
/// each titled by its e-mail subject in the page's language. Only the owner reads or marks one; another's id is not found.
/// </summary>
public sealed class NotificationInbox(
    LearningDbContext db,
    INotificationRenderer renderer,
    MailModels models,
    TimeProvider clock,
    IStringLocalizer<NotificationsStrings> t,
    ILogger<NotificationInbox> logger)
{
    public const int PageSize = 20;

    private static readonly List<string> InAppTypes = NotificationTypeCatalog.All.Where(n => n.InApp).Select(n => n.Type).ToList();

    /// <summary>
    /// The bell's figure: one count on the (user, created) index, on every page. Static, without an inbox: the bell needs no
    /// renderer (constructing one loads Fluid's and the sanitizer's CSS parsers, about 3,800 types, into a process that may
    /// never render a notification).
    /// </summary>
    public static Task<int> UnreadCountAsync(LearningDbContext db, string userId, CancellationToken cancellationToken) =>
        Mine(db, userId).CountAsync(n => n.ReadUtc == null, cancellationToken);

    public async Task<InboxPage> PageAsync(string userId, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var rows = await Mine(db, userId).OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(n => new { n.Id, n.Type, n.ModelJson, n.Link, n.CreatedUtc, n.ReadUtc })
            .ToListAsync(cancellationToken);
        var unread = await UnreadCountAsync(db, userId, cancellationToken);
        if (rows.Count == 0)
        {
            return new InboxPage([], page, false, unread);
        }

        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var recipient = (await models.RecipientAsync(userId, cancellationToken) ?? new Recipient(userId, null, "", culture)) with { Culture = culture };
        var siteName = await models.SiteNameAsync(cancellationToken);
        var items = new List<InboxItem>(Math.Min(rows.Count, PageSize));
        foreach (var row in rows.Take(PageSize))
        {
            var model = MailModels.Build(row.ModelJson, recipient, siteName, models.BaseUrl, models.Absolute(row.Link), null, m => m["updates"] = 1);
            string title;
            try
            {
                title = (await renderer.RenderAsync(row.Type, culture, model, cancellationToken)).Subject;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Notification {Id} ({Type}): the subject could not be rendered for the list", row.Id, row.Type);
                title = t["Type." + row.Type];
            }

            items.Add(new InboxItem(row.Id, row.Type, title, row.CreatedUtc, row.ReadUtc is not null, !string.IsNullOrEmpty(row.Link)));
        }

        return new InboxPage(items, page, rows.Count > PageSize, unread);
    }

    /// <summary>Marks the person's notification read and returns where it leads ("" for nowhere), or null when it is not theirs.</summary>
    public async Task<string?> OpenAsync(string userId, long id, CancellationToken cancellationToken)
    {
        var found = await Mine(db, userId).Where(n => n.Id == id).Select(n => new { n.Link, n.ReadUtc }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if (found.ReadUtc is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await Mine(db, userId).Where(n => n.Id == id && n.ReadUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), cancellationToken);
        }

        return found.Link ?? "";
    }

    public Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Mine(db, userId).Where(n => n.ReadUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), cancellationToken);
    }

    /// <summary>Only a path on this site is followed (<c>/Courses/x</c>): not <c>//host</c>, <c>/\host</c> or an absolute address.</summary>
    public static bool IsLocal(string? link) =>
        !string.IsNullOrEmpty(link) && link[0] == '/' && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
        && !link.Any(char.IsControl);

    private static IQueryable<Notification> Mine(LearningDbContext db, string userId) =>
        db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId && InAppTypes.Contains(n.Type));
}
