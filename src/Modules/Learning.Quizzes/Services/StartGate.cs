using Microsoft.Extensions.Options;

namespace Learning.Quizzes.Services;

/// <summary>
/// Admits a bounded number of attempt starts at once on this node (<see cref="QuizzesOptions.ConcurrentStarts"/>); the rest
/// wait in arrival order. A synchronised exam start then builds attempts a few at a time with the processors to itself,
/// rather than thousands at once sharing them (and the connection pool, and the collector's heap), and the answers of
/// cadres already in the exam are saved between them.
/// </summary>
public sealed class StartGate(IOptions<QuizzesOptions> options) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Limit(options.Value), Limit(options.Value));

    public async Task<T> RunAsync<T>(Func<Task<T>> start, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await start();
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    private static int Limit(QuizzesOptions options) => options.ConcurrentStarts > 0 ? options.ConcurrentStarts : Environment.ProcessorCount * 4;
}
