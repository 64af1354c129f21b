using System.Threading.Channels;
using Learning.Data;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Quizzes.Services;

/// <summary>
/// Stores new attempts in groups (a group commit). Each start hands its built attempt here and waits; two writers each take
/// every start waiting (up to <see cref="QuizzesOptions.StartGroupSize"/>) and store them in one transaction: the attempts
/// (their drawn questions on their own rows, <see cref="AttemptDraw"/>), their Started events, and their statements for the
/// province's warehouse, each kind in one multi-row insert (no change tracker), then one commit. Alone, a start is a group of one and goes at once; at an
/// exam's synchronised start the queue grows while a group is written, and thousands of starts cost a few dozen transactions
/// (one WAL flush each) instead of eight round trips and a flush apiece.
/// <para>
/// An attempt drawn ahead of the opening (<see cref="AttemptState.NotStarted"/>) is stored here the same way, without a
/// statement; starting it later is a claim in a group too: one conditional update per attempt (from not started to in
/// progress, its clock and deadline), sent together as one command whose <c>RETURNING</c> says which won, then their Started
/// events and statements. A claim that finds its attempt started already (the same cadre's other tab won) is refused alone.
/// </para>
/// <para>
/// A group that breaks a unique key (the same cadre's second start, from a double click or another node, raced the first) is
/// rolled back and its starts are stored one by one, so only the late one is refused; a transient failure retries the group.
/// </para>
/// </summary>
public sealed class StartWriter : IDisposable
{
    private const int Writers = 2;

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<StartWriter> logger;
    private readonly int groupSize;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Lazy<Task[]> loops;

    public StartWriter(IServiceScopeFactory scopes, IOptions<QuizzesOptions> options, ILogger<StartWriter> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        groupSize = Math.Max(1, options.Value.StartGroupSize);
        loops = new(() => Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Stores <paramref name="attempt"/> (its questions and events with it) and records <paramref name="started"/>, if any. True:
    /// stored, with its id set. False: a unique key refused it (the cadre's attempt of that number exists already); nothing of it
    /// stored. An attempt with an id is one drawn ahead and now made ready to start: it is claimed (its state, clock, deadline
    /// and place updated, its events added) if still not started; false when another request started it first.
    /// </summary>
    public async Task<bool> WriteAsync(Attempt attempt, LearningEvent? started)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        _ = loops.Value;
        var pending = new Pending(attempt, attempt.Questions.ToList(), started, attempt.Id != 0);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);

        // Not cancelled with the request: a start the queue has taken is stored, and the cadre who left resumes it on return.
        return await pending.Done.Task;
    }

    public void Dispose() => queue.Writer.TryComplete();

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>(groupSize);
        while (await queue.Reader.NextGroupAsync(group, groupSize))
        {
            try
            {
                if (await TryStoreAsync(group))
                {
                    group.ForEach(p => p.Done.TrySetResult(p.Won));
                }
                else
                {
                    // One of them broke a unique key: store each alone, so only that one is refused.
                    foreach (var pending in group)
                    {
                        pending.Done.TrySetResult(group.Count > 1 && await TryStoreAsync([pending]) && pending.Won);
                    }
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A group of {Count} new attempts could not be stored", group.Count);
                group.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    /// <summary>False when a unique key refused the group (rolled back: nothing of it stored).</summary>
    private async Task<bool> TryStoreAsync(IReadOnlyList<Pending> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var events = scope.ServiceProvider.GetRequiredService<ILearningEvents>();
        try
        {
            await db.InTransactionAsync(async ct =>
            {
                db.ChangeTracker.Clear(); // a retry after a transient failure starts afresh
                var won = await ClaimAsync(db, group.Where(p => p.Claim).ToList(), ct);
                var claimed = new List<AttemptEvent>();
                foreach (var pending in group.Where(p => p.Claim))
                {
                    // Two claims of one attempt in one group (two tabs): its one update won once, so only the first wins.
                    var attempt = pending.Attempt;
                    pending.Won = won.Remove(attempt.Id);
                    if (pending.Won)
                    {
                        attempt.Events.ForEach(e => (e.Id, e.AttemptId) = (0, attempt.Id));
                        claimed.AddRange(attempt.Events);
                    }
                }

                if (claimed.Count > 0)
                {
                    var log = new StoreCommand(db);
                    log.For<AttemptEvent>().Insert(claimed, AttemptColumns.Event);
                    await log.ExecuteAsync(ct);
                }

                await InsertAsync(db, [.. group.Where(p => !p.Claim)], ct);
                var statements = group.Where(p => p.Won && p.Started is not null).Select(p => p.Started!).ToList();
                if (statements.Count > 0)
                {
                    await events.WriteManyAsync(statements, ct);
                }

                db.Database.AutoSavepointsEnabled = false;
                await db.SaveChangesAsync(ct);
            }, CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is DbUpdateException || StoreCommand.IsUniqueViolation(ex))
        {
            logger.LogDebug(ex, "A group of {Count} new attempts broke a unique key", group.Count);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
            foreach (var pending in group)
            {
                pending.Attempt.Questions = pending.Questions;
            }
        }
    }

    /// <summary>
    /// Inserts new attempts in one statement that returns their generated ids (matched back by their public ids), then their
    /// Started events in another: the change tracker would send one INSERT per row and track each (at an exam's start, a
    /// group's store was mostly that). The questions go on the attempt's row (ADR-033); if the draw cannot be written as its
    /// text, as rows.
    /// </summary>
    private static async Task InsertAsync(LearningDbContext db, IReadOnlyList<Pending> fresh, CancellationToken cancellationToken)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        foreach (var pending in fresh)
        {
            pending.Won = true;
            pending.Attempt.Drawn = AttemptDraw.Write(pending.Questions);
        }

        var insert = new StoreCommand(db);
        insert.For<Attempt>().Insert(fresh.Select(p => p.Attempt), AttemptColumns.Attempt, nameof(Attempt.Id), nameof(Attempt.PublicId));
        var ids = (await insert.ReadPairsAsync<long, Guid>(cancellationToken)).ToDictionary(r => r.Second, r => r.First);
        var log = new List<AttemptEvent>();
        var questions = new List<AttemptQuestion>();
        foreach (var (attempt, drawn) in fresh.Select(p => (p.Attempt, p.Questions)))
        {
            attempt.Id = ids[attempt.PublicId];
            attempt.Events.ForEach(e => (e.Id, e.AttemptId) = (0, attempt.Id));
            log.AddRange(attempt.Events);
            drawn.ForEach(q => q.AttemptId = attempt.Id);
            if (attempt.Drawn is null)
            {
                questions.AddRange(drawn);
            }
        }

        if (log.Count > 0)
        {
            var events = new StoreCommand(db);
            events.For<AttemptEvent>().Insert(log, AttemptColumns.Event);
            await events.ExecuteAsync(cancellationToken);
        }

        if (questions.Count > 0)
        {
            await BulkInsert.RowsAsync(db, questions, AttemptColumns.Question, 500, cancellationToken);
        }
    }

    /// <summary>
    /// Starts the attempts drawn ahead in one command: each moves from not started to in progress only if it still is (another
    /// tab's start may have won); the ids that moved.
    /// </summary>
    private static async Task<HashSet<long>> ClaimAsync(LearningDbContext db, IReadOnlyList<Pending> claims, CancellationToken cancellationToken)
    {
        if (claims.Count == 0)
        {
            return [];
        }

        var command = new StoreCommand(db);
        var row = command.For<Attempt>();
        foreach (var attempt in claims.Select(p => p.Attempt))
        {
            command.Append($"UPDATE {row.Name} SET {row.Column(nameof(Attempt.State))} = {row.Value(nameof(Attempt.State), AttemptState.InProgress)}"
                + $", {row.Column(nameof(Attempt.StartedUtc))} = {row.Value(nameof(Attempt.StartedUtc), attempt.StartedUtc)}"
                + $", {row.Column(nameof(Attempt.DeadlineUtc))} = {row.Value(nameof(Attempt.DeadlineUtc), attempt.DeadlineUtc)}"
                + $", {row.Column(nameof(Attempt.CourseId))} = {row.Value(nameof(Attempt.CourseId), attempt.CourseId)}"
                + $", {row.Column(nameof(Attempt.CourseSlug))} = {row.Value(nameof(Attempt.CourseSlug), attempt.CourseSlug)}"
                + $", {row.Column(nameof(Attempt.LessonKey))} = {row.Value(nameof(Attempt.LessonKey), attempt.LessonKey)}"
                + $" WHERE {row.Column(nameof(Attempt.Id))} = {row.Value(nameof(Attempt.Id), attempt.Id)}"
                + $" AND {row.Column(nameof(Attempt.State))} = {row.Value(nameof(Attempt.State), AttemptState.NotStarted)}"
                + $" RETURNING {row.Column(nameof(Attempt.Id))};");
        }

        return [.. await command.ReadFirstColumnAsync<long>(cancellationToken)];
    }

    private sealed record Pending(Attempt Attempt, List<AttemptQuestion> Questions, LearningEvent? Started, bool Claim)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Stored (an insert), or its claim moved it from not started (set in the transaction).</summary>
        public bool Won { get; set; }
    }
}
