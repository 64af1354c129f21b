using Learning.Reports.Data;
using Learning.Reports.Services.Xapi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.UnitTests.Reports;

public sealed class ApiRequestLogTests
{
    /// <summary>
    /// The audit of API use under a flood the database cannot keep up with: once the queue holds <see cref="ApiRequestLog.Capacity"/>
    /// rows, a row is refused, counted, and the host's log is told with the count, at most once per
    /// <see cref="ApiRequestLog.DropWarningInterval"/> (before, the channel dropped rows while answering that it took them: no
    /// count and no warning).
    /// </summary>
    [Fact]
    public void AFullQueue_DropsRows_CountsThem_AndWarnsOncePerInterval()
    {
        var clock = new StepClock();
        var logger = new Warnings();
        var log = new ApiRequestLog(clock, Options.Create(new ReportsApiOptions()), logger);
        var row = new ApiRequest { ClientId = 7, Method = "GET", Path = "/xapi/statements", Status = 200 };

        Assert.All(Enumerable.Range(0, ApiRequestLog.Capacity), _ => Assert.True(log.Enqueue(row)));
        Assert.Equal(0, log.Dropped);
        Assert.Empty(logger.Lines);

        Assert.All(Enumerable.Range(0, 50), _ => Assert.False(log.Enqueue(row)));
        Assert.Equal(50, log.Dropped);
        Assert.Equal(["API request log full (20000 rows waiting): 1 request(s) not logged since the last warning; the last: GET /xapi/statements of client 7 (200)"], logger.Lines);

        clock.Now += ApiRequestLog.DropWarningInterval;
        Assert.False(log.Enqueue(row));
        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains(": 50 request(s) not logged", logger.Lines[1], StringComparison.Ordinal);

        // The writer takes rows: the queue has room again.
        Assert.True(log.Pending.TryRead(out _));
        Assert.True(log.Enqueue(row));
        Assert.Equal(51, log.Dropped);
    }

    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class Warnings : ILogger<ApiRequestLog>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
