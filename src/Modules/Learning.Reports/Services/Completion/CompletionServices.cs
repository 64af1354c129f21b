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
        _ = configuration;
        services.AddScoped<ICompletionReport, CompletionReport>();
        services.AddScoped<ReportReads>();
        services.AddScoped<IAdminMenuProvider, ReportsMenu>();
        services.AddRecipeStep<Recipes.DemoLearningStep>();
        return services;
    }

    public static IEndpointRouteBuilder MapCompletionReports(this IEndpointRouteBuilder endpoints) => endpoints;

    private sealed class ReportsMenu(IStringLocalizer<ReportsStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() => [new(t["Reports.Menu"], "/Admin/Reports", Permissions.View, 46)];
    }
}
