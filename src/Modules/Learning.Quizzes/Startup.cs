using Learning.Modularity;
using Learning.Quizzes.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.Quizzes;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddRecipeStep<QuestionBankStep>();
        services.AddRecipeStep<QuizzesStep>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
