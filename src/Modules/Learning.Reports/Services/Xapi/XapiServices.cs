using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Reports.Services.Xapi;

public static class XapiServices
{
    public static IServiceCollection AddXapi(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapXapi(this IEndpointRouteBuilder endpoints) => endpoints;
}
