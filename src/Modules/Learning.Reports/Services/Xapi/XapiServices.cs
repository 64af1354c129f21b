using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Reports.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Reports.Services.Xapi;

/// <summary>The data interface: learning events recorded as xAPI statements, the LRS read API, API clients, the JSON reporting API.</summary>
public static class XapiServices
{
    public static IServiceCollection AddXapi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ReportsApiOptions>(ReportsApiOptions.Section);
        services.AddValidatedOptions<LrsForwardOptions>(LrsForwardOptions.Section);
        services.AddHttpClient(StatementForwarder.HttpClientName);
        services.AddScoped<StatementForwarder>();
        services.AddScoped<IJobHandler, Jobs.LrsForwardJob>();
        var lrs = configuration.GetValidated<LrsForwardOptions>(LrsForwardOptions.Section);
        if (lrs.Enabled)
        {
            services.AddRecurringJob(Jobs.LrsForwardJob.RecurringName, Jobs.LrsForwardJob.JobKind, RecurringSchedule.Every(TimeSpan.FromSeconds(lrs.IntervalSeconds)));
        }

        services.AddScoped<ILearningEvents, LearningEventRecorder>();
        services.AddScoped<ApiClients>();
        services.AddSingleton<ApiRequestLog>();
        services.AddHostedService<ApiRequestLogWriter>();
        services.AddTransient<IStartupFilter, ApiRequestLogStartupFilter>();
        services.AddScoped<IJobHandler, Jobs.ApiRequestRetentionJob>();
        services.AddRecurringJob(Jobs.ApiRequestRetentionJob.JobKind, Jobs.ApiRequestRetentionJob.JobKind, RecurringSchedule.Cron(Jobs.ApiRequestRetentionJob.Schedule));
        services.AddScoped<IAdminMenuProvider, ApiClientsAdminMenu>();
        services.AddScoped<StatementStream>();
        services.AddSingleton<StatementQueryParser>();
        services.AddSingleton<Api.ApiReportQueryParser>();
        services.AddMemoryCache();
        services.AddScoped<Api.ReportsApiReads>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiClientAuthenticationHandler>(ApiClientAuthentication.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiClientAuthentication.Policy, p => p
            .AddAuthenticationSchemes(ApiClientAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiClientAuthentication.ClientClaim));
        services.AddRateLimiter(o => o.AddPolicy<string, ApiClientRateLimitPolicy>(ApiClientAuthentication.RateLimitPolicy));
        return services;
    }

    public static IEndpointRouteBuilder MapXapi(this IEndpointRouteBuilder endpoints) => endpoints.MapXapiEndpoints().MapReportsApiEndpoints();
}
