using Learning.Quizzes.Services;
using Microsoft.Extensions.Options;

namespace Learning.Quizzes.Tests;

public sealed class StartGateTests
{
    [Fact]
    public async Task Admits_at_most_the_limit_at_once_and_the_rest_in_arrival_order()
    {
        using var gate = new StartGate(Options.Create(new QuizzesOptions { ConcurrentStarts = 2 }));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var most = 0;
        var order = new List<int>();
        var starts = new List<Task<int>>();
        for (var i = 0; i < 6; i++)
        {
            var n = i;
            starts.Add(gate.RunAsync(async () =>
            {
                lock (order)
                {
                    order.Add(n);
                    most = Math.Max(most, ++running);
                }

                await release.Task;
                lock (order)
                {
                    running--;
                }

                return n;
            }, CancellationToken.None));
        }

        await Task.Delay(50);
        Assert.Equal([0, 1], order);
        release.SetResult();
        var results = await Task.WhenAll(starts);
        Assert.Equal([0, 1, 2, 3, 4, 5], results);
        Assert.Equal([0, 1, 2, 3, 4, 5], order);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task A_starter_who_leaves_the_queue_takes_no_place()
    {
        using var gate = new StartGate(Options.Create(new QuizzesOptions { ConcurrentStarts = 1 }));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = gate.RunAsync(() => release.Task, CancellationToken.None);
        using var gone = new CancellationTokenSource();
        var waiting = gate.RunAsync(() => Task.FromResult(2), gone.Token);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.SetResult(1);
        Assert.Equal(1, await first);
        Assert.Equal(3, await gate.RunAsync(() => Task.FromResult(3), CancellationToken.None));
    }
}
