using System.Threading.RateLimiting;
using Learning.Certificates.Jobs;
using Learning.Courses;
using Learning.Data.Jobs;
using Learning.Modularity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Learning.Certificates.Services.Issuing;

public static class IssuingServices
{
    /// <summary>The public verification pages: views and uploads are limited per address, each with its own budget.</summary>
    public const string VerifyRateLimitPolicy = "certificates.verify";

    public static IServiceCollection AddCertificateIssuing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IssuingOptions>(IssuingOptions.Section);
        var options = configuration.GetValidated<IssuingOptions>(IssuingOptions.Section, typeof(Pdf.CertificateSigningOptions)); // the signer's keys share the section
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<CertificateRegistry>();
        services.AddScoped<CertificateVerifier>();
        services.AddScoped<ICourseCompletionHandler, CompletionCertificates>();
        services.AddScoped<IJobHandler, IssueCertificateJob>();
        services.AddScoped<IJobHandler, IssueSweepJob>();
        if (options.RunIssueSweep)
        {
            services.AddRecurringJob("certificates.sweep", IssueSweepJob.JobKind, RecurringSchedule.Every(TimeSpan.FromMinutes(options.IssueSweepMinutes)));
        }

        services.AddScoped<ISiteMenuProvider, SiteMenu>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<IssuingOptions>>((o, issuing) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(VerifyRateLimitPolicy, http =>
            {
                var post = HttpMethods.IsPost(http.Request.Method);
                var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetSlidingWindowLimiter((post ? "upload:" : "view:") + address, _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = post ? issuing.Value.VerifyUploadsPerMinute : issuing.Value.VerifyPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCertificateIssuing(this IEndpointRouteBuilder endpoints) => endpoints;

    private sealed class SiteMenu(IStringLocalizer<CertificatesStrings> t) : ISiteMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() => [new(t["My.Title"], "/Certificates", Permissions.ViewOwn, 30)];
    }

    private sealed class AdminMenu(IStringLocalizer<CertificatesStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() => [new(t["Issued.Title"], "/Admin/Certificates/Issued", Permissions.Issue, 60)];
    }
}
