using Learning.Data;
using Learning.Data.Entities;
using Learning.IntegrationTests.Infrastructure;
using Learning.IntegrationTests.Media;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Learning.IntegrationTests.Notifications;

/// <summary>
/// Issue 12, bad input and faults: the SMTP server away, a worker killed mid-batch, two workers at once, 4xx and 5xx per
/// recipient, an invalid address, attachments over the limit. Nothing is lost; nothing is sent twice except in the one window
/// ADR-016 names, and then under the same Message-ID.
/// </summary>
public sealed class OutboxFaultTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ServerAway_MessagesWaitWithBackoff_ThenEachIsDeliveredExactlyOnce(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        var clock = new ManualClock { Now = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour), TimeSpan.Zero) }; // whole seconds: PostgreSQL keeps microseconds
        await using var site = await OutboxFixtures.StartAsync(provider, sink, clock, new() { ["Learning:Notifications:Outbox:BackoffBaseSeconds"] = "60" });
        await sink.StopAsync();
        var rows = await OutboxFixtures.EnqueueAsync(site, [.. Enumerable.Range(1, 12).Select(i => OutboxFixtures.Draft($"can.bo.{i}@example.vn", $"Thông báo số {i}"))]);

        var first = await OutboxFixtures.DrainAsync(site);
        Assert.Equal((0, 12, 0), (first.Sent, first.Retried, first.Dead));
        Assert.All(await OutboxFixtures.RowsAsync(site), r =>
        {
            Assert.Equal((OutboxState.Pending, 1, null), (r.State, r.Attempts, r.ClaimedBy));
            Assert.False(string.IsNullOrEmpty(r.LastError));
            Assert.Equal(clock.Now.UtcDateTime.AddSeconds(60), r.NextAttemptUtc);
        });

        // Still away after the first wait: the second wait is twice as long.
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(12, (await OutboxFixtures.DrainAsync(site)).Retried);
        Assert.All(await OutboxFixtures.RowsAsync(site), r => Assert.Equal((2, clock.Now.UtcDateTime.AddSeconds(120)), (r.Attempts, r.NextAttemptUtc)));

        // Back, but before the backoff has passed: nothing is tried.
        await sink.StartAgainAsync();
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, (await OutboxFixtures.DrainAsync(site)).Sent);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(12, (await OutboxFixtures.DrainAsync(site)).Sent);

        await sink.WaitForAsync(12);
        var copies = OutboxFixtures.CopiesById(sink);
        Assert.Equal(rows.Select(r => r.MessageId).Order(), copies.Keys.Order());
        Assert.All(copies.Values, c => Assert.Equal(1, c));
        Assert.All(await OutboxFixtures.RowsAsync(site), r => Assert.Equal((OutboxState.Sent, 3), (r.State, r.Attempts)));
        Assert.Equal(0, (await OutboxFixtures.DrainAsync(site)).Sent);
        Assert.Equal(12, sink.Messages().Count);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task WorkerKilledMidBatch_AnotherSendsOnlyTheUnsentOnes_AfterTheClaimRunsOut(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        var clock = new ManualClock();
        await using var site = await OutboxFixtures.StartAsync(provider, sink, clock);
        var rows = await OutboxFixtures.EnqueueAsync(site, [.. Enumerable.Range(1, 10).Select(i => OutboxFixtures.Draft($"xa.{i}@example.vn", $"Thư {i}"))]);

        // A worker claims all ten, delivers four (marked Sent), and dies.
        IReadOnlyList<long> claimed = [];
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var dying = scope.ServiceProvider.GetRequiredService<OutboxSender>();
            claimed = await dying.ClaimAsync("node-a:4242", 50, CancellationToken.None);
            Assert.Equal(10, claimed.Count);
            Assert.Equal(4, (await dying.SendAsync("node-a:4242", claimed.Take(4).ToList(), CancellationToken.None)).Sent);
        }

        // While its claim holds, nobody else sends the six it held.
        Assert.Equal(0, (await OutboxFixtures.DrainAsync(site, "node-b:1")).Sent);
        clock.Advance(OutboxFixtures.Claim(site) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await OutboxFixtures.DrainAsync(site, "node-b:1")).Sent);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(6, (await OutboxFixtures.DrainAsync(site, "node-b:1")).Sent);
        await sink.WaitForAsync(10);
        var copies = OutboxFixtures.CopiesById(sink);
        Assert.Equal(rows.Select(r => r.MessageId).Order(), copies.Keys.Order());
        Assert.All(copies.Values, c => Assert.Equal(1, c));
        Assert.All(await OutboxFixtures.RowsAsync(site), r => Assert.Equal(OutboxState.Sent, r.State));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task CrashBetweenAcceptanceAndMarking_RepeatsTheMessage_UnderTheSameMessageId(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        var clock = new ManualClock();
        await using var site = await OutboxFixtures.StartAsync(provider, sink, clock);
        var row = (await OutboxFixtures.EnqueueAsync(site, OutboxFixtures.Draft("dang.van.tam@example.vn")))[0];

        // The worker hands the message to the server and dies before it writes Sent: the one window ADR-016 names.
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<OutboxSender>();
            var claimed = Assert.Single(await sender.ClaimAsync("node-a:77", 10, CancellationToken.None));
            var message = scope.ServiceProvider.GetRequiredService<MailMessageFactory>().Create(await OutboxFixtures.RowAsync(site, claimed), []);
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", sink.Port, MailKit.Security.SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        clock.Advance(OutboxFixtures.Claim(site) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await OutboxFixtures.DrainAsync(site, "node-b:1")).Sent);
        var copies = await sink.WaitForAsync(2);
        Assert.Equal(2, copies.Count);
        Assert.All(copies, m => Assert.Equal(row.MessageId, m.MessageId)); // a receiver that keeps Message-IDs drops the second
        Assert.Equal(copies[0].Date, copies[1].Date);
        Assert.Equal(OutboxState.Sent, (await OutboxFixtures.RowAsync(site, row.Id)).State);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task TwoWorkersDrainingAtOnce_DeliverEachMessageOnce(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var site = await OutboxFixtures.StartAsync(provider, sink, new ManualClock(), new() { ["Learning:Notifications:Outbox:BatchSize"] = "7" });
        var rows = await OutboxFixtures.EnqueueAsync(site, [.. Enumerable.Range(1, 150).Select(i => OutboxFixtures.Draft($"hv.{i}@example.vn", $"Thư {i}"))]);

        using var start = new SemaphoreSlim(0, 2);
        async Task<DrainResult> Worker(string name)
        {
            await using var scope = site.Services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<OutboxSender>();
            await start.WaitAsync();
            return await sender.DrainAsync(name, CancellationToken.None);
        }

        var workers = new[] { Task.Run(() => Worker("node-a:1")), Task.Run(() => Worker("node-b:1")) };
        start.Release(2);
        var results = await Task.WhenAll(workers);

        Assert.Equal(150, results.Sum(r => r.Sent));
        await sink.WaitForAsync(150);
        var copies = OutboxFixtures.CopiesById(sink);
        Assert.Equal(rows.Select(r => r.MessageId).Order(), copies.Keys.Order());
        Assert.All(copies.Values, c => Assert.Equal(1, c));
        Assert.All(await OutboxFixtures.RowsAsync(site), r => Assert.Equal((OutboxState.Sent, 1), (r.State, r.Attempts)));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Answer4xx_IsRetriedAfterBackoff_ThenDelivered_OrDeadAfterMaxAttempts_AndResendFromThePage(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        var clock = new ManualClock();
        await using var site = await OutboxFixtures.StartAsync(provider, sink, clock, new()
        {
            ["Learning:Notifications:Outbox:MaxAttempts"] = "2",
            ["Learning:Notifications:Outbox:BackoffBaseSeconds"] = "30",
        });
        var rows = await OutboxFixtures.EnqueueAsync(site,
            OutboxFixtures.Draft("defer1.pham.thi.lan@example.vn"), OutboxFixtures.Draft("defer2.vo.van.kiet@example.vn"), OutboxFixtures.Draft("ho.thi.thu@example.vn"));

        Assert.Equal((1, 2, 0), Counts(await OutboxFixtures.DrainAsync(site)));
        var waiting = await OutboxFixtures.RowAsync(site, rows[0].Id);
        Assert.StartsWith("450 ", waiting.LastError, StringComparison.Ordinal);
        Assert.Contains("Mailbox busy, try again later", waiting.LastError, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((1, 0, 1), Counts(await OutboxFixtures.DrainAsync(site)));
        Assert.Equal((OutboxState.Sent, 2), State(await OutboxFixtures.RowAsync(site, rows[0].Id)));
        var dead = await OutboxFixtures.RowAsync(site, rows[1].Id);
        Assert.Equal((OutboxState.Dead, 2), State(dead));
        Assert.Contains("450 ", dead.LastError, StringComparison.Ordinal);

        // The administrator sees the dead letter and resends it: pending again with its attempts counted afresh, audited.
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var (_, list, _) = await admin.GetAsync("/Admin/Notifications/Outbox?state=Dead");
        Assert.Contains("defer2.vo.van.kiet@example.vn", list, StringComparison.Ordinal);
        Assert.Contains("Mailbox busy", list, StringComparison.Ordinal);
        var (_, detail, _) = await admin.GetAsync($"/Admin/Notifications/Outbox/Message/{rows[1].Id}");
        Assert.Contains($"&lt;{rows[1].MessageId}&gt;", detail, StringComparison.Ordinal);
        // The headers are the ones the sender writes (its factory), decoded: the Vietnamese subject and name whole, RFC 3834.
        Assert.Contains(OutboxFixtures.Subject, detail, StringComparison.Ordinal);
        Assert.Contains(OutboxFixtures.ToName, detail, StringComparison.Ordinal);
        Assert.Contains("auto-generated", detail, StringComparison.Ordinal);
        var (status, _, location) = await admin.PostFormAsync($"/Admin/Notifications/Outbox/Message/{rows[1].Id}", [], $"/Admin/Notifications/Outbox/Message/{rows[1].Id}?handler=Resend");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, status);
        Assert.Contains("Thư số " + rows[1].Id, (await admin.GetAsync(location!)).Body, StringComparison.Ordinal);
        Assert.Equal((OutboxState.Pending, 0), State(await OutboxFixtures.RowAsync(site, rows[1].Id)));
        Assert.True(await site.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.Action == "notifications.outbox.resent" && a.Subject == rows[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // Its third try is accepted; resending a message that is not dead is refused.
        Assert.Equal((1, 0, 0), Counts(await OutboxFixtures.DrainAsync(site)));
        Assert.Equal(OutboxState.Sent, (await OutboxFixtures.RowAsync(site, rows[1].Id)).State);
        var (again, _, _) = await admin.PostFormAsync("/Account/Manage", [new("id", rows[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/Admin/Notifications/Outbox?handler=Resend");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, again);

        await sink.WaitForAsync(3);
        Assert.All(OutboxFixtures.CopiesById(sink).Values, c => Assert.Equal(1, c));
        Assert.Equal(3, sink.Messages().Count);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Answer5xx_InvalidAddress_AttachmentsOverTheLimit_AreDeadAtOnce_AndDoNotBlockTheRest(DatabaseProvider provider)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var site = await OutboxFixtures.StartAsync(provider, sink, new ManualClock(), new() { ["Learning:Notifications:Outbox:MaxAttachmentBytes"] = "2000000" });
        var rows = await OutboxFixtures.EnqueueAsync(site,
            OutboxFixtures.Draft("a.truoc@example.vn"),
            OutboxFixtures.Draft("reject.khong.co@example.vn"),
            OutboxFixtures.Draft("không phải địa chỉ"),
            OutboxFixtures.Draft("bao.cao@example.vn") with { Attachments = [new NoticeAttachment("Báo cáo tháng.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new byte[2_100_000])] },
            OutboxFixtures.Draft("b.sau@example.vn"));

        Assert.Equal((2, 0, 3), Counts(await OutboxFixtures.DrainAsync(site)));
        var all = await OutboxFixtures.RowsAsync(site);
        Assert.Equal([OutboxState.Sent, OutboxState.Dead, OutboxState.Dead, OutboxState.Dead, OutboxState.Sent], all.Select(r => r.State));
        Assert.All(all, r => Assert.Equal(1, r.Attempts));
        Assert.StartsWith("550 ", all[1].LastError, StringComparison.Ordinal);
        Assert.Contains("User unknown in virtual mailbox table", all[1].LastError, StringComparison.Ordinal);
        Assert.Equal("Địa chỉ người nhận không hợp lệ: “không phải địa chỉ”.", all[2].LastError);
        Assert.Contains("vượt giới hạn", all[3].LastError, StringComparison.Ordinal);
        Assert.Contains("MaxAttachmentBytes", all[3].LastError, StringComparison.Ordinal);

        await sink.WaitForAsync(2);
        Assert.Equal(["a.truoc@example.vn", "b.sau@example.vn"], sink.Messages().Select(m => ((MimeKit.MailboxAddress)m.To[0]).Address).Order());

        // Dead letters stay dead: another run sends nothing.
        Assert.Equal((0, 0, 0), Counts(await OutboxFixtures.DrainAsync(site)));
        Assert.Equal(rows.Count, (await OutboxFixtures.RowsAsync(site)).Count);
    }

    private static (int Sent, int Retried, int Dead) Counts(DrainResult result) => (result.Sent, result.Retried, result.Dead);

    private static (OutboxState, int) State(OutboxMessage row) => (row.State, row.Attempts);
}
