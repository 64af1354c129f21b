using Learning.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Learning.Certificates.Services.Pdf;

public static class PdfServices
{
    public static IServiceCollection AddCertificatePdf(this IServiceCollection services, IConfiguration configuration)
    {
        CertificateFonts.Install();
        services.AddValidatedOptions<CertificateSigningOptions>(CertificateSigningOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CertificateSigner>();
        services.AddSingleton<ICertificateSigner>(sp => sp.GetRequiredService<CertificateSigner>());
        services.AddSingleton<ICertificateSignatureInspector, CertificateSignatureInspector>();
        services.AddSingleton<CertificateDesignCache>();
        services.AddScoped<CertificateTemplates>();
        services.AddScoped<ICertificatePdf, CertificatePdf>();
        services.AddScoped<IDashboardCardProvider, SignerDashboard>();
        services.AddHealthChecks().AddCheck<SignerHealthCheck>("certificate-signer", failureStatus: HealthStatus.Degraded);
        return services;
    }
}
