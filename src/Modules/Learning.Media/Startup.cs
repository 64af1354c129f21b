using FFMpegCore;
using Learning.Courses;
using Learning.Data.Jobs;
using Learning.Media.Endpoints;
using Learning.Media.Jobs;
using Learning.Media.Recipes;
using Learning.Media.Services;
using Learning.Modularity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Learning.Media;

public sealed class Startup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MediaOptions>(MediaOptions.Section);
        var options = configuration.GetValidated<MediaOptions>(MediaOptions.Section);
        if (options.FFmpegFolder is { Length: > 0 } folder)
        {
            GlobalFFOptions.Configure(options => options.BinaryFolder = folder);
        }

        services.AddSingleton<MediaStorage>();
        services.AddSingleton<FFmpegRunner>();
        services.AddSingleton(sp => new StorageLocation("media", sp.GetRequiredService<MediaStorage>().Root));
        services.AddSingleton<MediaTokens>();
        services.AddScoped<UploadService>();
        services.AddSingleton<HeartbeatIngestor>();
        services.AddSingleton<Learning.Courses.IVideoWatchRows, VideoWatchRows>();
        services.AddScoped<PlayerRenderer>();
        services.AddScoped<DataSaverPreference>();
        services.AddScoped<IAccountPreference>(sp => sp.GetRequiredService<DataSaverPreference>());
        services.TryAddScoped<ComponentHtmlRenderer>();
        services.AddMemoryCache();
        services.AddScoped<HotlineDirectory>();
        services.AddScoped<CaptionService>();
        services.AddScoped<HelpLibrary>();
        services.AddScoped<VideoAdministration>();
        services.AddScoped<IJobHandler, TranscodeJob>();
        services.AddScoped<ILessonKindRenderer, VideoLessonRenderer>();
        services.AddScoped<ILessonReferenceSource, VideoReferenceSource>();
        services.AddScoped<ILessonAsideProvider, HotlinesAside>();
        services.AddScoped<IDashboardCardProvider, MediaDashboard>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<IAdminMenuProvider, AdminMenu>();
        services.AddScoped<ISiteMenuProvider, SiteMenu>();
        services.AddRecipeStep<HotlinesStep>();
        services.AddRecipeStep<HelpVideosStep>();
        services.AddSingleton<MediaSweep>();
        services.AddScoped<IJobHandler, MediaSweepJob>();
        if (options.RemoveStaleUploads)
        {
            services.AddRecurringJob("media.sweep", MediaSweepJob.JobKind, RecurringSchedule.Every(TimeSpan.FromHours(1)));
        }
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapMediaEndpoints();

    private sealed class SiteMenu(IStringLocalizer<MediaStrings> t) : ISiteMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() =>
        [
            new(t["Menu.Help"], "/Help", Permissions.Help, 30),
            new(t["Menu.Hotlines"], "/Hotlines", Permissions.Help, 31),
        ];
    }

    private sealed class AdminMenu(IStringLocalizer<MediaStrings> t) : IAdminMenuProvider
    {
        public IEnumerable<MenuItem> GetItems() =>
        [
            new(t["Menu.Videos"], "/Admin/Media", Permissions.Manage, 35),
            new(t["Menu.AdminHotlines"], "/Admin/Media/Hotlines", Permissions.Manage, 36),
        ];
    }
}
