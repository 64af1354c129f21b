using System.Text.Json.Nodes;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Notifications.Services.Dispatch;

/// <summary>
/// The model a template is rendered with: the notification's own model plus what every template may use (<c>user.name</c>,
/// <c>user.email</c>, <c>site.name</c>, <c>site.url</c>, the absolute <c>link</c>, and <c>unsubscribe_url</c> for
/// non-essential types). Links are made absolute from <c>Learning:Notifications:PublicBaseUrl</c>, never from a request.
/// </summary>
public sealed class MailModels(LearningDbContext db, IOptions<PublicAddressOptions> address)
{
    private string? siteName;

    public string BaseUrl => address.Value.PublicBaseUrl.TrimEnd('/');

    public async Task<string> SiteNameAsync(CancellationToken cancellationToken) =>
        siteName ??= await db.SiteSettings.AsNoTracking().Where(s => s.Id == SiteSettings.SingletonId).Select(s => s.SiteName).SingleOrDefaultAsync(cancellationToken) ?? "";

    /// <summary>A site-relative link made absolute; an absolute one is kept.</summary>
    public string? Absolute(string? link) =>
        string.IsNullOrEmpty(link) ? null
        : link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) ? BaseUrl + link
        : link;

    public async Task<Recipient?> RecipientAsync(string userId, CancellationToken cancellationToken) =>
        (await RecipientsAsync([userId], cancellationToken)).GetValueOrDefault(userId);

    public async Task<Dictionary<string, Recipient>> RecipientsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email, u.DisplayName, u.PreferredCulture ?? "vi"))
            .ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// The model JSON: <paramref name="modelJson"/> (an object) with the shared members set. <paramref name="link"/> replaces the
    /// model's own <c>link</c> only when given (an invitation carries its absolute link in its model).
    /// </summary>
    public static string Build(string modelJson, Recipient recipient, string siteName, string siteUrl, string? link, string? unsubscribeUrl, Action<JsonObject>? more = null)
    {
        JsonObject model;
        try
        {
            model = JsonNode.Parse(string.IsNullOrWhiteSpace(modelJson) ? "{}" : modelJson) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            model = [];
        }

        model["user"] = new JsonObject { ["name"] = recipient.Name, ["email"] = recipient.Email ?? "" };
        model["site"] = new JsonObject { ["name"] = siteName, ["url"] = siteUrl };
        if (link is not null)
        {
            model["link"] = link;
        }
        else if (!model.ContainsKey("link"))
        {
            model["link"] = siteUrl;
        }

        if (unsubscribeUrl is not null)
        {
            model["unsubscribe_url"] = unsubscribeUrl;
        }

        more?.Invoke(model);
        return model.ToJsonString();
    }
}
