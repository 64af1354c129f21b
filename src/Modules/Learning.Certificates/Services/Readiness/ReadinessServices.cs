using Learning.Certificates.Jobs;
using Learning.Certificates.Recipes;
using Learning.Courses;
using Learning.Data.Jobs;
using Learning.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Certificates.Services.Readiness;

public static class ReadinessServices
{
    public static IServiceCollection AddSignatureReadiness(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReadinessBoard>();
        services.AddScoped<ICadreReadinessRows, CadreReadinessRows>();
        services.AddScoped<SignatureDesk>();
        services.AddScoped<ReadinessSettings>();
        services.AddScoped<SignatureImport>();
        services.AddScoped<ReadinessNotices>();
        services.AddScoped<ICourseCompletionHandler, ReadinessCompletionHandler>();
        services.AddScoped<IJobHandler, ReadinessCheckJob>();
        services.AddScoped<IJobHandler, ReadinessSweepJob>();
        services.AddScoped<IJobHandler, ReadinessDigestJob>();
        services.AddRecurringJob("certificates.readiness-sweep", ReadinessSweepJob.JobKind, RecurringSchedule.Every(TimeSpan.FromHours(1)));
        services.AddRecurringJob("certificates.readiness-digest", ReadinessDigestJob.JobKind, RecurringSchedule.Cron("0 7 * * 1")); // Monday 07:00 in Vietnam
        services.AddRecipeStep<ReadinessStep>();
        services.AddScoped<IAdminMenuProvider, ReadinessMenu>();
        return services;
    }

    public static IEndpointRouteBuilder MapSignatureReadiness(this IEndpointRouteBuilder endpoints) => endpoints;

    private sealed class ReadinessMenu(IStringLocalizer<CertificatesStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() => [new(t["Readiness.Menu"], "/Admin/Readiness", Permissions.Readiness, 45)];
    }
}
