using Learning.Modularity;
using Learning.Reports.Services.Completion;
using Learning.Reports.Services.Exports;
using Learning.Reports.Services.Xapi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Reports;

/// <summary>Three areas, each registering its own services: the reports and their pages, exports and schedules, and the data
/// interface (xAPI statements, the JSON reporting API and its clients).</summary>
public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddCompletionReports(configuration);
        services.AddReportExports(configuration);
        services.AddXapi(configuration);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCompletionReports();
        endpoints.MapReportExports();
        endpoints.MapXapi();
    }
}
