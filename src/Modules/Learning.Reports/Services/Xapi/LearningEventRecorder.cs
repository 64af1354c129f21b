using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Data;

namespace Learning.Reports.Services.Xapi;

/// <summary>
/// Adds each event as a statement row to the scoped <see cref="LearningDbContext"/>: the caller's <c>SaveChanges</c> stores it
/// with the work it describes, in the same transaction (or, from a hot path, inserts the rows at once in that transaction:
/// <see cref="WriteManyAsync"/>). The actor's organisation path is taken now, so a cadre moved later keeps
/// their earlier statements in the commune they were in.
/// </summary>
internal sealed class LearningEventRecorder(LearningDbContext db, ICadreDirectory cadres, TimeProvider clock) : ILearningEvents
{
    private readonly Dictionary<string, (string Path, string? Unit)> actors = new(StringComparer.Ordinal);

    public async Task RecordAsync(LearningEvent learningEvent, CancellationToken cancellationToken = default) =>
        await RecordManyAsync([learningEvent], cancellationToken);

    public async Task RecordManyAsync(IReadOnlyList<LearningEvent> learningEvents, CancellationToken cancellationToken = default) =>
        db.AddRange(await StatementsAsync(learningEvents, cancellationToken));

    public async Task WriteManyAsync(IReadOnlyList<LearningEvent> learningEvents, CancellationToken cancellationToken = default)
    {
        var statements = await StatementsAsync(learningEvents, cancellationToken);
        if (statements.Count > 0)
        {
            await BulkInsert.RowsAsync(db, statements, Columns, 200, cancellationToken);
        }
    }

    /// <summary>Every column but the generated id, for <see cref="WriteManyAsync"/>.</summary>
    private static readonly BulkColumn<XapiStatement>[] Columns =
    [
        new(nameof(XapiStatement.StatementId), s => s.StatementId),
        new(nameof(XapiStatement.StoredUtc), s => s.StoredUtc),
        new(nameof(XapiStatement.TimestampUtc), s => s.TimestampUtc),
        new(nameof(XapiStatement.UserId), s => s.UserId),
        new(nameof(XapiStatement.Verb), s => s.Verb),
        new(nameof(XapiStatement.ActivityType), s => s.ActivityType),
        new(nameof(XapiStatement.ActivityKey), s => s.ActivityKey),
        new(nameof(XapiStatement.ActivityName), s => s.ActivityName),
        new(nameof(XapiStatement.CourseId), s => s.CourseId),
        new(nameof(XapiStatement.OrgPath), s => s.OrgPath),
        new(nameof(XapiStatement.UnitName), s => s.UnitName),
        new(nameof(XapiStatement.ScoreRaw), s => s.ScoreRaw),
        new(nameof(XapiStatement.ScoreMin), s => s.ScoreMin),
        new(nameof(XapiStatement.ScoreMax), s => s.ScoreMax),
        new(nameof(XapiStatement.Success), s => s.Success),
        new(nameof(XapiStatement.Completion), s => s.Completion),
        new(nameof(XapiStatement.DurationMs), s => s.DurationMs),
        new(nameof(XapiStatement.Detail), s => s.Detail),
    ];

    private async Task<List<XapiStatement>> StatementsAsync(IReadOnlyList<LearningEvent> learningEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learningEvents);
        var unknown = learningEvents.Where(e => e.ActorOrgPath is null && !actors.ContainsKey(e.UserId)).Select(e => e.UserId).Distinct().ToList();
        if (unknown.Count > 0)
        {
            foreach (var cadre in await cadres.FindByUsersAsync(unknown, cancellationToken))
            {
                if (cadre.UserId is { } id)
                {
                    actors[id] = (cadre.OrgPath, cadre.UnitName);
                }
            }

            foreach (var id in unknown.Where(id => !actors.ContainsKey(id)))
            {
                actors[id] = ("", null);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var statements = new List<XapiStatement>(learningEvents.Count);
        foreach (var e in learningEvents)
        {
            var (path, unit) = e.ActorOrgPath is { } given ? (given, e.ActorUnitName) : actors[e.UserId];
            statements.Add(new XapiStatement
            {
                StatementId = Guid.CreateVersion7(),
                StoredUtc = now,
                TimestampUtc = e.TimestampUtc ?? now,
                UserId = e.UserId,
                Verb = e.Verb,
                ActivityType = e.ActivityType,
                ActivityKey = Cut(e.ActivityKey, 300),
                ActivityName = Cut(e.ActivityName, 400),
                CourseId = e.CourseId,
                OrgPath = path,
                UnitName = unit is null ? null : Cut(unit, 200),
                ScoreRaw = e.ScoreRaw,
                ScoreMin = e.ScoreMin,
                ScoreMax = e.ScoreMax,
                Success = e.Success,
                Completion = e.Completion,
                DurationMs = e.Duration is { } d ? (long)d.TotalMilliseconds : null,
                Detail = e.Detail is null ? null : Cut(e.Detail, 200),
            });
        }

        return statements;
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
