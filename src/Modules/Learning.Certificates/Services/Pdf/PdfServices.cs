using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Certificates.Services.Pdf;

public static class PdfServices
{
    public static IServiceCollection AddCertificatePdf(this IServiceCollection services, IConfiguration configuration) => services;

}
