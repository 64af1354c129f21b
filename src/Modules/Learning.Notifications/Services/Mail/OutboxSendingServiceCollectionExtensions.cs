using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Notifications.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Learning.Notifications.Services.Mail;

/// <summary>The outbox's sending side: transport, sender, send job and its sweep, the outbox page, and the SMTP health check.</summary>
internal static class OutboxSendingServiceCollectionExtensions
{
    public const string SweepName = "notifications.send";

    public static IServiceCollection AddOutboxSending(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SmtpOptions>(SmtpOptions.Section);
        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section)
            .Validate<Microsoft.Extensions.Options.IOptions<SmtpOptions>>(
                (outbox, smtp) => outbox.ClaimSeconds >= smtp.Value.TimeoutSeconds + 30,
                $"{OutboxOptions.Section}:ClaimSeconds: at least {SmtpOptions.Section}:TimeoutSeconds + 30 (a worker sends nothing it could not finish within its claim).");
        services.AddSingleton<MailMessageFactory>();
        services.AddSingleton<MailTransport>();
        services.AddScoped<OutboxSender>();
        services.AddScoped<OutboxAdministration>();
        services.AddScoped<IJobHandler, SendOutboxJob>();

        // Retries whose backoff has passed are picked up by this sweep; new mail queues its own send job.
        services.AddRecurringJob(SweepName, Outbox.SendJobKind, RecurringSchedule.Every(TimeSpan.FromSeconds(30)));
        services.AddScoped<IAdminMenuProvider, OutboxAdminMenu>();
        services.AddScoped<IDashboardCardProvider, OutboxDashboard>();

        var smtp = configuration.GetValidated<SmtpOptions>(SmtpOptions.Section);
        if (smtp.Host.Length > 0)
        {
            services.AddSingleton<SmtpProbe>();
            services.AddHealthChecks().AddCheck<SmtpHealthCheck>("smtp", failureStatus: HealthStatus.Degraded);
        }
        else
        {
            services.AddSingleton(sp => new StorageLocation("mail", sp.GetRequiredService<MailTransport>().PickupDirectory));
        }

        return services;
    }
}
