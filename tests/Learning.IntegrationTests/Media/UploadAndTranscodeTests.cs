using System.Net;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.Media;
using Learning.Media.Data;
using Learning.Media.Jobs;
using Learning.Media.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Media;

public sealed class UploadAndTranscodeTests
{
    private static Dictionary<string, string?> Settings(string? storage = null, long maxBytes = 200 * 1024 * 1024) => new()
    {
        ["Learning:Media:StoragePath"] = storage ?? Directory.CreateTempSubdirectory("learning-media-").FullName,
        ["Learning:Media:MaxUploadBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Learning:Media:ChunkBytes"] = (256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Learning:Media:Preset"] = "ultrafast",
        ["Learning:Jobs:BackoffBaseSeconds"] = "0",
        // Leases here are given and taken by hand: a short one could also run out by itself on a starved CI machine (a renewal
        // late by half the lease stops the attempt: JobQueueTests' subject), leaving a transcode unfinished.
        ["Learning:Jobs:LeaseSeconds"] = "60",
    };

    private static async Task RunJobsAsync(TestSite site)
    {
        var worker = site.Services.GetRequiredService<JobWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ChunkedUpload_CutAtHalfAndResumed_IsTranscodedToALadderCappedAtTheSource(DatabaseProvider provider)
    {
        var settings = Settings();
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: settings);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var bytes = await File.ReadAllBytesAsync(await MediaFixtures.ClipAsync(8, 640, 360));
        var token = await admin.TokenAsync("/Admin/Media");

        var started = await MediaFixtures.StartUploadAsync(admin, token, "huong-dan.mp4", bytes.Length, "Hướng dẫn ký số hồ sơ");
        Assert.Equal(HttpStatusCode.Created, started.Status);
        var id = started.Body.GetProperty("id").GetString()!;

        // The first half arrives, then the connection drops.
        var half = bytes.Length / 2;
        long offset = 0;
        while (offset < half)
        {
            var length = (int)Math.Min(256 * 1024, half - offset);
            var reply = await MediaFixtures.PutChunkAsync(admin, token, id, offset, bytes.AsSpan((int)offset, length).ToArray());
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            offset = reply.Body.GetProperty("received").GetInt64();
        }

        // The browser comes back: it asks what the server has, and a chunk at a stale offset is refused with the true one.
        var (statusCode, statusBody, _) = await admin.GetAsync($"/media/uploads/{id}");
        Assert.Equal(HttpStatusCode.OK, statusCode);
        Assert.Contains($"\"received\":{half}", statusBody, StringComparison.Ordinal);
        var stale = await MediaFixtures.PutChunkAsync(admin, token, id, 0, bytes.AsSpan(0, 1000).ToArray());
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(half, stale.Body.GetProperty("received").GetInt64());

        string? publicId = null;
        offset = half;
        while (offset < bytes.Length)
        {
            var length = (int)Math.Min(256 * 1024, bytes.Length - offset);
            var reply = await MediaFixtures.PutChunkAsync(admin, token, id, offset, bytes.AsSpan((int)offset, length).ToArray());
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            offset = reply.Body.GetProperty("received").GetInt64();
            publicId = reply.Body.GetProperty("video").GetString();
        }

        Assert.NotNull(publicId);
        var storage = settings["Learning:Media:StoragePath"]!;
        // Staged until its transcode job (which runs only once the row is committed) moves it into place.
        var source = Directory.GetFiles(Path.Combine(storage, "staging", publicId), "source.*").Single();
        Assert.Equal(bytes, await File.ReadAllBytesAsync(source));
        Assert.Empty(Directory.GetFiles(Path.Combine(storage, "uploads")));

        var video = await site.WithDbAsync(db => db.Set<Video>().AsNoTracking().SingleAsync(v => v.PublicId == publicId));
        Assert.Equal(VideoState.Processing, video.State);
        Assert.Equal(640, video.Width);
        Assert.Equal(360, video.Height);
        Assert.InRange(video.DurationSeconds, 7.5, 8.5);

        await RunJobsAsync(site);

        video = await site.WithDbAsync(db => db.Set<Video>().AsNoTracking().SingleAsync(v => v.PublicId == publicId));
        var job = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == video.JobId));
        Assert.True(video.State == VideoState.Ready, job.Error);
        Assert.Equal(100, job.Progress);
        // Capped at the source: no 720p or 480p from a 360p upload; an audio-only rendition for the weakest links.
        Assert.Equal("360p,240p,audio", video.Renditions);
        var folder = Path.Combine(storage, "videos", publicId);
        var master = await File.ReadAllTextAsync(Path.Combine(folder, "hls", "master.m3u8"));
        Assert.Contains("RESOLUTION=640x360", master, StringComparison.Ordinal);
        Assert.Contains("RESOLUTION=426x240", master, StringComparison.Ordinal);
        Assert.DoesNotContain("x720", master, StringComparison.Ordinal);
        Assert.Contains("audio/index.m3u8", master, StringComparison.Ordinal);
        var playlist = await File.ReadAllTextAsync(Path.Combine(folder, "hls", "360p", "index.m3u8"));
        Assert.Contains("#EXT-X-TARGETDURATION:6", playlist, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "hls", "360p"), "seg_*.ts").Length);
        var download = await MediaFixtures.ProbeAsync(Path.Combine(folder, "download.mp4"));
        Assert.Equal(360, download.Height);
        Assert.InRange(download.Duration, 7.5, 8.5);
        Assert.True(new FileInfo(Path.Combine(folder, "poster.jpg")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(folder, "thumbs.jpg")).Length > 1000);

        // Serving: the signed token opens the folder, with ranges and caching; nothing else does.
        var playback = site.Services.GetRequiredService<MediaTokens>().ForPlayback(publicId);
        using var anonymous = site.CreateClient(new() { AllowAutoRedirect = false });
        using (var response = await anonymous.GetAsync($"/media/s/{playback}/{publicId}/hls/master.m3u8"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType!.MediaType);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/media/s/{playback}/{publicId}/hls/240p/seg_000.ts"))
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync()).Length);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        var protector = site.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Learning.Media.Playback.v1").ToTimeLimitedDataProtector();
        var expired = protector.Protect(publicId, DateTimeOffset.UtcNow.AddMinutes(-1));
        var forged = playback[..^6] + (playback[^6] == 'A' ? "B" : "A") + playback[^5..];
        var otherVideo = site.Services.GetRequiredService<MediaTokens>().ForPlayback("0123456789abcdef01234567");
        foreach (var bad in new[] { expired, forged, otherVideo, "not-a-token" })
        {
            using var response = await anonymous.GetAsync($"/media/s/{bad}/{publicId}/hls/240p/seg_000.ts");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        foreach (var path in new[] { "source.mp4", "hls/../source.mp4", "hls/240p/../../source.mp4", "hls%2F..%2Fsource.mp4" })
        {
            using var response = await anonymous.GetAsync($"/media/s/{playback}/{publicId}/{path}");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }

        // The dashboard charts the library by state.
        var dashboard = await admin.GetAsync("/Admin");
        Assert.Contains("href=\"/Admin/Media\"", dashboard.Body, StringComparison.Ordinal);
        Assert.Contains("Sẵn sàng", dashboard.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task BadFiles_AreRefusedWithALocalizedError_AndNothingIsKept(DatabaseProvider provider)
    {
        var settings = Settings(maxBytes: 3 * 1024 * 1024);
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: settings);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var clip = await File.ReadAllBytesAsync(await MediaFixtures.ClipAsync(8, 640, 360));

        var text = "Đây là một tệp văn bản, không phải video.\n"u8.ToArray();
        var reply = await MediaFixtures.UploadAsync(admin, Enumerable.Repeat(text, 100).SelectMany(b => b).ToArray(), "video-gia.mp4");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Contains("không phải là video", reply.Body.GetProperty("error").GetString(), StringComparison.Ordinal);

        // A truncated MP4 (the download stopped at 40%): ffprobe cannot read it.
        reply = await MediaFixtures.UploadAsync(admin, clip[..(clip.Length * 2 / 5)], "cat-ngang.mp4");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);

        var token = await admin.TokenAsync("/Admin/Media");
        var empty = await MediaFixtures.StartUploadAsync(admin, token, "rong.mp4", 0);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("0 byte", empty.Body.GetProperty("error").GetString(), StringComparison.Ordinal);

        var tooLarge = await MediaFixtures.StartUploadAsync(admin, token, "lon.mp4", 4L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Contains("Tệp quá lớn", tooLarge.Body.GetProperty("error").GetString(), StringComparison.Ordinal);

        // Sending more than announced is cut off at the announced size.
        var started = await MediaFixtures.StartUploadAsync(admin, token, "nho.mp4", 1000);
        var overflow = await MediaFixtures.PutChunkAsync(admin, token, started.Body.GetProperty("id").GetString()!, 0, new byte[5000]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overflow.Status);
        Assert.Equal(1000, overflow.Body.GetProperty("received").GetInt64());

        // In English, the same refusal is in English.
        await admin.PostFormAsync("/Admin/Media", [new("culture", "en"), new("returnUrl", "/Admin/Media")], "/Account/Culture");
        reply = await MediaFixtures.UploadAsync(admin, Enumerable.Repeat(text, 100).SelectMany(b => b).ToArray(), "fake.mp4");
        Assert.Contains("not a readable video", reply.Body.GetProperty("error").GetString(), StringComparison.Ordinal);

        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Video>().CountAsync()));
        Assert.Empty(Directory.GetDirectories(Path.Combine(settings["Learning:Media:StoragePath"]!, "videos")));
        var parts = Directory.GetFiles(Path.Combine(settings["Learning:Media:StoragePath"]!, "uploads"));
        Assert.Single(parts); // only the 1000-byte upload that was never finished

        // Two days later the abandoned upload is removed, part file and all.
        await site.WithDbAsync(db => db.Set<Upload>().ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedUtc, DateTime.UtcNow.AddDays(-3))));
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await site.Services.GetRequiredService<MediaSweep>().RemoveAsync(scope.ServiceProvider, CancellationToken.None));
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(settings["Learning:Media:StoragePath"]!, "uploads")));
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Upload>().CountAsync()));

        // Without the antiforgery header the upload API refuses.
        using var plain = new HttpRequestMessage(HttpMethod.Post, "/media/uploads") { Content = System.Net.Http.Json.JsonContent.Create(new { fileName = "a.mp4", size = 10 }) };
        using var refused = await admin.Http.SendAsync(plain);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TranscodeInterruptedByAShutdown_IsTakenAgainAndFinishes(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: Settings());
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var reply = await MediaFixtures.UploadAsync(admin, await File.ReadAllBytesAsync(await MediaFixtures.ClipAsync(20, 640, 360)), "dai.mp4");
        var publicId = reply.Body.GetProperty("video").GetString()!;
        var worker = site.Services.GetRequiredService<JobWorker>();

        // The node stops a second into the transcode: ffmpeg is stopped and the job released, not lost.
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            Assert.True(await worker.RunOnceAsync(stopping.Token));
        }

        var video = await site.WithDbAsync(db => db.Set<Video>().AsNoTracking().SingleAsync(v => v.PublicId == publicId));
        Assert.Equal(VideoState.Processing, video.State);
        var job = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == video.JobId));
        Assert.Equal(JobState.Running, job.State);
        Assert.Equal(1, job.Attempts);

        // Another node takes it: its progress starts again from zero, and the page says a new attempt began.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<JobStore>().ClaimAsync("node-b", TimeSpan.FromMinutes(5)));
        }

        var status = await admin.GetAsync($"/media/videos/{publicId}/status");
        Assert.Contains("\"progress\":0", status.Body, StringComparison.Ordinal);
        Assert.Contains("lần thử 2/3, làm lại từ đầu", System.Text.RegularExpressions.Regex.Unescape(status.Body), StringComparison.Ordinal);
        Assert.Contains("lần thử 2/3", (await admin.GetAsync($"/Admin/Media/Video/{video.Id}")).Body, StringComparison.Ordinal);
        await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Id == video.JobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LockedUntilUtc, DateTime.UtcNow.AddSeconds(-1)))); // node B died too

        // After the restart the job is taken again and finishes.
        await RunJobsAsync(site);
        video = await site.WithDbAsync(db => db.Set<Video>().AsNoTracking().SingleAsync(v => v.PublicId == publicId));
        job = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == video.JobId));
        Assert.True(video.State == VideoState.Ready && job.State == JobState.Succeeded,
            $"video {video.State}, job {job.State} after {job.Attempts} attempts, held by {job.LockedBy ?? "none"}: {job.Error}");
        Assert.Equal(3, job.Attempts);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HungTranscode_TimesOut_AndTheTrainerSeesWhy(DatabaseProvider provider)
    {
        var settings = Settings();
        settings["Learning:Jobs:TimeoutSeconds"] = "1";
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: settings);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var reply = await MediaFixtures.UploadAsync(admin, await File.ReadAllBytesAsync(await MediaFixtures.ClipAsync(20, 640, 360)), "treo.mp4");
        var publicId = reply.Body.GetProperty("video").GetString()!;

        await RunJobsAsync(site);

        var video = await site.WithDbAsync(db => db.Set<Video>().AsNoTracking().SingleAsync(v => v.PublicId == publicId));
        var job = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == video.JobId));
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(3, job.Attempts);
        Assert.Contains("Timed out", job.Error, StringComparison.Ordinal);
        var page = await admin.GetAsync($"/Admin/Media/Video/{video.Id}");
        Assert.Contains("id=\"job-error\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("Xử lý lại", page.Body, StringComparison.Ordinal);
        var status = await admin.GetAsync($"/media/videos/{publicId}/status");
        Assert.Contains("\"state\":\"Failed\"", status.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task HelpVideosRecipe_ImportsFilesNextToIt_AndABadFileChangesNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, settings: Settings());
        var folder = Directory.CreateTempSubdirectory("learning-recipe-").FullName;
        File.Copy(await MediaFixtures.ClipAsync(8, 640, 360), Path.Combine(folder, "ky-so.mp4"));
        await File.WriteAllTextAsync(Path.Combine(folder, "ky-so.vi.vtt"), "WEBVTT\n\n00:00:02.000 --> 00:00:05.000\nChọn chứng thư số rồi bấm Ký.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.mp4"), "không phải video");
        var recipe = """
            { "name": "help", "steps": [
              { "name": "helpVideos", "videos": [
                { "title": "Ký số một hồ sơ trên hệ thống một cửa", "description": "Từng bước ký số hồ sơ đã xử lý.", "field": "digital-signature", "file": "ky-so.mp4",
                  "captions": [ { "language": "vi", "file": "ky-so.vi.vtt" } ] } ] } ] }
            """;
        await File.WriteAllTextAsync(Path.Combine(folder, "help.recipe.json"), recipe);
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.recipe.json"), recipe.Replace("Ký số một", "Khác", StringComparison.Ordinal).Replace("ky-so.mp4", "notes.mp4", StringComparison.Ordinal));

        var bad = await site.WithServiceAsync<Learning.Modularity.IRecipeRunner, Learning.Modularity.RecipeResult>(r => r.RunFileAsync(Path.Combine(folder, "bad.recipe.json"), Learning.Modularity.RecipeRunOptions.System));
        Assert.False(bad.Succeeded);
        Assert.Equal("$.steps[0].videos[0].file", bad.JsonPath);
        Assert.Contains("không phải là video", bad.Error, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Video>().CountAsync()));

        // A recipe that copied a good video and then failed leaves no file behind (issue 9, item 4).
        var media = site.Services.GetRequiredService<MediaStorage>().Root;
        await File.WriteAllTextAsync(Path.Combine(folder, "late.recipe.json"), """
            { "name": "late", "steps": [ { "name": "helpVideos", "videos": [
                { "title": "Một video tốt", "file": "ky-so.mp4" },
                { "title": "Một tệp hỏng", "file": "notes.mp4" } ] } ] }
            """);
        var late = await site.WithServiceAsync<Learning.Modularity.IRecipeRunner, Learning.Modularity.RecipeResult>(r => r.RunFileAsync(Path.Combine(folder, "late.recipe.json"), Learning.Modularity.RecipeRunOptions.System));
        Assert.False(late.Succeeded);
        Assert.Equal("$.steps[0].videos[1].file", late.JsonPath);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Video>().CountAsync()));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(media, "staging")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(media, "videos")));

        var result = await site.WithServiceAsync<Learning.Modularity.IRecipeRunner, Learning.Modularity.RecipeResult>(r => r.RunFileAsync(Path.Combine(folder, "help.recipe.json"), Learning.Modularity.RecipeRunOptions.System));
        Assert.True(result.Succeeded, result.Error);
        // Running it again updates, it does not upload twice.
        result = await site.WithServiceAsync<Learning.Modularity.IRecipeRunner, Learning.Modularity.RecipeResult>(r => r.RunFileAsync(Path.Combine(folder, "help.recipe.json"), Learning.Modularity.RecipeRunOptions.System));
        Assert.True(result.Succeeded, result.Error);
        var video = await site.WithDbAsync(db => db.Set<Video>().AsNoTracking().SingleAsync());
        Assert.True(video.IsHelp);
        Assert.Equal("digital-signature", video.Field);
        await RunJobsAsync(site);
        Assert.True(File.Exists(Path.Combine(media, "videos", video.PublicId, "hls", "master.m3u8")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(media, "staging")));

        // What a killed host leaves (files no row owns) is swept once older than the grace period; young files and owned
        // ones stay.
        var old = DateTime.UtcNow.AddHours(-7);
        string Orphan(string path, bool aged)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "x");
            if (aged)
            {
                File.SetLastWriteTimeUtc(path, old);
                Directory.SetLastWriteTimeUtc(Path.GetDirectoryName(path)!, old);
            }

            return path;
        }

        var stagedOld = Orphan(Path.Combine(media, "staging", "aaaaaaaaaaaaaaaaaaaaaaaa", "source.mp4"), aged: true);
        var stagedYoung = Orphan(Path.Combine(media, "staging", "bbbbbbbbbbbbbbbbbbbbbbbb", "source.mp4"), aged: false);
        var videoOld = Orphan(Path.Combine(media, "videos", "cccccccccccccccccccccccc", "source.mp4"), aged: true);
        var partOld = Orphan(Path.Combine(media, "uploads", "dddddddddddddddd.part"), aged: true);
        File.SetLastWriteTimeUtc(Path.Combine(media, "videos", video.PublicId, "source.mp4"), old);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.Equal(3, await site.Services.GetRequiredService<MediaSweep>().RemoveOrphansAsync(scope.ServiceProvider, CancellationToken.None));
        }

        Assert.False(File.Exists(stagedOld));
        Assert.True(File.Exists(stagedYoung));
        Assert.False(File.Exists(videoOld));
        Assert.False(File.Exists(partOld));
        Assert.True(File.Exists(Path.Combine(media, "videos", video.PublicId, "hls", "master.m3u8")));

        using var cadre = await site.SignedInAsync("nguyen.thi.ngoc.diep.nhatrang@example.vn");
        var search = await cadre.GetAsync("/Help?q=chung+thu+so");
        Assert.Contains($"/Help/{video.PublicId}?t=2", search.Body, StringComparison.Ordinal);
        var watch = await cadre.GetAsync($"/Help/{video.PublicId}");
        Assert.Contains("data-src=\"/media/s/", watch.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"hotlines\"", watch.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:", watch.Body, StringComparison.Ordinal);
    }
}
