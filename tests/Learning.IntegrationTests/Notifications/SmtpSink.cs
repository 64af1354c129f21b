using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Learning.IntegrationTests.Notifications;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd on a free port of 127.0.0.1, storing each message as a file (Maildir),
/// with the rules of <c>smtp_rules.py</c> (some recipients get 450 or 550). It can be stopped and started again on the same
/// port, as a mail server that goes away and comes back.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private Process? process;

    private SmtpSink(int port, string directory)
    {
        (Port, Directory) = (port, directory);
    }

    public int Port { get; }

    /// <summary>The Maildir: messages arrive under <c>new/</c>.</summary>
    public string Directory { get; }

    public bool Running => process is { HasExited: false };

    /// <summary>Settings that point a test site at this sink (plain SMTP on loopback).</summary>
    public Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Learning:Notifications:Smtp:Host"] = "127.0.0.1",
            ["Learning:Notifications:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Learning:Notifications:Smtp:Security"] = "None",
            ["Learning:Notifications:Smtp:FromAddress"] = "hoctap@khanhhoa.example.vn",
            ["Learning:Notifications:Smtp:FromName"] = "Cổng học tập Khánh Hòa",
            ["Learning:Notifications:Smtp:TimeoutSeconds"] = "10",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<SmtpSink> StartAsync()
    {
        // A folder that does not exist yet: Python's Maildir makes its cur/new/tmp only when it creates the folder itself.
        var sink = new SmtpSink(FreePort(), Path.Combine(System.IO.Directory.CreateTempSubdirectory("learning-smtp-").FullName, "maildir"));
        await sink.StartAgainAsync();
        return sink;
    }

    public async Task StartAgainAsync()
    {
        if (Running)
        {
            return;
        }

        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_rules.RuleMailbox", Directory },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.Environment["PYTHONPATH"] = RepositoryRoot.File("tests", "Learning.IntegrationTests", "Notifications");
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    /// <summary>Every message received so far, parsed by MimeKit.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Directory, "new");
        return System.IO.Directory.Exists(folder)
            ? System.IO.Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    /// <summary>Waits until at least <paramref name="count"/> messages are stored (the sink writes after it answered 250).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                return messages;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
