using System.Net;
using System.Text.RegularExpressions;
using Learning.IntegrationTests.Infrastructure;

namespace Learning.IntegrationTests.Foundation;

/// <summary>Issue 10, item 5 (field conditions): pages are compressed, and static files are fingerprinted and cached for good.</summary>
public sealed partial class FieldConditionsTests
{
    [Fact]
    public async Task Pages_AreCompressed_AndStaticFilesAreFingerprintedAndImmutable()
    {
        await using var site = await TestSite.StartAsync(Learning.Data.DatabaseProvider.Sqlite);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/Admin/Media");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var compressed = await admin.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));

        var page = await admin.GetAsync("/Admin/Media");
        var assets = Fingerprinted().Matches(page.Body).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.Contains("/site.", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("/upload.", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, asset);
            get.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            using var response = await admin.Http.SendAsync(get);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        }
    }

    [GeneratedRegex("(?:href|src)=\"(/_content/[^\"?]+\\.[a-z0-9]{8,12}\\.(?:css|js))\"")]
    private static partial Regex Fingerprinted();
}
