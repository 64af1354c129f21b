using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Certificates.Services.Readiness;

public static class ReadinessServices
{
    public static IServiceCollection AddSignatureReadiness(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapSignatureReadiness(this IEndpointRouteBuilder endpoints) => endpoints;
}
