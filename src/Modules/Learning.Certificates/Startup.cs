using Learning.Certificates.Services.Issuing;
using Learning.Certificates.Services.Pdf;
using Learning.Certificates.Services.Readiness;
using Learning.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Certificates;

/// <summary>Three areas, each registering its own services: the signed PDF, issuing and verification, and readiness.</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddCertificatePdf(configuration);
        services.AddCertificateIssuing(configuration);
        services.AddSignatureReadiness(configuration);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCertificateIssuing();
        endpoints.MapSignatureReadiness();
    }
}
