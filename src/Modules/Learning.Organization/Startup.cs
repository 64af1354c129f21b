using Learning.Modularity;
using Learning.Organization.Endpoints;
using Learning.Organization.Jobs;
using Learning.Organization.Recipes;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Organization;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<OrganizationScopeService>();
        services.AddScoped<IOrganizationScopeService>(sp => sp.GetRequiredService<OrganizationScopeService>());
        services.AddScoped<Learning.Data.Jobs.IJobHandler, CadreImportJob>();
        services.AddScoped<Learning.Data.Jobs.IJobHandler, CadreInvitationJob>();
        services.AddScoped<OrganizationTree>();
        services.AddScoped<ICadreDirectory, CadreDirectory>();
        services.AddSingleton<IOrganizationReportRows, OrganizationReportRows>();
        services.AddScoped<CadreImporter>();
        services.AddScoped<CadreCsvReader>();
        services.AddScoped<OrganizationExporter>();
        services.AddScoped<IDashboardCardProvider, OrganizationDashboard>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddRecipeStep<OrganizationStep>();
        services.AddRecipeStep<CadresStep>();
        services.AddRecipeStep<ScopesStep>();
        services.AddRecipeStep<CadreAccountsStep>();
        services.AddScoped<CadreAccounts>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapOrganizationEndpoints();

    private sealed class AdminMenu(IStringLocalizer<OrganizationStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() =>
        [
            new(t["Menu.Organization"], "/Admin/Organization", Permissions.ViewOrganization, 20),
            new(t["Menu.Cadres"], "/Admin/Organization/Cadres", Permissions.ViewCadres, 21),
            new(t["Menu.Scopes"], "/Admin/Organization/Scopes", Permissions.ManageScopes, 22),
        ];
    }
}
