using Learning.Reports.Endpoints;
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
        return services;
    }

    public static IEndpointRouteBuilder MapReportExports(this IEndpointRouteBuilder endpoints) => endpoints.MapReportExportEndpoints();
}
