using System.Diagnostics;
using System.Globalization;
using System.Text;
using Learning.Data;
using Learning.Notifications;
using Learning.Notifications.Data;
using Learning.Notifications.Services.Mail;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Learning.Bench;

/// <summary>
/// E-mail throughput (issue 12): N messages through the outbox — written by <see cref="Outbox.Add"/>, drained by the send job's
/// code (<see cref="OutboxSender.DrainAsync"/>: claims, one connection, marks) — against the floor, a bare MailKit loop that
/// builds the same N messages and sends them over one connection, in the same run and to the same server. Runs alternate
/// which goes first; the figures are medians.
/// </summary>
public static class MailBench
{
    private const string Subject = "Nhắc hạn: khóa “Kỹ năng số cho cán bộ xã” còn 7 ngày";
    private static readonly string Text = string.Join('\n', Enumerable.Repeat("Chào chị Nguyễn Thị Ngọc Diệp, khóa “Kỹ năng số cho cán bộ xã” hết hạn ngày 15/12/2026. Mở: https://hoctap.example.vn/Courses/ky-nang-so", 5));
    private static readonly string Html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>Chào chị <b>Nguyễn Thị Ngọc Diệp</b>, khóa “Kỹ năng số cho cán bộ xã” hết hạn ngày <b>15/12/2026</b>. <a href=\"https://hoctap.example.vn/Courses/ky-nang-so\">Mở khóa học</a></p>", 5)) + "</body></html>";

    public static async Task RunAsync(IServiceProvider services, int messages, int runs, int warmup)
    {
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var outbox = services.GetRequiredService<IOptions<OutboxOptions>>().Value;
        if (smtp.Host.Length == 0)
        {
            throw new InvalidOperationException("Set Learning__Notifications__Smtp__Host (the sink).");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        Console.WriteLine(FormattableString.Invariant(
            $"{messages} messages per run, {runs} runs; SMTP {smtp.Host}:{smtp.Port}; outbox batch {outbox.BatchSize}, {smtp.MessagesPerConnection} messages per connection"));
        Console.WriteLine("warm-up (not measured)");
        await FloorAsync(smtp, warmup, "warmup");
        await EnqueueAsync(services, warmup, "warmup");
        await DrainAsync(services, warmup);

        var floor = new List<double>();
        var sent = new List<double>();
        var enqueue = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            // Alternate which goes first, so drift on a shared machine falls on both sides alike.
            async Task Floor() => floor.Add(await FloorAsync(smtp, messages, $"r{run}"));
            async Task Outbox()
            {
                enqueue.Add(await EnqueueAsync(services, messages, $"r{run}"));
                sent.Add(await DrainAsync(services, messages));
            }

            if (run % 2 == 1)
            {
                await Floor();
                await Outbox();
            }
            else
            {
                await Outbox();
                await Floor();
            }

            Console.WriteLine(FormattableString.Invariant(
                $"run {run}: floor {floor[^1]:0} msg/s, outbox {sent[^1]:0} msg/s ({sent[^1] / floor[^1] * 100:0.0} %), enqueue {enqueue[^1]:0} msg/s"));
        }

        var f = Median(floor);
        var o = Median(sent);
        var paired = Median(floor.Zip(sent, (a, b) => b / a).ToList());
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT messages={messages} runs={runs} floor_msg_s={f:0} outbox_msg_s={o:0} ratio_pct={o / f * 100:0.0} paired_ratio_pct={paired * 100:0.0} enqueue_msg_s={Median(enqueue):0}"));
    }

    /// <summary>The floor: build each message with MimeKit and send it, all over one connection. Returns messages per second.</summary>
    private static async Task<double> FloorAsync(SmtpOptions smtp, int count, string tag)
    {
        var watch = Stopwatch.StartNew();
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None);
        for (var i = 0; i < count; i++)
        {
            using var message = new MimeMessage();
            message.From.Add(new MailboxAddress(Encoding.UTF8, smtp.FromName, smtp.FromAddress));
            message.To.Add(new MailboxAddress(Encoding.UTF8, "Nguyễn Thị Ngọc Diệp", $"floor.{tag}.{i}@example.vn"));
            message.Headers.Replace(HeaderId.Subject, Encoding.UTF8, Subject);
            message.MessageId = $"floor.{tag}.{i}.{Guid.NewGuid():N}@learning";
            var text = new TextPart("plain");
            text.SetText(Encoding.UTF8, Text);
            var html = new TextPart("html");
            html.SetText(Encoding.UTF8, Html);
            message.Body = new MultipartAlternative { text, html };
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(true);
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Writes the messages to the outbox as a module would, 500 per unit of work. Returns messages per second.</summary>
    private static async Task<double> EnqueueAsync(IServiceProvider services, int count, string tag)
    {
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < count; start += 500)
        {
            await using var scope = services.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            for (var i = start; i < Math.Min(count, start + 500); i++)
            {
                outbox.Add(new MailDraft($"outbox.{tag}.{i}@example.vn", "Nguyễn Thị Ngọc Diệp", "courses.due_7_days", "vi", Subject, Text, Html));
            }

            await scope.ServiceProvider.GetRequiredService<LearningDbContext>().SaveChangesAsync();
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Drains the outbox with the send job's code and checks every message was marked Sent. Returns messages per second.</summary>
    private static async Task<double> DrainAsync(IServiceProvider services, int count)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OutboxSender>().DrainAsync("bench:" + Environment.ProcessId, CancellationToken.None, TimeSpan.FromHours(1));
        var elapsed = watch.Elapsed.TotalSeconds;
        var pending = await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Set<OutboxMessage>().CountAsync(m => m.State != OutboxState.Sent);
        if (result.Sent != count || pending != 0)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"Outbox run: {result}; {pending} message(s) not Sent (expected {count} sent)."));
        }

        return count / elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
