using System.Diagnostics;
using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Media;

/// <summary>
/// Issue 9, item 6: uploads on a real disk that fills up (a small tmpfs) and one that turns read-only. A full disk is 507 with a
/// Vietnamese message, the chunk is all-or-nothing, and the upload resumes once space is freed; an unwritable disk leaves no row.
/// </summary>
public sealed class UploadStorageFaultTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task FullDisk_Is507_AndTheUploadResumesOnceSpaceIsFreed_ReadOnlyDiskLeavesNoRow(DatabaseProvider provider)
    {
        var bytes = await File.ReadAllBytesAsync(await MediaFixtures.ClipAsync(8, 640, 360));
        var media = Directory.CreateTempSubdirectory("learning-tmpfs-").FullName;
        var size = (bytes.Length + (2 * 1024 * 1024)) / 1024; // the clip and 2 MB to spare, in KiB
        await RunAsync("mount", $"-t tmpfs -o size={size}k tmpfs {media}");
        try
        {
            await using var site = await TestSite.StartAsync(provider, settings: new()
            {
                ["Learning:Media:StoragePath"] = media,
                ["Learning:Storage:MinFreeMegabytes"] = "0",
            });
            using var admin = await site.SignedInAsync(TestSite.AdminEmail);
            var token = await admin.TokenAsync("/Admin/Media");

            // A file larger than the disk has room for is refused before a byte is sent, and leaves nothing.
            var tooBig = await MediaFixtures.StartUploadAsync(admin, token, "lon.mp4", (size + 1024) * 1024L);
            Assert.Equal((HttpStatusCode)507, tooBig.Status);
            Assert.Contains("không còn đủ chỗ", tooBig.Body.GetProperty("error").GetString(), StringComparison.Ordinal);

            var started = await MediaFixtures.StartUploadAsync(admin, token, "huong-dan.mp4", bytes.Length);
            Assert.Equal(HttpStatusCode.Created, started.Status);
            var id = started.Body.GetProperty("id").GetString()!;

            // Something else fills the disk while the upload is under way.
            var ballast = Path.Combine(media, "ballast");
            await File.WriteAllBytesAsync(ballast, new byte[(size * 1024L) - (bytes.Length / 2) - (256 * 1024)]);

            long offset = 0;
            MediaFixtures.UploadReply reply;
            while (true)
            {
                reply = await MediaFixtures.PutChunkAsync(admin, token, id, offset, bytes.AsSpan((int)offset, (int)Math.Min(256 * 1024, bytes.Length - offset)).ToArray());
                if (reply.Status != HttpStatusCode.OK)
                {
                    break;
                }

                offset = reply.Body.GetProperty("received").GetInt64();
            }

            Assert.Equal((HttpStatusCode)507, reply.Status);
            Assert.Contains("Ổ đĩa lưu video của hệ thống đã đầy", reply.Body.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(offset, reply.Body.GetProperty("received").GetInt64()); // the refused chunk left nothing half-written
            Assert.Equal(offset, new FileInfo(Path.Combine(media, "uploads", id + ".part")).Length);

            // The administrator frees space: the same upload carries on from the server's bytes and becomes a video.
            File.Delete(ballast);
            var (_, statusBody, _) = await admin.GetAsync($"/media/uploads/{id}");
            Assert.Contains($"\"received\":{offset}", statusBody, StringComparison.Ordinal);
            while (offset < bytes.Length)
            {
                reply = await MediaFixtures.PutChunkAsync(admin, token, id, offset, bytes.AsSpan((int)offset, (int)Math.Min(256 * 1024, bytes.Length - offset)).ToArray());
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                offset = reply.Body.GetProperty("received").GetInt64();
            }

            var publicId = reply.Body.GetProperty("video").GetString()!;
            var staged = Directory.GetFiles(Path.Combine(media, "staging", publicId), "source.*").Single();
            Assert.Equal(bytes, await File.ReadAllBytesAsync(staged));

            // The disk turns read-only: a new upload is refused with a clear message, and no row is left without its file.
            await RunAsync("mount", $"-o remount,ro {media}");
            var refused = await MediaFixtures.StartUploadAsync(admin, token, "khac.mp4", 1000);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
            Assert.Contains("không ghi được", refused.Body.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, await site.WithDbAsync(db => db.Set<Upload>().CountAsync()));
        }
        finally
        {
            await RunAsync("umount", $"-l {media}");
            Directory.Delete(media, recursive: true);
        }
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {arguments}: {await errors}");
    }
}
