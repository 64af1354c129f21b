using Learning.Data;
using Learning.Data.Jobs;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Foundation;

/// <summary>
/// ADR-028: statements sent as one command, named and typed by the EF model, store values as SaveChanges would (an enum,
/// a date compared in SQL, Vietnamese text, a null), change only the rows their conditions select, and fail as a whole.
/// </summary>
public sealed class StoreCommandTests
{
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Statements_InOneCommand_StoreValuesAsTheModelDoes_AndOnlyWhereTheirConditionsHold(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Jobs:RunWorker"] = "false" });
        var due = new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc);
        var (early, late) = await site.WithDbAsync(async db =>
        {
            var a = new JobRecord { Kind = "test.store", RunAfterUtc = due.AddMinutes(-1), CreatedUtc = due, LockedBy = "x" };
            var b = new JobRecord { Kind = "test.store", RunAfterUtc = due.AddMinutes(1), CreatedUtc = due, LockedBy = "x" };
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        var changed = await site.WithDbAsync(db => db.InTransactionAsync(async ct =>
        {
            var command = new StoreCommand(db);
            var job = command.For<JobRecord>();
            foreach (var id in new[] { early, late })
            {
                // Only a queued job already due (a date compared in SQL, as SaveChanges stores it) moves.
                command.Append($"UPDATE {job.Name} SET {job.Column(nameof(JobRecord.State))} = {job.Value(nameof(JobRecord.State), JobState.Running)}"
                    + $", {job.Column(nameof(JobRecord.Result))} = {job.Value(nameof(JobRecord.Result), "Đã chạy: chữ ký số")}"
                    + $", {job.Column(nameof(JobRecord.LockedBy))} = {job.Value(nameof(JobRecord.LockedBy), null)}"
                    + $" WHERE {job.Column(nameof(JobRecord.Id))} = {job.Value(nameof(JobRecord.Id), id)}"
                    + $" AND {job.Column(nameof(JobRecord.State))} = {job.Value(nameof(JobRecord.State), JobState.Queued)}"
                    + $" AND {job.Column(nameof(JobRecord.RunAfterUtc))} <= {job.Value(nameof(JobRecord.RunAfterUtc), due)};");
            }

            return await command.ExecuteAsync(ct);
        }, default));

        Assert.Equal(1, changed);
        var rows = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().Where(j => j.Kind == "test.store").OrderBy(j => j.Id).ToListAsync());
        Assert.Equal((JobState.Running, "Đã chạy: chữ ký số", (string?)null), (rows[0].State, rows[0].Result, rows[0].LockedBy));
        Assert.Equal((JobState.Queued, (string?)null, "x"), (rows[1].State, rows[1].Result, rows[1].LockedBy));
        Assert.Single(await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.State == JobState.Running && j.Kind == "test.store").ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AFailingStatement_FailsTheCommand_AndItsTransactionKeepsNothing_AndThereIsNoCommandOutsideOne(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Jobs:RunWorker"] = "false" });
        var id = await site.WithDbAsync(async db =>
        {
            var job = new JobRecord { Kind = "test.store", RunAfterUtc = DateTime.UtcNow, CreatedUtc = DateTime.UtcNow };
            db.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

        await Assert.ThrowsAnyAsync<Exception>(() => site.WithDbAsync(db => db.InTransactionAsync(async ct =>
        {
            var command = new StoreCommand(db);
            var job = command.For<JobRecord>();
            command.Append($"UPDATE {job.Name} SET {job.Column(nameof(JobRecord.Progress))} = {job.Value(nameof(JobRecord.Progress), 50)} WHERE {job.Column(nameof(JobRecord.Id))} = {job.Value(nameof(JobRecord.Id), id)};");
            // Kind is required: the second statement breaks NOT NULL.
            command.Append($"UPDATE {job.Name} SET {job.Column(nameof(JobRecord.Kind))} = NULL WHERE {job.Column(nameof(JobRecord.Id))} = {job.Value(nameof(JobRecord.Id), id)};");
            return await command.ExecuteAsync(ct);
        }, default)));

        Assert.Equal(0, (await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == id))).Progress);
        await Assert.ThrowsAsync<InvalidOperationException>(() => site.WithDbAsync(db => new StoreCommand(db).Append("SELECT 1;").ExecuteAsync(default)));
        await site.WithDbAsync(db => Task.FromResult(Assert.Throws<ArgumentException>(() => new StoreCommand(db).For<JobRecord>().Column("NoSuchProperty"))));
    }

    /// <summary>
    /// A save's one command (ADR-041): outside a transaction it is still all or none (on
    /// PostgreSQL the server's implicit transaction of one batch; on SQLite a transaction of its own), it leaves no transaction
    /// open, inside one it joins it, and its guarded rows are written only where their condition holds as they run, with the
    /// parameters of an earlier statement used again.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task OneCommandOutsideATransaction_IsAllOrNone_AndItsGuardedRowsFollowTheFirstStatement(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Jobs:RunWorker"] = "false" });
        var now = new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc);
        var id = await site.WithDbAsync(async db =>
        {
            var job = new JobRecord { Kind = "test.store", RunAfterUtc = now, CreatedUtc = now };
            db.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        BulkColumn<JobRecord>[] columns =
        [
            new(nameof(JobRecord.Kind), j => j.Kind), new(nameof(JobRecord.Payload), j => j.Payload), new(nameof(JobRecord.State), j => j.State),
            new(nameof(JobRecord.RunAfterUtc), j => j.RunAfterUtc), new(nameof(JobRecord.CreatedUtc), j => j.CreatedUtc),
            new(nameof(JobRecord.Attempts), j => j.Attempts), new(nameof(JobRecord.MaxAttempts), j => j.MaxAttempts),
            new(nameof(JobRecord.Progress), j => j.Progress), new(nameof(JobRecord.CancelRequested), j => j.CancelRequested),
        ];

        // Moves the job on while it is queued, and adds one row per note only where it did (the same condition, its parameters again).
        Task<int> MoveAsync(int progress, params string[] notes) => site.WithDbAsync(async db =>
        {
            var command = new StoreCommand(db);
            var job = command.For<JobRecord>();
            var queued = $" WHERE {job.Column(nameof(JobRecord.Id))} = {job.Value(nameof(JobRecord.Id), id)} AND {job.Column(nameof(JobRecord.State))} = {job.Value(nameof(JobRecord.State), JobState.Queued)}";
            command.Append($"UPDATE {job.Name} SET {job.Column(nameof(JobRecord.Progress))} = {job.Value(nameof(JobRecord.Progress), progress)}{queued};");
            job.InsertWhere(notes.Select(n => new JobRecord { Kind = "test.note", Payload = n, RunAfterUtc = now, CreatedUtc = now }), columns, $"EXISTS (SELECT 1 FROM {job.Name}{queued})");
            var changed = await command.ExecuteAsOneAsync(default);
            Assert.Null(db.Database.CurrentTransaction);
            return changed;
        });

        Assert.Equal(3, await MoveAsync(40, "Đã lưu câu 1", "Đã lưu câu 2"));
        await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Id == id).ExecuteUpdateAsync(u => u.SetProperty(j => j.State, JobState.Succeeded)));
        Assert.Equal(0, await MoveAsync(60, "Không được lưu"));
        Assert.Equal(40, (await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == id))).Progress);
        Assert.Equal(["Đã lưu câu 1", "Đã lưu câu 2"], await site.WithDbAsync(db => db.Set<JobRecord>().Where(j => j.Kind == "test.note").OrderBy(j => j.Id).Select(j => j.Payload).ToListAsync()));

        // A failing statement undoes the one before it, with no transaction opened by the caller.
        await Assert.ThrowsAnyAsync<Exception>(() => site.WithDbAsync(db =>
        {
            var command = new StoreCommand(db);
            var job = command.For<JobRecord>();
            command.Append($"UPDATE {job.Name} SET {job.Column(nameof(JobRecord.Progress))} = {job.Value(nameof(JobRecord.Progress), 90)} WHERE {job.Column(nameof(JobRecord.Id))} = {job.Value(nameof(JobRecord.Id), id)};");
            command.Append($"UPDATE {job.Name} SET {job.Column(nameof(JobRecord.Kind))} = NULL WHERE {job.Column(nameof(JobRecord.Id))} = {job.Value(nameof(JobRecord.Id), id)};");
            return command.ExecuteAsOneAsync(default);
        }));
        Assert.Equal(40, (await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == id))).Progress);

        // Inside the caller's transaction it is part of it: rolled back with it.
        await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => site.WithDbAsync(db => db.InTransactionAsync<int>(async ct =>
        {
            var command = new StoreCommand(db);
            var job = command.For<JobRecord>();
            command.Append($"UPDATE {job.Name} SET {job.Column(nameof(JobRecord.Progress))} = {job.Value(nameof(JobRecord.Progress), 70)} WHERE {job.Column(nameof(JobRecord.Id))} = {job.Value(nameof(JobRecord.Id), id)};");
            Assert.Equal(1, await command.ExecuteAsOneAsync(ct));
            throw new TimeZoneNotFoundException("the caller's work fails after the command");
        }, default)));
        Assert.Equal(40, (await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == id))).Progress);
    }

    /// <summary>ADR-034: a multi-row insert returns each row's generated id with a key of its own; a unique key refusing a row is told apart from other failures on both databases.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AMultiRowInsert_ReturnsEachRowsId_AndAUniqueKeyIsToldApart(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Jobs:RunWorker"] = "false" });
        var quizId = await site.WithDbAsync(async db =>
        {
            var quiz = new Learning.Quizzes.Data.Quiz { Key = "kt-store", Title = "Kiểm tra chữ ký số", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Add(quiz);
            await db.SaveChangesAsync();
            return quiz.Id;
        });
        var attempts = Enumerable.Range(1, 3).Select(n => new Learning.Quizzes.Data.Attempt
        {
            PublicId = Guid.NewGuid(), QuizId = quizId, UserId = "hoc-vien", Number = n, StartedUtc = DateTime.UtcNow, PageCount = 1, Drawn = "\n1\t1\t0\t1\ta,b",
        }).ToList();

        var ids = await site.WithDbAsync(db => db.InTransactionAsync(async ct =>
        {
            var command = new StoreCommand(db);
            command.For<Learning.Quizzes.Data.Attempt>().Insert(attempts, Learning.Quizzes.Data.AttemptColumns.Attempt, "Id", "PublicId");
            return await command.ReadPairsAsync<long, Guid>(ct);
        }, default));

        var stored = await site.WithDbAsync(db => db.Set<Learning.Quizzes.Data.Attempt>().AsNoTracking().ToDictionaryAsync(a => a.PublicId, a => (a.Id, a.Number, a.Drawn)));
        Assert.Equal(3, ids.Count);
        Assert.All(ids, pair => Assert.Equal(stored[pair.Second].Id, pair.First));
        Assert.All(attempts, a => Assert.Equal((a.Number, a.Drawn), (stored[a.PublicId].Number, stored[a.PublicId].Drawn)));

        // The same cadre's attempt number 2 again: the unique key refuses it, and the caller can tell.
        var again = new Learning.Quizzes.Data.Attempt { PublicId = Guid.NewGuid(), QuizId = quizId, UserId = "hoc-vien", Number = 2, StartedUtc = DateTime.UtcNow, PageCount = 1 };
        var duplicate = await Record.ExceptionAsync(() => site.WithDbAsync(db => db.InTransactionAsync(async ct =>
        {
            var command = new StoreCommand(db);
            command.For<Learning.Quizzes.Data.Attempt>().Insert([again], Learning.Quizzes.Data.AttemptColumns.Attempt, "Id", "PublicId");
            return await command.ReadPairsAsync<long, Guid>(ct);
        }, default)));
        Assert.True(StoreCommand.IsUniqueViolation(duplicate), duplicate?.ToString());

        var notNull = await Record.ExceptionAsync(() => site.WithDbAsync(db => db.InTransactionAsync(async ct =>
        {
            var command = new StoreCommand(db);
            var attempt = command.For<Learning.Quizzes.Data.Attempt>();
            command.Append($"UPDATE {attempt.Name} SET {attempt.Column("UserId")} = NULL;");
            return await command.ExecuteAsync(ct);
        }, default)));
        Assert.NotNull(notNull);
        Assert.False(StoreCommand.IsUniqueViolation(notNull));
        Assert.Equal(3, await site.WithDbAsync(db => db.Set<Learning.Quizzes.Data.Attempt>().CountAsync()));
    }

    /// <summary>
    /// ADR-046: a multi-row insert (on PostgreSQL one array a column, zipped by <c>unnest</c>; on SQLite a multi-row
    /// <c>VALUES</c>) stores every kind of value as SaveChanges would (an enum kept as text, dates as UTC, nullable dates and
    /// texts both set and null, flags, Vietnamese text), row for row; and a text too long for its column is refused, not cut.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task AMultiRowInsert_StoresEveryKindOfValue_AsSaveChangesWould(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Jobs:RunWorker"] = "false" });
        var at = new DateTime(2026, 12, 7, 5, 30, 15, 123, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 5).Select(i => new JobRecord
        {
            Kind = "test.bulk", Payload = $"{{\"xã\":\"Vĩnh Hòa {i}\"}}", State = (JobState)(i % 3), Attempts = i, MaxAttempts = 5 + i,
            RunAfterUtc = at.AddMinutes(i), LockedBy = i % 2 == 0 ? null : $"nút {i}", LockedUntilUtc = i % 2 == 0 ? null : at.AddHours(i),
            Progress = 10 * i, Error = i == 3 ? "Lỗi: chữ ký số" : null, CancelRequested = i % 2 == 1, CreatedUtc = at, StartedUtc = i == 4 ? at : null,
        }).ToList();
        BulkColumn<JobRecord>[] columns =
        [
            new(nameof(JobRecord.Kind), j => j.Kind), new(nameof(JobRecord.Payload), j => j.Payload), new(nameof(JobRecord.State), j => j.State),
            new(nameof(JobRecord.Attempts), j => j.Attempts), new(nameof(JobRecord.MaxAttempts), j => j.MaxAttempts),
            new(nameof(JobRecord.RunAfterUtc), j => j.RunAfterUtc), new(nameof(JobRecord.LockedBy), j => j.LockedBy),
            new(nameof(JobRecord.LockedUntilUtc), j => j.LockedUntilUtc), new(nameof(JobRecord.Progress), j => j.Progress),
            new(nameof(JobRecord.Error), j => j.Error), new(nameof(JobRecord.CancelRequested), j => j.CancelRequested),
            new(nameof(JobRecord.CreatedUtc), j => j.CreatedUtc), new(nameof(JobRecord.StartedUtc), j => j.StartedUtc),
        ];

        await site.WithDbAsync(db => db.InTransactionAsync(async ct =>
        {
            await BulkInsert.RowsAsync(db, rows, columns, 2, ct);
            return rows.Count;
        }, default));

        var stored = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().Where(j => j.Kind == "test.bulk").OrderBy(j => j.Id).ToListAsync());
        Assert.Equal(rows.Count, stored.Count);
        var compared = typeof(JobRecord).GetProperties().Where(p => p.Name != nameof(JobRecord.Id)).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.All(compared, p => Assert.Equal(p.GetValue(rows[i]), p.GetValue(stored[i])));
            Assert.Equal(DateTimeKind.Utc, stored[i].RunAfterUtc.Kind);
        }

        Assert.Equal(
            rows.Select(r => r.State.ToString()).ToList(),
            await site.WithDbAsync(db => db.InTransactionAsync(ct =>
            {
                var command = new StoreCommand(db);
                var job = command.For<JobRecord>();
                command.Append($"SELECT {job.Column(nameof(JobRecord.State))} FROM {job.Name} WHERE {job.Column(nameof(JobRecord.Kind))} = {job.Value(nameof(JobRecord.Kind), "test.bulk")} ORDER BY {job.Column(nameof(JobRecord.Id))};");
                return command.ReadFirstColumnAsync<string>(ct);
            }, default)));

        if (provider == DatabaseProvider.PostgreSql)
        {
            // Kind holds 100 characters: 101 is refused (as a VALUES row would be), and the statement's other rows with it.
            var tooLong = new JobRecord { Kind = new string('x', 101), RunAfterUtc = at, CreatedUtc = at };
            var refused = await Record.ExceptionAsync(() => site.WithDbAsync(db => db.InTransactionAsync(async ct =>
            {
                await BulkInsert.RowsAsync(db, [rows[0], tooLong], columns, 10, ct);
                return 2;
            }, default)));
            Assert.Contains("22001", refused?.ToString(), StringComparison.Ordinal); // string_data_right_truncation
            Assert.Equal(rows.Count, await site.WithDbAsync(db => db.Set<JobRecord>().CountAsync(j => j.Kind == "test.bulk")));
        }
    }

    /// <summary>
    /// ADR-042: rows that an <c>UPDATE … RETURNING</c> and a <c>SELECT</c> in one command give back become entities exactly as
    /// EF reads them (an enum kept as text, dates as UTC, a flag, nulls, Vietnamese text), and the read after the update sees it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task RowsReturnedAndSelected_InOneCommand_AreReadAsEFReadsThem(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Jobs:RunWorker"] = "false" });
        var at = new DateTime(2026, 12, 6, 17, 30, 15, 123, DateTimeKind.Utc);
        var ids = await site.WithDbAsync(async db =>
        {
            var rows = new[]
            {
                new JobRecord { Kind = "test.read", RunAfterUtc = at, CreatedUtc = at, LockedUntilUtc = at.AddMinutes(5), Result = "Đã gửi: chữ ký số", CancelRequested = true, Attempts = 3 },
                new JobRecord { Kind = "test.read", RunAfterUtc = at.AddDays(1), CreatedUtc = at, Payload = "{\"xã\":\"Vĩnh Hòa\"}" },
            };
            db.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToArray();
        });

        var (returned, selected) = await site.WithDbAsync(db => db.InTransactionAsync(async ct =>
        {
            var command = new StoreCommand(db);
            var job = command.For<JobRecord>();
            command.Append($"UPDATE {job.Name} SET {job.Column(nameof(JobRecord.State))} = {job.Value(nameof(JobRecord.State), JobState.Running)}"
                + $" WHERE {job.Column(nameof(JobRecord.Id))} = {job.Value(nameof(JobRecord.Id), ids[0])} RETURNING {job.AllColumns};");
            command.Append($"SELECT {job.AllColumns} FROM {job.Name} WHERE {job.Column(nameof(JobRecord.Kind))} = {job.Value(nameof(JobRecord.Kind), "test.read")}"
                + $" ORDER BY {job.Column(nameof(JobRecord.Id))};");
            return await command.QueryAsync(async (reader, c) =>
            {
                var sets = new List<List<JobRecord>>();
                do
                {
                    var rows = new List<JobRecord>();
                    while (await reader.ReadAsync(c))
                    {
                        rows.Add(job.Read(reader));
                    }

                    sets.Add(rows);
                }
                while (await reader.NextResultAsync(c));
                return (Assert.Single(sets[0]), sets[1]);
            }, ct);
        }, default));

        var stored = await site.WithDbAsync(db => db.Set<JobRecord>().AsNoTracking().Where(j => j.Kind == "test.read").OrderBy(j => j.Id).ToListAsync());
        Assert.Equal(JobState.Running, stored[0].State);
        var properties = typeof(JobRecord).GetProperties();
        foreach (var (read, expected) in new[] { (returned, stored[0]), (selected[0], stored[0]), (selected[1], stored[1]) })
        {
            Assert.All(properties, p => Assert.Equal(p.GetValue(expected), p.GetValue(read)));
        }

        Assert.Equal(DateTimeKind.Utc, returned.RunAfterUtc.Kind);
        Assert.Equal(at.AddMinutes(5), returned.LockedUntilUtc);
        Assert.Equal(("Đã gửi: chữ ký số", true, 3, (string?)null), (returned.Result, returned.CancelRequested, returned.Attempts, returned.Error));
    }
}
