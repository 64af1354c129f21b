using Learning.Courses;
using Learning.Data.Jobs;
using Learning.Modularity;
using Learning.Quizzes.Endpoints;
using Learning.Quizzes.Jobs;
using Learning.Quizzes.Recipes;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<QuizzesOptions>(QuizzesOptions.Section);
        var options = configuration.GetValidated<QuizzesOptions>(QuizzesOptions.Section);
        services.AddMemoryCache();
        services.TryAddScoped<ComponentHtmlRenderer>();
        services.AddScoped<QuizCatalog>();
        services.AddScoped<AttemptService>();
        services.AddScoped<IDemoQuizWriter, DemoQuizWriter>();
        services.AddSingleton<IQuizScoreRows, QuizScoreRows>();
        services.AddScoped<AttemptPages>();
        services.AddScoped<QuizResults>();
        services.AddScoped<TrainerGrading>();
        services.AddScoped<QuizOverrides>();
        services.AddSingleton<QuizPlace>();
        services.AddSingleton<StartGate>();
        services.AddSingleton<QuizPasswordTries>();
        services.AddSingleton<StartReads>();
        services.AddSingleton<StartWriter>();
        services.AddScoped<ILessonKindRenderer, QuizLessonRenderer>();
        services.AddScoped<ILessonReferenceSource, QuizReferenceSource>();
        services.AddScoped<IJobHandler, AttemptTimeoutJob>();
        if (options.RunTimeoutSweep)
        {
            services.AddRecurringJob("quizzes.timeouts", AttemptTimeoutJob.JobKind, RecurringSchedule.Every(TimeSpan.FromSeconds(options.TimeoutSweepSeconds)));
        }

        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddRecipeStep<QuestionBankStep>();
        services.AddRecipeStep<QuizzesStep>();
        services.AddScoped<QuestionBank>();
        services.AddScoped<QuizAuthoring>();
        services.AddSingleton<ImportUploads>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapQuizzesEndpoints();

    private sealed class AdminMenu(IStringLocalizer<QuizzesStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() =>
        [
            new(t["Menu.Quizzes"], "/Admin/Quizzes", Permissions.Grade, 40),
            new(t["Menu.Bank"], "/Admin/Quizzes/Bank", Permissions.Author, 41),
        ];
    }
}
