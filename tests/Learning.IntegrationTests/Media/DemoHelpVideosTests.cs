using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Media;

/// <summary>Issue 10, item 5: the demo setup brings help videos with Vietnamese captions, so a new user can try the library.</summary>
public sealed class DemoHelpVideosTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task DemoRecipe_BringsCaptionedHelpVideos_ThatPlayOnceTranscoded(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: "demo", settings: new()
        {
            ["Learning:Media:StoragePath"] = Directory.CreateTempSubdirectory("learning-media-").FullName,
            ["Learning:Media:Preset"] = "ultrafast",
        });

        var videos = await site.WithDbAsync(db => db.Set<Video>().Where(v => v.IsHelp).OrderBy(v => v.Title).Select(v => new { v.PublicId, v.Title }).ToListAsync());
        Assert.Equal(["Ký số văn bản bằng chữ ký số công vụ", "Nộp hồ sơ trực tuyến cho người dân", "Tra cứu tình trạng hồ sơ"], videos.Select(v => v.Title));
        Assert.Equal(9, await site.WithDbAsync(db => db.Set<CaptionCue>().CountAsync(c => db.Set<Caption>().Any(k => k.Id == c.CaptionId && k.Language == "vi"))));

        // The worker transcodes them (the test host runs none of its own); then the library lists them and the player plays.
        var worker = site.Services.GetRequiredService<Learning.Data.Jobs.JobWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }

        Assert.Equal(3, await site.WithDbAsync(db => db.Set<Video>().CountAsync(v => v.IsHelp && v.State == VideoState.Ready)));
        using var cadre = await site.SignedInAsync("nguyen.thi.ngoc.diep.nhatrang@example.vn");
        var library = await cadre.GetAsync("/Help");
        Assert.All(videos, v => Assert.Contains($"/Help/{v.PublicId}", library.Body, StringComparison.Ordinal));
        var found = await cadre.GetAsync("/Help?q=ma+pin");
        Assert.Contains($"/Help/{videos[0].PublicId}", found.Body, StringComparison.Ordinal);
        var watch = await cadre.GetAsync($"/Help/{videos[0].PublicId}");
        Assert.Equal(HttpStatusCode.OK, watch.Status);
        Assert.Contains("srclang=\"vi\"", watch.Body, StringComparison.Ordinal);
    }
}
