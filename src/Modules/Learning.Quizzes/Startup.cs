using Learning.Modularity;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<QuestionBank>();
        services.AddSingleton<ImportUploads>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    private sealed class AdminMenu(IStringLocalizer<QuizzesStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() =>
        [
            new(t["Menu.Bank"], "/Admin/Quizzes/Bank", Permissions.Author, 40),
        ];
    }
}
