using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Notifications;

/// <summary>Writing mail to the outbox as a module would, and running the sender as the send job does.</summary>
internal static class OutboxFixtures
{
    public const string Subject = "Nhắc hạn: khóa “Kỹ năng số cho cán bộ xã” còn 7 ngày";
    public const string ToName = "Nguyễn Thị Ngọc Diệp";

    public static MailDraft Draft(string address, string? subject = null, string toName = ToName) =>
        new(address, toName, "courses.due_7_days", "vi", subject ?? Subject,
            "Chào chị Diệp,\nKhóa “Kỹ năng số cho cán bộ xã” hết hạn ngày 15/12/2026.\nXem: https://hoctap.example.vn/Courses/ky-nang-so",
            "<p>Chào chị <b>Diệp</b>,</p><p>Khóa “Kỹ năng số cho cán bộ xã” hết hạn ngày 15/12/2026.</p>");

    /// <summary>Starts a site whose clock the test moves, pointed at <paramref name="sink"/>.</summary>
    public static Task<TestSite> StartAsync(DatabaseProvider provider, SmtpSink sink, ManualClock clock, Dictionary<string, string?>? settings = null) =>
        TestSite.StartAsync(provider, recipe: null, settings: sink.Settings(settings), services: s => s.AddSingleton<TimeProvider>(clock));

    /// <summary>Writes the drafts in one unit of work, as a module's change would; returns the rows.</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> EnqueueAsync(TestSite site, params MailDraft[] drafts)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var rows = drafts.Select(outbox.Add).ToList();
        await scope.ServiceProvider.GetRequiredService<LearningDbContext>().SaveChangesAsync();
        return rows;
    }

    public static Task<DrainResult> DrainAsync(TestSite site, string worker = "worker-1") =>
        site.WithServiceAsync<OutboxSender, DrainResult>(s => s.DrainAsync(worker, CancellationToken.None));

    public static Task<List<OutboxMessage>> RowsAsync(TestSite site) =>
        site.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public static Task<OutboxMessage> RowAsync(TestSite site, long id) =>
        site.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>How many copies of each Message-ID the sink received.</summary>
    public static Dictionary<string, int> CopiesById(SmtpSink sink) =>
        sink.Messages().GroupBy(m => m.MessageId ?? "").ToDictionary(g => g.Key, g => g.Count());

    public static TimeSpan Claim(TestSite site) =>
        TimeSpan.FromSeconds(site.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>().Value.ClaimSeconds);
}
