using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Reports.Services.Completion;

public static class CompletionServices
{
    public static IServiceCollection AddCompletionReports(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<ICompletionReport, CompletionReport>();
        return services;
    }

    public static IEndpointRouteBuilder MapCompletionReports(this IEndpointRouteBuilder endpoints) => endpoints;
}
