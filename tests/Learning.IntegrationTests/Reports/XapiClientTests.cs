using System.Text.Json;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Modularity;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;
using static Learning.IntegrationTests.Certificates.CertificateFixtures;
using static Learning.IntegrationTests.Reports.XapiTests;

namespace Learning.IntegrationTests.Reports;

/// <summary>
/// Issue 14: "any conformant xAPI client must be able to read the stream". A third-party client (@xapi/xapi, from npm, run by
/// Node) pages through the statements over real HTTP with a warehouse's key, following the <c>more</c> links the LRS gives,
/// and Learning Locker's statement validator (@learninglocker/xapi-validation) checks every statement it read.
/// </summary>
public sealed class XapiClientTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AThirdPartyXapiClient_ReadsEveryStatementOnce_AndAnLrsValidatorAcceptsEachOne(DatabaseProvider provider)
    {
        await using var site = await StartAsync(provider, kestrel: true);
        var (userId, courseId) = await SeedAsync(site); // registered (the commune's cadres), completed lesson and course
        await CompleteAsync(site, userId, courseId);
        await DrainJobsAsync(site);                       // earned (the certificate)
        await RecordAsync(site, Enumerable.Range(1, 12).Select(i => new LearningEvent(
            i % 2 == 0 ? LearningVerbs.Passed : LearningVerbs.Failed, userId, LearningActivityTypes.Quiz, "kiem-tra-" + i, "Kiểm tra chữ ký số – lần " + i)
        {
            CourseId = courseId, ScoreRaw = i % 11, ScoreMin = 0, ScoreMax = 10, Success = i % 2 == 0, Completion = true, Duration = TimeSpan.FromSeconds(75.25 + i),
        }).ToList());

        var province = await UnitPathAsync(site, "KH-NHATRANG", up: 1);
        var expected = await site.WithDbAsync(db => db.Set<XapiStatement>().Where(x => x.OrgPath.StartsWith(province)).OrderBy(x => x.Id).Select(x => x.StatementId).ToListAsync());
        Assert.True(expected.Count >= 16, $"{expected.Count} statements");
        var key = await IssueAsync(site, province);

        var read = await ReadWithClientAsync(new Uri(site.Address, "/xapi/"), key, limit: 5);

        Assert.Contains("1.0.3", read.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("1.0.3", read.GetProperty("version").GetString());
        var problems = read.GetProperty("problems").EnumerateArray().Select(p => p.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var ids = read.GetProperty("ids").EnumerateArray().Select(i => Guid.Parse(i.GetString()!)).ToList();
        Assert.Equal(expected, ids); // each once, in stored order, across pages
        Assert.InRange(read.GetProperty("pages").GetInt32(), (expected.Count + 4) / 5, (expected.Count + 4) / 5 + 1); // 5 a page
    }

    /// <summary>Runs tests/xapi-client/read-statements.cjs with the repository's node_modules (restored by the build's npm ci).</summary>
    private static async Task<JsonElement> ReadWithClientAsync(Uri endpoint, Learning.Reports.Services.Xapi.IssuedKey key, int limit)
    {
        var (exit, output, error) = await ExternalTool.RunAsync("node",
            [RepositoryRoot.File("tests", "xapi-client", "read-statements.cjs"), endpoint.ToString(), key.KeyId, key.Secret, limit.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            RepositoryRoot.Path, TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"node exited {exit}: {error}");
        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.Clone();
    }
}
