using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;

namespace Learning.IntegrationTests.Foundation;

/// <summary>Issue 9, item 6 (first part): /health sees the storage folders, not only the database.</summary>
public sealed class StorageHealthTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Health_IsDegradedBelowTheFreeSpaceMinimum_AndUnhealthyWhenMediaCannotBeWritten(DatabaseProvider provider)
    {
        var media = Directory.CreateTempSubdirectory("learning-media-health-").FullName;
        await using (var site = await TestSite.StartAsync(provider, settings: new() { ["Learning:Media:StoragePath"] = media }))
        {
            using var client = site.CreateSiteClient();
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(client));

            // The media folder becomes a file: nothing can be written there any more.
            Directory.Delete(media, recursive: true);
            await File.WriteAllTextAsync(media, "không phải thư mục");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await HealthAsync(client));
            File.Delete(media);
            Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(client)); // the folder is made again
        }

        await using var full = await TestSite.StartAsync(provider, settings: new() { ["Learning:Storage:MinFreeMegabytes"] = "1000000000" });
        using var other = full.CreateSiteClient();
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await HealthAsync(other));
        Directory.Delete(media, recursive: true);
    }

    private static async Task<(HttpStatusCode, string)> HealthAsync(SiteClient client)
    {
        var (status, body, _) = await client.GetAsync("/health");
        return (status, body);
    }
}
