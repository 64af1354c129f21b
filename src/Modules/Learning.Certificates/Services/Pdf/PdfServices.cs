using Learning.Modularity;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
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
        services.AddScoped<CertificateTemplateEditor>();
        services.AddScoped<IAdminMenuProvider, TemplatesAdminMenu>();
        services.AddScoped<IDashboardCardProvider, SignerDashboard>();
        // The module's compiled Razor pages, whether or not the host's default part discovery found this assembly.
        services.AddMvcCore().ConfigureApplicationPartManager(parts =>
        {
            var assembly = typeof(PdfServices).Assembly;
            if (!parts.ApplicationParts.OfType<CompiledRazorAssemblyPart>().Any(p => p.Assembly == assembly))
            {
                parts.ApplicationParts.Add(new CompiledRazorAssemblyPart(assembly));
            }
        });
        services.AddHealthChecks().AddCheck<SignerHealthCheck>("certificate-signer", failureStatus: HealthStatus.Degraded);
        return services;
    }
}
