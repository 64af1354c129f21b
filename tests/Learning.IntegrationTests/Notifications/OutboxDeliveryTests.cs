using System.Net;
using System.Text;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Learning.IntegrationTests.Notifications;

/// <summary>Issue 12, transport: what reaches a real SMTP server (aiosmtpd), read back with MimeKit; the pickup directory; /health.</summary>
public sealed class OutboxDeliveryTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SendJob_DeliversVietnameseSubjectNamesBothPartsAttachmentAndHeaders_Once(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var site = await OutboxFixtures.StartAsync(provider, sink, new ManualClock());
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% giấy chứng nhận\n").Concat(Enumerable.Range(0, 3000).Select(i => (byte)i)).ToArray();
        var rows = await OutboxFixtures.EnqueueAsync(site, OutboxFixtures.Draft("nguyen.thi.ngoc.diep@example.vn") with
        {
            UnsubscribeUrl = "https://hoctap.example.vn/notifications/unsubscribe?t=abc.def",
            Attachments = [new NoticeAttachment("Giấy chứng nhận – Kỹ năng số.pdf", "application/pdf", pdf)],
        });

        // The unit of work queued the send job; the worker runs it, as on a node.
        var worker = site.Services.GetRequiredService<JobWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }

        var message = Assert.Single(await sink.WaitForAsync(1));
        Assert.Equal(OutboxFixtures.Subject, message.Subject);
        var subjectRaw = Encoding.UTF8.GetString(message.Headers.First(h => h.Id == HeaderId.Subject).RawValue);
        Assert.True(!subjectRaw.Contains("=?", StringComparison.Ordinal) || subjectRaw.Contains("=?utf-8?", StringComparison.OrdinalIgnoreCase), subjectRaw);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        Assert.Equal(("Cổng học tập Khánh Hòa", "hoctap@khanhhoa.example.vn"), (from.Name, from.Address));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal((OutboxFixtures.ToName, "nguyen.thi.ngoc.diep@example.vn"), (to.Name, to.Address));
        Assert.Contains("Khóa “Kỹ năng số cho cán bộ xã” hết hạn ngày 15/12/2026.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<b>Diệp</b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(rows[0].MessageId, message.MessageId);
        Assert.Equal("<https://hoctap.example.vn/notifications/unsubscribe?t=abc.def>", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        var attachment = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal("Giấy chứng nhận – Kỹ năng số.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(pdf, content.ToArray());

        var row = Assert.Single(await OutboxFixtures.RowsAsync(site));
        Assert.Equal((OutboxState.Sent, 1, null), (row.State, row.Attempts, row.ClaimedBy));
        Assert.NotNull(row.SentUtc);

        // Another run finds nothing to send.
        Assert.Equal(0, (await OutboxFixtures.DrainAsync(site)).Sent);
        Assert.Single(sink.Messages());
    }

    /// <summary>Several connections at once, each with its own claims: every message goes out once, whatever lane took it.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Drain_OverThreeConnections_SendsEveryMessageExactlyOnce(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var site = await OutboxFixtures.StartAsync(provider, sink, new ManualClock(), new()
        {
            ["Learning:Notifications:Smtp:Connections"] = "3",
            ["Learning:Notifications:Smtp:MessagesPerConnection"] = "7",
            ["Learning:Notifications:Outbox:BatchSize"] = "4",
        });
        var drafts = Enumerable.Range(1, 40).Select(i => OutboxFixtures.Draft($"can.bo.{i}@example.vn", $"Nhắc hạn khóa học số {i} — ữ ặ ỵ")).ToArray();
        var rows = await OutboxFixtures.EnqueueAsync(site, drafts);

        var result = await OutboxFixtures.DrainAsync(site);

        Assert.Equal((40, 0, 0, 0), (result.Sent, result.Retried, result.Dead, result.Released));
        await sink.WaitForAsync(40);
        var copies = OutboxFixtures.CopiesById(sink);
        Assert.Equal(rows.Select(r => r.MessageId).Order(), copies.Keys.Order());
        Assert.All(copies.Values, c => Assert.Equal(1, c));
        Assert.All(await OutboxFixtures.RowsAsync(site), r => Assert.Equal((OutboxState.Sent, 1, null), (r.State, r.Attempts, r.ClaimedBy)));
        Assert.Equal(0, (await OutboxFixtures.DrainAsync(site)).Sent);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task NoSmtpHost_WritesEachMessageAsAnEmlFile_UnderAppDataMail(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        var transport = site.Services.GetRequiredService<MailTransport>();
        var environment = site.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>();
        Assert.False(transport.UsesSmtp);
        Assert.Equal(Path.Combine(environment.ContentRootPath, "App_Data", "mail"), transport.PickupDirectory);

        var rows = await OutboxFixtures.EnqueueAsync(site, OutboxFixtures.Draft("tran.van.binh@example.vn"), OutboxFixtures.Draft("le.thi.hoa@example.vn", "Kết quả bài kiểm tra “Chữ ký số”"));
        var files = rows.Select(r => Path.Combine(transport.PickupDirectory, r.MessageId + ".eml")).ToList();
        try
        {
            Assert.Equal(2, (await OutboxFixtures.DrainAsync(site)).Sent);
            var written = files.Select(f => MimeMessage.Load(f)).ToList();
            Assert.Equal(rows.Select(r => r.MessageId), written.Select(m => m.MessageId));
            Assert.Equal("Kết quả bài kiểm tra “Chữ ký số”", written[1].Subject);
            Assert.Equal(OutboxFixtures.ToName, ((MailboxAddress)written[1].To[0]).Name);
            // No temporary file of these messages left (".{id}.{guid}.tmp"); other tests' sites share this folder and may be
            // writing theirs at this moment.
            Assert.DoesNotContain(Directory.EnumerateFiles(transport.PickupDirectory), f => rows.Any(r => Path.GetFileName(f).StartsWith("." + r.MessageId, StringComparison.Ordinal)));
            Assert.All(await OutboxFixtures.RowsAsync(site), r => Assert.Equal(OutboxState.Sent, r.State));
        }
        finally
        {
            files.ForEach(File.Delete);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Health_ReportsTheSmtpServer_CachedForHalfAMinute(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        var clock = new ManualClock();
        await using var site = await OutboxFixtures.StartAsync(provider, sink, clock);
        using var client = site.CreateSiteClient();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(client));

        await sink.StopAsync();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(client)); // the last answer is kept for 30 s
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((HttpStatusCode.OK, "Degraded"), await HealthAsync(client)); // the site works; mail waits in the outbox

        await sink.StartAgainAsync();
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthAsync(client));
    }

    private static async Task<(HttpStatusCode, string)> HealthAsync(SiteClient client)
    {
        var (status, body, _) = await client.GetAsync("/health");
        return (status, body);
    }
}
