using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Reports.Endpoints;
using Learning.Reports.Jobs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Reports.Services.Exports;

public static class ExportsServices
{
    public static IServiceCollection AddReportExports(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<CompletionExport>();
        services.AddValidatedOptions<ExportOptions>(ExportOptions.Section);
        services.AddScoped<ReportWorkbooks>();
        services.AddKeyedScoped<IHostCommand, CompletionWorkbookCommand>(CompletionWorkbookCommand.CommandName);
        services.AddKeyedScoped<IHostCommand, HoursWorkbookCommand>(HoursWorkbookCommand.CommandName);
        services.AddScoped<HoursExport>();
        services.AddScoped<ReportSubscriptions>();
        services.AddScoped<ReportDelivery>();
        services.AddScoped<IJobHandler, ReportDeliveryJob>();
        services.AddScoped<IAdminMenuProvider, SubscriptionsMenu>();
        services.AddRecurringJob(ReportDeliveryJob.RecurringName, ReportDeliveryJob.JobKind, RecurringSchedule.Cron("0 6 * * *")); // 06:00 in Vietnam
        return services;
    }

    public static IEndpointRouteBuilder MapReportExports(this IEndpointRouteBuilder endpoints) => endpoints.MapReportExportEndpoints();
}
