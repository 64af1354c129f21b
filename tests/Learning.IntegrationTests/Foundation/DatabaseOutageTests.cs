using System.Collections.Concurrent;
using System.Net;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Learning.IntegrationTests.Foundation;

/// <summary>Issue 9, item 5: a database that goes away is a 503 with Retry-After, logged once, and the site comes back by itself.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task PostgreSqlStopped_PagesAndEndpointsAnswer503WithRetryAfter_OneLogLine_AndRecover()
    {
        await using var postgres = await PrivatePostgres.CreateAsync();
        var lines = new ConcurrentQueue<string>();
        await using var site = await TestSite.StartAsync(DatabaseProvider.PostgreSql,
            settings: new() { ["Learning:Database:ConnectionString"] = postgres.ConnectionString("learning_outage") },
            services: s => s.AddSingleton<ILoggerProvider>(new CollectingLogger(lines)));
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Organization")).Status);

        await postgres.StopAsync();
        for (var i = 0; i < 2; i++) // each waits for the execution strategy's retries (a few seconds) before answering 503
        {
            using var page = await admin.Http.GetAsync("/Admin/Organization");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("5", page.Headers.GetValues("Retry-After").Single());
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Hệ thống đang tạm bận", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", html, StringComparison.Ordinal);

            using var json = await admin.Http.GetAsync("/media/videos/0123456789abcdef01234567/status");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, json.StatusCode);
            Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
            Assert.True(json.Headers.Contains("Retry-After"));
        }

        Assert.Single(lines, l => l.Contains("Database unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal));
        // EF Core's own per-command error lines are quiet too: one outage, one line.
        Assert.DoesNotContain(lines, l => l.Contains("Failed executing DbCommand", StringComparison.Ordinal)
            || l.Contains("An exception occurred", StringComparison.Ordinal) || l.Contains("An error occurred using the connection", StringComparison.Ordinal));

        await postgres.StartAsync();
        var back = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 50 && back != HttpStatusCode.OK; i++)
        {
            await Task.Delay(200);
            back = (await admin.GetAsync("/Admin/Organization")).Status;
        }

        Assert.Equal(HttpStatusCode.OK, back);
    }

    [Fact]
    public async Task PostgreSqlRestarted_RequestsInFlightAreRetried_AndNoneFails()
    {
        await using var postgres = await PrivatePostgres.CreateAsync();
        await using var site = await TestSite.StartAsync(DatabaseProvider.PostgreSql,
            settings: new() { ["Learning:Database:ConnectionString"] = postgres.ConnectionString("learning_restart") });
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Organization")).Status);

        var statuses = new ConcurrentQueue<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        async Task Load()
        {
            while (!stop.IsCancellationRequested)
            {
                using var page = await admin.Http.GetAsync("/Admin/Organization", CancellationToken.None);
                statuses.Enqueue(page.StatusCode);
            }
        }

        var load = Task.WhenAll(Load(), Load());
        await Task.Delay(500);
        await postgres.StopAsync(); // a restart, as an operator's "systemctl restart postgresql"
        await postgres.StartAsync();
        await Task.Delay(1500);
        await stop.CancelAsync();
        await load;

        Assert.True(statuses.Count > 4, $"{statuses.Count} requests");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private sealed class CollectingLogger(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
