using Learning.Modularity;
using Learning.Notifications.Pages.Admin.Notifications.Templates;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Mail;
using Learning.Notifications.Services.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
    }
}
