using Learning.Data;
using Learning.Data.Entities;
using Learning.IntegrationTests.Infrastructure;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Dispatch;
using Learning.Notifications.Services.Preferences;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Notifications;

/// <summary>People, notices and the dispatcher's runs for the notification tests.</summary>
internal static class NotificationFixtures
{
    public const string Password = "Thongbao2026x";

    public static async Task<string> NewUserAsync(TestSite site, string email, string name, string culture = "vi")
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LearningUser>>();
        var user = new LearningUser { UserName = email, Email = email, DisplayName = name, PreferredCulture = culture, CreatedUtc = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (await scope.ServiceProvider.GetRequiredService<RoleManager<LearningRole>>().RoleExistsAsync("Cadre"))
        {
            Assert.True((await users.AddToRoleAsync(user, "Cadre")).Succeeded);
        }

        return user.Id;
    }

    public static async Task<SiteClient> SignInAsync(TestSite site, string email)
    {
        var client = site.CreateSiteClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, await client.SignInAsync(email, Password));
        return client;
    }

    /// <summary>What a module does: notices into its unit of work, then its own SaveChanges.</summary>
    public static async Task NotifyAsync(TestSite site, params Notice[] notices)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
        foreach (var notice in notices)
        {
            notifier.Notify(notice);
        }

        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().SaveChangesAsync();
    }

    public static Notice Assigned(string userId, string course, string? groupKey = null, string slug = "ky-nang-so") =>
        new(userId, NoticeTypes.CourseAssigned, new { Course = new { Title = course, Url = "/Courses/" + slug }, DueDate = "2026-12-31" })
        {
            Link = "/Courses/" + slug,
            GroupKey = groupKey,
        };

    public static Notice QuizResult(string userId, string quiz, string? link = "/Quizzes/kt") =>
        new(userId, NoticeTypes.QuizResult, new { Quiz = new { Title = quiz, Url = link }, ShowMarks = true, Score = 8, MaxScore = 10, Percent = 80, Passed = true }) { Link = link };

    public static Task<DispatchResult> DispatchAsync(TestSite site) =>
        site.WithServiceAsync<NotificationDispatcher, DispatchResult>(d => d.DispatchDueAsync(CancellationToken.None));

    public static Task<DispatchResult> DigestAsync(TestSite site, Cadence cadence, DateTime untilUtc) =>
        site.WithServiceAsync<DigestSender, DispatchResult>(d => d.SendAsync(cadence, untilUtc, CancellationToken.None));

    public static Task SetCadenceAsync(TestSite site, string userId, string category, Cadence cadence) =>
        site.WithServiceAsync<NotificationPreferences, bool>(async p =>
        {
            await p.SetAsync(userId, new Dictionary<string, Cadence> { [category] = cadence }, CancellationToken.None);
            return true;
        });

    public static Task<List<Notification>> NotificationsOfAsync(TestSite site, string userId) =>
        site.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    public static Task<List<OutboxMessage>> MessagesToAsync(TestSite site, string userId) =>
        site.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Id).ToListAsync());
}
