using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Certificates.Services.Issuing;

public static class IssuingServices
{
    public static IServiceCollection AddCertificateIssuing(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapCertificateIssuing(this IEndpointRouteBuilder endpoints) => endpoints;
}
