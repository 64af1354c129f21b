using Learning.Data.Jobs;
using Learning.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Services.Completion;

public static class CompletionServices
{
    public static IServiceCollection AddCompletionReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ICompletionReport, CompletionReport>();
        services.AddScoped<ReportReads>();
        services.AddValidatedOptions<ReportSnapshotOptions>(ReportSnapshotOptions.Section);
        services.AddScoped<CompletionSnapshots>();
        services.AddScoped<IJobHandler, Jobs.ReportSnapshotJob>();
        var snapshots = configuration.GetValidated<ReportSnapshotOptions>(ReportSnapshotOptions.Section);
        if (snapshots.Minutes > 0)
        {
            services.AddRecurringJob(Jobs.ReportSnapshotJob.RecurringName, Jobs.ReportSnapshotJob.JobKind,
                RecurringSchedule.Every(TimeSpan.FromMinutes(Math.Max(1, snapshots.Minutes / 4)))); // a view is counted again at half its age limit
        }

        services.AddScoped<IAdminMenuProvider, ReportsMenu>();
        services.AddScoped<DemoLearning>();
        services.AddScoped<IDashboardCardProvider, DemoLearningDashboard>();
        services.AddRecipeStep<Recipes.DemoLearningStep>();
        return services;
    }

    public static IEndpointRouteBuilder MapCompletionReports(this IEndpointRouteBuilder endpoints) => endpoints;

    private sealed class ReportsMenu(IStringLocalizer<ReportsStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() => [new(t["Reports.Menu"], "/Admin/Reports", Permissions.View, 46)];
    }
}
