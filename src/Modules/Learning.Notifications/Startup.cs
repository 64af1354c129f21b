using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Notifications.Endpoints;
using Learning.Notifications.Jobs;
using Learning.Notifications.Pages.Admin.Notifications.Templates;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Dispatch;
using Learning.Notifications.Services.Inbox;
using Learning.Notifications.Services.Mail;
using Learning.Notifications.Services.Preferences;
using Learning.Notifications.Services.Templates;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Learning.Notifications;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<NotificationsOptions>(NotificationsOptions.Section);
        services.AddScoped<INotifier, Notifier>();
        services.AddScoped<Outbox>();
        services.AddSingleton<LiquidEngine>();
        services.AddSingleton<MailHtmlSanitizer>();
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<TemplateValidator>();
        services.AddSingleton<ParsedTemplateCache>();
        services.AddScoped<INotificationRenderer, NotificationRenderer>();
        services.AddScoped<TemplateStore>();
        services.AddScoped<IAdminMenuProvider, TemplatesAdminMenu>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddOutboxSending(configuration);

        // Dispatch, digests and retention, on the job queue.
        services.AddScoped<MailModels>();
        services.AddScoped<NotificationPreferences>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddScoped<NotificationDispatcher>();
        services.AddScoped<DigestSender>();
        services.AddScoped<NotificationRetention>();
        services.AddScoped<IJobHandler, DispatchJob>();
        services.AddScoped<IJobHandler, DailyDigestJob>();
        services.AddScoped<IJobHandler, WeeklyDigestJob>();
        services.AddScoped<IJobHandler, RetentionJob>();
        services.AddRecurringJob(DispatchJob.SweepName, Notifier.DispatchJobKind, RecurringSchedule.Every(TimeSpan.FromSeconds(30)));
        services.AddRecurringJob(DailyDigestJob.JobKind, DailyDigestJob.JobKind, RecurringSchedule.Cron(DailyDigestJob.Schedule));
        services.AddRecurringJob(WeeklyDigestJob.JobKind, WeeklyDigestJob.JobKind, RecurringSchedule.Cron(WeeklyDigestJob.Schedule));
        services.AddRecurringJob(RetentionJob.JobKind, RetentionJob.JobKind, RecurringSchedule.Cron(RetentionJob.Schedule));

        // The in-app list: the bell in the header, the list, the preferences tab.
        services.TryAddScoped<ComponentHtmlRenderer>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<IHeaderItemProvider, NotificationBell>();
        services.AddScoped<IAccountMenuProvider, AccountMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapNotificationsEndpoints();

    private sealed class AccountMenu(IStringLocalizer<NotificationsStrings> t) : IAccountMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() => [new(t["Preferences.Tab"], "/Account/Manage/Notifications", null, 10)];
    }
}
