using Learning.Courses.Endpoints;
using Learning.Courses.Jobs;
using Learning.Courses.Recipes;
using Learning.Courses.Services;
using Learning.Data.Jobs;
using Learning.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Learning.Courses;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CoursesOptions>(CoursesOptions.Section);
        services.AddMemoryCache();
        services.AddScoped<CourseReader>();
        services.AddScoped<CourseSearch>();
        services.AddScoped<CoursePublisher>();
        services.AddScoped<CourseAuthoring>();
        services.AddScoped<EnrollmentService>();
        services.AddScoped<ProgressService>();
        services.AddScoped<LessonGate>();
        services.AddScoped<ILessonCompletionReporter>(sp => sp.GetRequiredService<LessonGate>());
        services.AddScoped<MyLearning>();
        services.AddScoped<ICompletionRecords, CompletionRecords>();
        services.AddScoped<ICourseProgressQuery, CourseProgressQuery>();
        services.AddSingleton<ICourseReportRows, CourseReportRows>();
        services.AddScoped<CoursePackages>();
        services.AddSingleton<CourseFiles>();
        services.AddSingleton(sp => new StorageLocation("course-files", sp.GetRequiredService<CourseFiles>().Root));
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddScoped<ISiteMenuProvider, SiteMenu>();
        services.AddRecipeStep<CoursesStep>();
        services.AddRecipeStep<LearningPathsStep>();
        services.AddRecipeStep<AssignmentsStep>();
        services.AddScoped<IJobHandler, AssignmentSyncJob>();
        services.AddScoped<DueReminders>();
        services.AddScoped<ManagerDigest>();
        services.AddScoped<IJobHandler, DueRemindersJob>();
        services.AddScoped<IJobHandler, ManagerDigestJob>();
        services.AddRecurringJob("courses.due-reminders", DueRemindersJob.JobKind, RecurringSchedule.Every(TimeSpan.FromHours(1)));
        services.AddRecurringJob("courses.manager-digest", ManagerDigestJob.JobKind, RecurringSchedule.Cron("0 7 * * 1")); // Monday 07:00 in Vietnam
        services.AddScoped<LessonKindCatalog>();
        var options = configuration.GetValidated<CoursesOptions>(CoursesOptions.Section);
        if (options.RunAssignmentSync)
        {
            services.AddRecurringJob("courses.assignment-sync", AssignmentSyncJob.JobKind, RecurringSchedule.Every(TimeSpan.FromMinutes(options.AssignmentSyncMinutes)));
        }
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapCoursesEndpoints();

    private sealed class SiteMenu(IStringLocalizer<CoursesStrings> t) : ISiteMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() =>
        [
            new(t["MyLearning.Title"], "/Learning", Permissions.Learn, 10),
            new(t["Catalog.Title"], "/Courses", Permissions.Learn, 20),
        ];
    }

    private sealed class AdminMenu(IStringLocalizer<CoursesStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() =>
        [
            new(t["Menu.Courses"], "/Admin/Courses", Permissions.Author, 30),
            new(t["Menu.Assign"], "/Admin/Courses/Assign", Permissions.Assign, 31),
        ];
    }
}
