using Learning.Modularity;
using Learning.Notifications.Services;
using Learning.Notifications.Services.Mail;
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
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddOutboxSending(configuration);
    }
}
