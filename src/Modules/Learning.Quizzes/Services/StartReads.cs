using System.Threading.Channels;
using Learning.Data;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Quizzes.Services;

/// <summary>
/// Reads the cadres' attempts for their starts in groups: each start asks for its cadre's attempts at its quiz (those drawn
/// ahead included) and waits; one loop takes every start waiting (up to <see cref="QuizzesOptions.StartGroupSize"/>) and
/// answers them all with one query, on a context leased for it (ADR-035). Alone, a start is a group of one and is read at
/// once; at an exam's synchronised start, the starts that arrive while a group is read go together in the next, so
/// thousands of starts cost a few dozen reads instead of a round trip apiece (ADR-043).
/// <para>
/// A read answers for the moment it ran, as the one it replaces did: two starts of the same cadre racing both see no
/// attempt, draw the same number, and the writer's unique key settles which is theirs (<see cref="StartWriter"/>).
/// </para>
/// </summary>
public sealed class StartReads : IDisposable
{
    private readonly IDbContextFactory<LearningDbContext> contexts;
    private readonly ILogger<StartReads> logger;
    private readonly int groupSize;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Lazy<Task> loop;

    public StartReads(IDbContextFactory<LearningDbContext> contexts, IOptions<QuizzesOptions> options, ILogger<StartReads> logger)
    {
        this.contexts = contexts;
        this.logger = logger;
        groupSize = Math.Max(1, options.Value.StartGroupSize);
        loop = new(() => Task.Run(ReadLoopAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The cadre's attempts at the quiz, in number order, those not started (drawn ahead) included.</summary>
    public async Task<List<Attempt>> ReadAsync(int quizId, string userId, CancellationToken cancellationToken)
    {
        _ = loop.Value;
        var pending = new Pending(quizId, userId);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public void Dispose() => queue.Writer.TryComplete();

    private async Task ReadLoopAsync()
    {
        var group = new List<Pending>(groupSize);
        while (await queue.Reader.NextGroupAsync(group, groupSize))
        {
            try
            {
                await AnswerAsync(group);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The attempts of {Count} starts could not be read", group.Count);
                group.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    /// <summary>
    /// Answers the group. Each start owns the attempts it is handed (it may make the one drawn ahead ready to start), so a
    /// cadre asking twice in one group (a double click, two tabs) has the second answer from a read of its own.
    /// </summary>
    private async Task AnswerAsync(List<Pending> group)
    {
        var handed = new HashSet<(int, string)>();
        while (group.Count > 0)
        {
            var found = await ReadGroupAsync(group);
            handed.Clear();
            foreach (var pending in group.Where(p => handed.Add((p.QuizId, p.UserId))))
            {
                pending.Done.TrySetResult(found[(pending.QuizId, pending.UserId)].ToList());
            }

            group.RemoveAll(p => p.Done.Task.IsCompleted);
        }
    }

    /// <summary>
    /// One query for the group: the quizzes' and the cadres' ids as two lists (almost always one quiz; with several, a cadre's
    /// attempts at a quiz they did not ask about are read too, and not handed out). Retried by the provider's execution
    /// strategy on a transient failure, as any read outside a transaction.
    /// </summary>
    private async Task<ILookup<(int, string), Attempt>> ReadGroupAsync(IReadOnlyList<Pending> group)
    {
        var quizIds = group.Select(p => p.QuizId).Distinct().ToList();
        var userIds = group.Select(p => p.UserId).Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var rows = await db.Set<Attempt>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => quizIds.Contains(a.QuizId) && userIds.Contains(a.UserId))
            .OrderBy(a => a.Number)
            .ToListAsync(CancellationToken.None);
        return rows.ToLookup(a => (a.QuizId, a.UserId));
    }

    private sealed record Pending(int QuizId, string UserId)
    {
        public TaskCompletionSource<List<Attempt>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
