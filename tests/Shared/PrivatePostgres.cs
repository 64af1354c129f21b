using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Learning.Testing;

/// <summary>
/// A PostgreSQL cluster of one test's own, which the test may stop and start (the shared server of test.sh serves every
/// other test at the same time, so it must never be stopped). Made as scripts/postgres.sh makes the shared one.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string folder;
    private readonly string bin;
    private readonly int port;

    private PrivatePostgres(string folder, string bin, int port)
    {
        (this.folder, this.bin, this.port) = (folder, bin, port);
    }

    public int Port => port;

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Timeout=3");

    /// <summary>One value from <paramref name="sql"/> in <paramref name="database"/>, by psql (no driver needed by the caller).</summary>
    public async Task<string> QueryAsync(string database, string sql)
    {
        var start = new ProcessStartInfo(Path.Combine(bin, "psql")) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = "/" };
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database, "-Atqc", sql })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? (await output).Trim() : throw new InvalidOperationException($"psql: {await errors}");
    }

    public static async Task<PrivatePostgres> CreateAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderBy(d => d, StringComparer.Ordinal).Last();
        var folder = Directory.CreateTempSubdirectory("learning-pg-private-").FullName;
        using (var socket = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            socket.Start();
            var free = ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
            socket.Stop();
            var server = new PrivatePostgres(folder, bin, free);
            await RunAsync("chown", $"postgres \"{folder}\"");
            await server.AsPostgresAsync($"{bin}/initdb -D {folder}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null");
            await server.StartAsync();
            return server;
        }
    }

    /// <summary>
    /// A streaming standby of this server on another port (<c>pg_basebackup -R</c>: a base backup with the WAL streamed during it,
    /// <c>standby.signal</c> and <c>primary_conninfo</c> written), started and accepting read-only connections. initdb's
    /// defaults are enough on the primary: wal_level=replica, max_wal_senders=10, and a trusted replication line for 127.0.0.1.
    /// </summary>
    public async Task<PrivatePostgres> CreateStandbyAsync()
    {
        var standbyFolder = Directory.CreateTempSubdirectory("learning-pg-standby-").FullName;
        using var socket = new TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        var free = ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        var standby = new PrivatePostgres(standbyFolder, bin, free);
        await RunAsync("chown", $"postgres \"{standbyFolder}\"");
        await AsPostgresAsync($"{bin}/pg_basebackup -h 127.0.0.1 -p {port} -U postgres -D {standbyFolder}/data -R -X stream -c fast --no-sync");
        await standby.StartAsync();
        return standby;
    }

    public Task StartAsync() =>
        AsPostgresAsync($"{bin}/pg_ctl -D {folder}/data -l {folder}/log -w -o '-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null");

    public Task StopAsync() => AsPostgresAsync($"{bin}/pg_ctl -D {folder}/data -m fast -w stop >/dev/null");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        Directory.Delete(folder, recursive: true);
    }

    private Task AsPostgresAsync(string command) =>
        Environment.UserName == "root"
            ? RunAsync("su", $"postgres -s /bin/bash -c \"{command.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")
            : RunAsync("sudo", $"-u postgres bash -c \"{command.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");

    private static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = "/" };
        if (file == "chown" && Environment.UserName != "root")
        {
            start = new ProcessStartInfo("sudo", "chown " + arguments) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = "/" };
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: {await errors}");
        }
    }
}
