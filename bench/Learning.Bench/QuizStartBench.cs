using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Bench;

/// <summary>
/// The synchronised exam start (issue 11): N cadres, signed in beforehand, press "start" at the same instant; each then
/// works through 8 pages of 2 questions (think time 5–15 s, one save per page) and submits. Start = until the attempt page is
/// in hand: the POST's own answer (or, in builds before the start answered with it, the page it redirected to). Afterwards the
/// database is checked: one attempt each, 16 questions, all answered, graded once.
/// </summary>
public static partial class QuizStartBench
{
    public const string QuizKey = "bench-exam";

    /// <summary>The warm-up's quiz when the exam has an opening time: its own opening warms the start of attempts drawn ahead.</summary>
    public const string WarmQuizKey = "bench-warm";
    private const string Password = "Benchmark2026x";
    private const int PoolSize = 100;

    /// <summary>
    /// Extra cadres who go through the whole flow first, all at once, without think time and unmeasured: a server at exam time has
    /// been serving for a while (its methods compiled at their final tier, its connection and context pools grown, its heap
    /// sized). <c>--warmup</c>; 10 gives the cold figures of earlier runs.
    /// </summary>
    public static int WarmUp { get; set; } = 10;

    /// <summary>How many times the warm-up cadres go through the flow, two seconds apart (<c>--warmup-rounds</c>, default 1).</summary>
    public static int WarmUpRounds { get; set; } = 1;

    /// <summary>
    /// <c>--opens 1</c>: the exam has an opening time, as a synchronised exam does. The cadres open the quiz's page before it
    /// (the server draws their attempts then: <c>Learning:Quizzes:PrecreateMinutes</c>), and the gate opens at the opening.
    /// Without it (the default) the quiz is open all along and every start draws its attempt.
    /// </summary>
    public static bool Opens { get; set; }

    /// <summary>
    /// <c>--idle S</c>: without an opening time, the host sits idle S seconds between the preparation and the gate, as it does
    /// while <c>--opens 1</c> waits for the quiz caches and the warm-up's opening (about 90 s): to tell that wait's effect apart.
    /// </summary>
    public static int IdleSeconds { get; set; }

    /// <summary>
    /// Whether the cadres' browsers ask for compressed pages (<c>Accept-Encoding: gzip, deflate, br</c>, as every phone's
    /// browser does; the host then compresses with Brotli at its fastest level). Off by default, as every earlier figure was taken.
    /// </summary>
    public static bool Compress { get; set; }

    /// <summary>
    /// <c>--history H</c>: H finished attempts of an earlier exam (<see cref="PastQuizKey"/>) stored before anything runs, spread
    /// over the cadres, each with its 16 answered and graded questions and 10 log rows, then the attempt tables analysed: a
    /// database that has served a province for a while, rather than empty tables that grow from nothing during the run. 0 (the
    /// default) is how every earlier figure was taken.
    /// </summary>
    public static int History { get; set; }

    /// <summary>
    /// <c>--submit-together 1</c>: each cadre, after the last page's save, waits until every other cadre has saved theirs, and
    /// then all N submits are released at once, as at an exam that closes at a set time and has its cadres submit in the last
    /// minute. The harness then prints the processor time over that submit wave, per submit, with no save around it: what one
    /// submit costs, to compare builds in one run. Off by default: the issue's exam submits as each cadre finishes.
    /// </summary>
    public static bool SubmitTogether { get; set; }

    /// <summary>The earlier exam that <see cref="History"/>'s attempts belong to.</summary>
    public const string PastQuizKey = "bench-past";

    /// <summary>The host's process id, when known (<c>--host-pid</c>): the start wave's processor time is then accounted per process.</summary>
    public static int HostPid { get; set; }

    /// <summary>The bytes of the attempt pages the starts received (warm-up and measured; as decoded, so uncompressed), and how many.</summary>
    private static long pageBytes, pages;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>N cadre accounts (one password hash for all: hashing N times is not what is measured) and the quiz.</summary>
    public static async Task SeedAsync(IServiceProvider services, int cadres)
    {
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var roleId = await db.Roles.Where(r => r.Name == LearningRoles.Cadre).Select(r => r.Id).SingleAsync();
        var hash = new PasswordHasher<LearningUser>().HashPassword(new LearningUser(), Password);
        var now = DateTime.UtcNow;
        // The cadres work in 30 communes of one province, as a provincial exam would have them: each has a profile in their
        // commune (the xAPI statements and unit overrides read it), linked to the account as account creation links it.
        var province = new OrgUnit { Code = "BENCH-QUIZ", Name = "Tỉnh thi thử tải", Kind = OrgUnitKind.Province };
        db.Add(province);
        await db.SaveChangesAsync();
        province.Path = $"/{province.Id}/";
        var communes = Enumerable.Range(1, 30).Select(i => new OrgUnit { Code = $"BENCH-QUIZ-X{i:00}", Name = $"Xã Thi Thử {i}", Kind = OrgUnitKind.Commune, ParentId = province.Id }).ToList();
        db.AddRange(communes);
        await db.SaveChangesAsync();
        communes.ForEach(c => c.Path = $"{province.Path}{c.Id}/");
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < cadres + WarmUp; i++)
        {
            var email = Email(i);
            var user = Seeder.NewUser(email, $"Cán bộ dự thi {i}", hash, now);
            var commune = communes[i % communes.Count];
            db.Add(user);
            db.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
            db.Add(new Learning.Organization.Data.Cadre
            {
                Email = email,
                FullName = $"Trần Thị Dự Thi {i}",
                Position = "Công chức Văn phòng – Thống kê",
                UnitId = commune.Id,
                OrgPath = commune.Path,
                UserId = user.Id,
                JoinedCommuneOn = new DateOnly(2025, 7, 1),
                CreatedUtc = now,
                UpdatedUtc = now,
            });
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;

        var category = new QuestionCategory { Name = "Ngân hàng thi thử tải", CreatedUtc = now };
        db.Add(category);
        await db.SaveChangesAsync();
        var definitions = Enumerable.Range(0, PoolSize).Select(Question).ToList();
        var questions = definitions.Select((d, i) => new Question
        {
            CategoryId = category.Id,
            Key = $"bench-q{i:000}",
            Name = d.Name,
            Type = d.Type.ToString(),
            SearchText = d.Text,
            CreatedUtc = now,
            UpdatedUtc = now,
        }).ToList();
        db.AddRange(questions);
        await db.SaveChangesAsync();
        var versions = questions.Select((q, i) => new QuestionVersion { QuestionId = q.Id, Number = 1, Definition = QuestionJson.Serialize(definitions[i]), CreatedUtc = now }).ToList();
        db.AddRange(versions);
        await db.SaveChangesAsync();
        for (var i = 0; i < questions.Count; i++)
        {
            questions[i].CurrentVersionId = versions[i].Id;
        }

        foreach (var key in new[] { QuizKey, WarmQuizKey, PastQuizKey })
        {
            db.Add(new Quiz
            {
                Key = key,
                Title = key == QuizKey ? "Kiểm tra cuối khóa (thử tải)" : key == WarmQuizKey ? "Kiểm tra làm nóng (thử tải)" : "Kiểm tra giữa khóa (thử tải)",
                Intro = "Bài kiểm tra gồm 16 câu hỏi rút ngẫu nhiên, 60 phút.",
                TimeLimitSeconds = 3600,
                AttemptsAllowed = 0,
                QuestionsPerPage = 2,
                CreatedUtc = now,
                UpdatedUtc = now,
                Slots = [new QuizSlot { Position = 1, CategoryId = category.Id, RandomCount = 16, Mark = 1 }],
            });
        }
        await db.SaveChangesAsync();
        Console.WriteLine(string.Create(C, $"seeded {cadres} cadres, {PoolSize} questions, quiz {QuizKey} ({watch.Elapsed.TotalSeconds:0.0} s)"));
        if (History > 0)
        {
            await SeedHistoryAsync(db, cadres, versions);
        }
    }

    /// <summary>
    /// <see cref="History"/>'s attempts, written by PostgreSQL itself (INSERT … SELECT over generate_series; the bench runs on
    /// PostgreSQL): the n-th goes to cadre n mod N, as its attempt number n / N + 1, with questions drawn from the bank by a
    /// fixed stride; 14 of the 16 right, so each passed (80 %).
    /// </summary>
    private static async Task SeedHistoryAsync(LearningDbContext db, int cadres, List<QuestionVersion> versions)
    {
        var watch = Stopwatch.StartNew();
        var users = (await MeasuredUserIdsAsync(db, cadres)).Order(StringComparer.Ordinal).ToArray();
        var quizId = await db.Set<Quiz>().Where(q => q.Key == PastQuizKey).Select(q => q.Id).SingleAsync();
        var (versionIds, questionIds) = (versions.Select(v => v.Id).ToArray(), versions.Select(v => v.QuestionId).ToArray());
        var (count, finished, started, saved, submitted) = (History, nameof(AttemptState.Finished), AttemptEvents.Started, AttemptEvents.Saved, AttemptEvents.Submitted);
        var (at, response) = (DateTime.UtcNow.AddDays(-30), QuestionJson.Serialize(new QuestionResponse { Choices = ["a"] }));
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO quizzes_attempt ("PublicId", "QuizId", "UserId", "Number", "State", "StartedUtc", "DeadlineUtc", "SubmittedUtc",
                "SubmittedBy", "CurrentPage", "PageCount", "Score", "MaxScore", "Passed", "GradedUtc")
            SELECT gen_random_uuid(), {quizId}, u[1 + g % n], 1 + g / n, {finished}, t + g * interval '1 second', t + g * interval '1 second' + interval '60 minutes',
                t + g * interval '1 second' + interval '40 minutes', u[1 + g % n], 7, 8, 14, 16, true, t + g * interval '1 second' + interval '40 minutes'
            FROM generate_series(0, {count} - 1) AS g, (SELECT {users}::text[] AS u, cardinality({users}::text[]) AS n, {at} AS t) AS p
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO quizzes_attempt_question ("AttemptId", "Slot", "Page", "QuestionId", "QuestionVersionId", "OptionOrder", "Mark",
                "Response", "Sequence", "SavedUtc", "Fraction")
            SELECT a."Id", s, (s - 1) / 2, q[1 + (a."Id" * 7 + s * 13) % cardinality(q)], v[1 + (a."Id" * 7 + s * 13) % cardinality(v)], 'a,b,c,d', 1,
                {response}, s, a."SubmittedUtc", CASE WHEN s % 8 = 0 THEN 0 ELSE 1 END
            FROM quizzes_attempt AS a, generate_series(1, 16) AS s, (SELECT {questionIds}::int[] AS q, {versionIds}::int[] AS v) AS p
            WHERE a."QuizId" = {quizId}
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO quizzes_attempt_event ("AttemptId", "AtUtc", "Kind", "ActorId", "Detail")
            SELECT a."Id", a."StartedUtc" + e * interval '4 minutes', CASE e WHEN 0 THEN {started} WHEN 9 THEN {submitted} ELSE {saved} END, a."UserId", NULL
            FROM quizzes_attempt AS a, generate_series(0, 9) AS e
            WHERE a."QuizId" = {quizId}
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE quizzes_attempt, quizzes_attempt_question, quizzes_attempt_event");
        Console.WriteLine(string.Create(C, $"history: {count} finished attempts of {PastQuizKey} stored and analysed ({watch.Elapsed.TotalSeconds:0.0} s)"));
    }

    public static async Task RunAsync(IServiceProvider services, string url, int cadres, bool login, int thinkMin, int thinkMax)
    {
        var baseUri = new Uri(url);
        var stats = new Stats();
        var users = new Cadre[cadres];
        var warm = Stopwatch.StartNew();
        var warmStats = new Stats();
        for (var round = 0; round < WarmUpRounds; round++)
        {
            if (round > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2)); // a quiet moment, as between the rounds of a real day
            }

            await WarmUpRoundAsync(baseUri, cadres, warmStats);
        }

        Console.WriteLine(string.Create(C, $"warm-up: {WarmUp} cadres through the whole flow (signed in through /Account/Login), {WarmUpRounds} round(s), in {warm.Elapsed.TotalSeconds:0.0} s, errors: {(warmStats.ErrorCount == 0 ? "0" : string.Join(", ", warmStats.Errors.Select(e => $"{e.Key} ×{e.Value}")))}"));

        // With an opening time: the exam (and the warm-up's own quiz) open in half an hour, as far as the cadres opening their
        // pages now can tell; the host's cached copies of the quizzes last 30 s, so wait that long first.
        List<Cadre> warmClaimers = [];
        if (Opens)
        {
            await OpenAtAsync(services, DateTime.UtcNow.AddMinutes(30), DateTime.UtcNow.AddMinutes(30));
            await Task.Delay(TimeSpan.FromSeconds(31));
            warmClaimers = [.. Enumerable.Range(cadres, WarmUp).Select(i => new Cadre(baseUri, i, WarmQuizKey))];
            await Task.WhenAll(warmClaimers.Select(async c =>
            {
                await c.SignInAsync();
                await c.LoadQuizAsync();
            }));
        }

        // Sign-in and the quiz page (with its token), before anything is measured.
        var prepare = Stopwatch.StartNew();
        Func<int, Task<string?>>? ticket = null;
        if (!login)
        {
            var tickets = await TicketsAsync(services, cadres);
            ticket = i => Task.FromResult<string?>(tickets[i]);
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, cadres), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var cadre = users[i] = new Cadre(baseUri, i);
            try
            {
                if (ticket is not null)
                {
                    cadre.Cookies.SetCookies(baseUri, (await ticket(i))!);
                }
                else
                {
                    await cadre.SignInAsync();
                }

                await cadre.LoadQuizAsync();
            }
            catch (Exception ex)
            {
                stats.Error("prepare " + Kind(ex));
                cadre.Failed = true;
            }
        });
        Console.WriteLine(string.Create(C, $"prepared {cadres} cadres ({(login ? "signed in through /Account/Login" : "sign-in tickets")}) in {prepare.Elapsed.TotalSeconds:0.0} s, errors: {stats.ErrorCount}"));
        if (Opens)
        {
            var (exam, warmQuiz) = (await DrawnAheadAsync(services, QuizKey), await DrawnAheadAsync(services, WarmQuizKey));
            Console.WriteLine(string.Create(C, $"attempts drawn ahead while the cadres waited: {exam} for the exam, {warmQuiz} for the warm-up's quiz"));
            // The warm-up's quiz opens in 35 s (once every cached copy has expired), the exam 25 s later; the warm-up cadres start
            // theirs at its opening (attempts drawn ahead: the exam's path) and go through it, then the gate opens at the exam's.
            var warmOpens = DateTime.UtcNow.AddSeconds(35);
            var examOpens = warmOpens.AddSeconds(25);
            await OpenAtAsync(services, examOpens, warmOpens);
            await Task.Delay(warmOpens - DateTime.UtcNow + TimeSpan.FromMilliseconds(300));
            await Task.WhenAll(warmClaimers.Select(c => WarmThroughAsync(c, warmStats)));
            warmClaimers.ForEach(c => c.Dispose());
            Console.WriteLine(string.Create(C, $"warm-up at the warm-up quiz's opening: {WarmUp} starts of attempts drawn ahead, errors: {warmStats.ErrorCount}"));
            await Task.Delay(examOpens - DateTime.UtcNow + TimeSpan.FromMilliseconds(300));
        }
        else if (IdleSeconds > 0)
        {
            Console.WriteLine(string.Create(C, $"idle for {IdleSeconds} s before the gate"));
            await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
        }

        // Everyone waits at the gate; opening it releases every start at once.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wave = Stopwatch.StartNew();
        long lastStartTicks = 0;
        var startsSettled = 0;
        // --submit-together: the second gate, opened by the last cadre to arrive at it (one that fails before it arrives too).
        var active = users.Count(u => !u.Failed);
        var submitGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (arrived, submitsSettled) = (0, 0);
        void Arrive()
        {
            if (Interlocked.Increment(ref arrived) == active)
            {
                submitGate.TrySetResult();
            }
        }

        var tasks = users.Where(u => !u.Failed).Select(cadre => Task.Run(async () =>
        {
            await gate.Task;
            var random = new Random(cadre.Index);
            var atGate = false;
            try
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await cadre.StartAsync();
                }
                finally
                {
                    Interlocked.Increment(ref startsSettled);
                }

                stats.Start.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                InterlockedMax(ref lastStartTicks, wave.Elapsed.Ticks);
                for (var page = 0; page < cadre.Pages.Count; page++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(thinkMin * 1000, thinkMax * 1000 + 1)));
                    var t = Stopwatch.GetTimestamp();
                    await cadre.SaveAsync(page, random);
                    stats.Save.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    stats.Timeline.Add(('v', wave.Elapsed.TotalSeconds, Stopwatch.GetElapsedTime(t).TotalMilliseconds));
                }

                if (SubmitTogether)
                {
                    atGate = true;
                    Arrive();
                    await submitGate.Task;
                }

                var s = Stopwatch.GetTimestamp();
                try
                {
                    await cadre.SubmitAsync();
                }
                finally
                {
                    Interlocked.Increment(ref submitsSettled);
                }

                stats.Submit.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
                stats.Timeline.Add(('u', wave.Elapsed.TotalSeconds, Stopwatch.GetElapsedTime(s).TotalMilliseconds));
            }
            catch (Exception ex)
            {
                stats.Error(cadre.Step + " " + Kind(ex));
                if (SubmitTogether && !atGate)
                {
                    Arrive();
                }
            }
        })).ToList();
        // Where the 2 cores go while the wave is served: read at the gate's opening and again once every start is answered.
        wave.Restart();
        var opened = HostPid > 0 ? CpuAccount.Read(HostPid) : default;
        // The saves alone: a stretch after the wave and before the first submit can come (8 pages at the shortest think time),
        // ~12,000 saves at N = 3,000 and nothing else, so that one save's cost is read without the submits' peak around it.
        var (steadyFrom, steadyTo) = (TimeSpan.FromSeconds(Math.Max(12, thinkMin * 2 + 2)), TimeSpan.FromSeconds(thinkMin * 8 - 2));
        var steady = HostPid > 0 && steadyTo - steadyFrom >= TimeSpan.FromSeconds(10)
            ? Task.Run(async () =>
            {
                await Task.Delay(steadyFrom);
                var from = CpuAccount.Read(HostPid);
                await Task.Delay(steadyTo - steadyFrom);
                return (Cpu: CpuAccount.Read(HostPid) - from, Ok: true);
            })
            : Task.FromResult((Cpu: default(CpuAccount), Ok: false));
        gate.SetResult();
        while (HostPid > 0 && Volatile.Read(ref startsSettled) < tasks.Count && wave.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(50);
        }

        var (served, waveCpu) = (wave.Elapsed, HostPid > 0 ? CpuAccount.Read(HostPid) - opened : default);
        if (SubmitTogether && HostPid > 0)
        {
            // The submit wave alone: from the second gate's opening until every submit released by it is answered.
            await submitGate.Task;
            var (from, released) = (CpuAccount.Read(HostPid), Stopwatch.StartNew());
            var waiting = Volatile.Read(ref arrived) - stats.ErrorCount;
            while (Volatile.Read(ref submitsSettled) < waiting && released.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(50);
            }

            var submitCpu = CpuAccount.Read(HostPid) - from;
            Console.WriteLine(string.Create(C, $"processor time over the submit wave ({waiting} submits released at once, answered in {released.Elapsed.TotalSeconds:0.00} s): {submitCpu.Describe(waiting, "submit")}"));
        }

        await Task.WhenAll(tasks);
        var total = wave.Elapsed;
        var afterCpu = HostPid > 0 ? CpuAccount.Read(HostPid) - opened - waveCpu : default;
        var waveSeconds = TimeSpan.FromTicks(lastStartTicks).TotalSeconds;
        if (HostPid > 0)
        {
            Console.WriteLine(string.Create(C, $"processor time over the wave (to {served.TotalSeconds:0.00} s, {Environment.ProcessorCount} cores): {waveCpu.Describe(stats.Start.Count, "start")}"));
            // The rest of the run: the saves and submits, and whatever the host's background work does meanwhile (the
            // result notices' e-mails, the jobs' polling), per request served.
            Console.WriteLine(string.Create(C, $"processor time after the wave (to {total.TotalSeconds:0} s): {afterCpu.Describe(stats.Save.Count + stats.Submit.Count, "save or submit")}"));
            var (steadyCpu, measured) = await steady;
            var steadySaves = stats.Timeline.Count(e => e.Kind == 'v' && e.At >= steadyFrom.TotalSeconds && e.At < steadyTo.TotalSeconds);
            var steadySubmits = stats.Timeline.Count(e => e.Kind == 'u' && e.At < steadyTo.TotalSeconds);
            if (measured && steadySaves > 0)
            {
                Console.WriteLine(string.Create(C, $"processor time over the saves alone ({steadyFrom.TotalSeconds:0}–{steadyTo.TotalSeconds:0} s, {steadySaves} saves, {steadySubmits} submits before its end): {steadyCpu.Describe(steadySaves, "save")}"));
            }
        }
        foreach (var u in users)
        {
            u.Dispose();
        }

        var check = await VerifyAsync(services, cadres);
        Console.WriteLine();
        Console.WriteLine(string.Create(C, $"cadres {cadres}: run {total.TotalSeconds:0} s, start wave served in {waveSeconds:0.00} s, attempt page {(pages == 0 ? 0 : pageBytes / pages / 1024.0):0.0} KB on average"));
        Console.WriteLine(string.Create(C, $"{"step",-8} {"count",6} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}"));
        foreach (var (name, list) in new[] { ("start", stats.Start), ("save", stats.Save), ("submit", stats.Submit) })
        {
            var sorted = list.ToArray();
            Array.Sort(sorted);
            Console.WriteLine(string.Create(C, $"{name,-8} {sorted.Length,6} {P(sorted, 50),8:0} {P(sorted, 95),8:0} {P(sorted, 99),8:0} {(sorted.Length > 0 ? sorted[^1] : 0),8:0}"));
        }

        // Where the slow saves and submits are: each 10 s of the run (by when the request ended), its count and p95.
        Console.WriteLine(string.Create(C, $"{"seconds",-8} {"saves",6} {"p95 ms",8} {"submits",8} {"p95 ms",8}"));
        foreach (var window in stats.Timeline.GroupBy(e => (int)(e.At / 10)).OrderBy(g => g.Key))
        {
            var saves = window.Where(e => e.Kind == 'v').Select(e => e.Ms).Order().ToArray();
            var submits = window.Where(e => e.Kind == 'u').Select(e => e.Ms).Order().ToArray();
            Console.WriteLine(string.Create(C, $"{window.Key * 10,3}–{window.Key * 10 + 10,-4} {saves.Length,6} {P(saves, 95),8:0} {submits.Length,8} {P(submits, 95),8:0}"));
        }

        Console.WriteLine("errors: " + (stats.ErrorCount == 0 ? "0" : string.Join(", ", stats.Errors.OrderBy(e => e.Key).Select(e => $"{e.Key} ×{e.Value}"))));
        Console.WriteLine("database: " + check);
        string Ps(ConcurrentBag<double> bag)
        {
            var a = bag.ToArray();
            Array.Sort(a);
            return string.Create(C, $"{P(a, 50):0}/{P(a, 95):0}/{P(a, 99):0}");
        }

        Console.WriteLine(string.Create(C, $"RESULT quizstart cadres={cadres} errors={stats.ErrorCount} wave_s={waveSeconds:0.00} start_ms={Ps(stats.Start)} save_ms={Ps(stats.Save)} submit_ms={Ps(stats.Submit)} run_s={total.TotalSeconds:0} db={check.Replace(' ', '_')}"));
    }

    private static double P(double[] sorted, int percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static string Kind(Exception ex) => ex switch
    {
        HttpStatusException s => s.Message,
        TaskCanceledException => "timeout",
        HttpRequestException h => "http " + (h.HttpRequestError.ToString()),
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    private static string Email(int i) => $"thi{i:00000}@example.vn";

    /// <summary>Every warm-up cadre through the whole flow at once (a new attempt each round: the quiz allows unlimited attempts).</summary>
    private static Task WarmUpRoundAsync(Uri baseUri, int cadres, Stats warmStats) =>
        Task.WhenAll(Enumerable.Range(cadres, WarmUp).Select(async i =>
        {
            using var cadre = new Cadre(baseUri, i, Opens ? WarmQuizKey : QuizKey);
            try
            {
                await cadre.SignInAsync();
                await cadre.LoadQuizAsync();
            }
            catch (Exception ex)
            {
                warmStats.Error(cadre.Step + " " + Kind(ex));
                return;
            }

            await WarmThroughAsync(cadre, warmStats);
        }));

    /// <summary>A warm-up cadre, its quiz's page loaded, through start, every page's save and the submit, without think time.</summary>
    private static async Task WarmThroughAsync(Cadre cadre, Stats warmStats)
    {
        try
        {
            await cadre.StartAsync();
            for (var page = 0; page < cadre.Pages.Count; page++)
            {
                await cadre.SaveAsync(page, new Random(cadre.Index));
            }

            await cadre.SubmitAsync();
        }
        catch (Exception ex)
        {
            warmStats.Error(cadre.Step + " " + Kind(ex));
        }
    }

    /// <summary>Sets both quizzes' opening times in the database (the host reads them again within 30 s).</summary>
    private static async Task OpenAtAsync(IServiceProvider services, DateTime examOpensUtc, DateTime warmOpensUtc)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        await db.Set<Quiz>().Where(q => q.Key == QuizKey).ExecuteUpdateAsync(u => u.SetProperty(q => q.OpensUtc, examOpensUtc));
        await db.Set<Quiz>().Where(q => q.Key == WarmQuizKey).ExecuteUpdateAsync(u => u.SetProperty(q => q.OpensUtc, warmOpensUtc));
    }

    private static async Task<int> DrawnAheadAsync(IServiceProvider services, string key)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        return await db.Set<Attempt>().IgnoreQueryFilters().CountAsync(a => a.State == AttemptState.NotStarted && db.Set<Quiz>().Any(q => q.Id == a.QuizId && q.Key == key));
    }

    private static async Task<string[]> TicketsAsync(IServiceProvider services, int cadres)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<LearningUser>>();
        var cookie = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        signIn.Context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var users = await db.Users.AsNoTracking().Where(u => u.Email!.StartsWith("thi")).ToDictionaryAsync(u => u.Email!);
        var result = new string[cadres];
        for (var i = 0; i < cadres; i++)
        {
            result[i] = await Sessions.CookieAsync(signIn, cookie, users[Email(i)]);
        }

        return result;
    }

    /// <summary>Every cadre has one attempt of 16 questions on 8 pages, every question answered, graded once.</summary>
    /// <summary>The account ids of the N measured cadres (not the warm-up's).</summary>
    private static async Task<HashSet<string>> MeasuredUserIdsAsync(LearningDbContext db, int cadres)
    {
        var measured = Enumerable.Range(0, cadres).Select(Email).ToHashSet();
        return (await db.Users.AsNoTracking().Where(u => u.Email!.StartsWith("thi")).Select(u => new { u.Id, u.Email }).ToListAsync())
            .Where(u => measured.Contains(u.Email!)).Select(u => u.Id).ToHashSet();
    }

    private static async Task<string> VerifyAsync(IServiceProvider services, int cadres)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var quizId = await db.Set<Quiz>().Where(q => q.Key == QuizKey).Select(q => q.Id).SingleAsync();
        var ids = await MeasuredUserIdsAsync(db, cadres);
        var rows = await db.Set<Attempt>().AsNoTracking().Where(a => a.QuizId == quizId)
            .Select(a => new
            {
                a.UserId,
                a.State,
                a.Score,
                a.GradedUtc,
                a.PageCount,
                Questions = db.Set<AttemptQuestion>().Count(q => q.AttemptId == a.Id),
                Answered = db.Set<AttemptQuestion>().Count(q => q.AttemptId == a.Id && q.Response != null && q.Sequence > 0),
                AnsweredPages = db.Set<AttemptQuestion>().Where(q => q.AttemptId == a.Id && q.Response != null).Select(q => q.Page).Distinct().Count(),
                Saves = db.Set<AttemptEvent>().Count(e => e.AttemptId == a.Id && e.Kind == AttemptEvents.Saved),
                Submits = db.Set<AttemptEvent>().Count(e => e.AttemptId == a.Id && (e.Kind == AttemptEvents.Submitted || e.Kind == AttemptEvents.TimedOut)),
            }).ToListAsync();
        rows = rows.Where(r => ids.Contains(r.UserId)).ToList();
        var perUser = rows.GroupBy(r => r.UserId).ToList();
        var one = perUser.Count(g => g.Count() == 1);
        var full = rows.Count(r => r.Questions == 16 && r.PageCount == 8);
        var answered = rows.Count(r => r.Answered == 16 && r.AnsweredPages == 8);
        var graded = rows.Count(r => r.State == AttemptState.Finished && r.Score is not null && r.GradedUtc is not null && r.Submits == 1);
        var saves = rows.Count == 0 ? 0 : rows.Average(r => r.Saves);
        var ok = one == cadres && full == cadres && answered == cadres && graded == cadres && rows.Count == cadres;
        return string.Create(C, $"{(ok ? "OK" : "MISMATCH")} attempts={rows.Count} one_per_cadre={one}/{cadres} 16q_8pages={full} all_answered_8pages={answered} finished_graded_once={graded} saved_events_avg={saves:0.0}");
    }

    private static QuestionDefinition Question(int i)
    {
        static QuestionOption O(string id, double fraction, string text) => new() { Id = id, Fraction = fraction, Text = text };
        var n = i + 1;
        return (i % 7) switch
        {
            0 => new() { Type = QuestionType.SingleChoice, Name = $"Câu {n}", Text = $"Câu {n}: Cơ quan nào cấp giấy khai sinh cho trẻ em tại xã?", Options = [O("a", 1, "Ủy ban nhân dân xã"), O("b", 0, "Công an xã"), O("c", 0, "Tòa án nhân dân huyện"), O("d", 0, "Bộ Tư pháp")] },
            1 => new() { Type = QuestionType.MultipleChoice, Name = $"Câu {n}", Text = $"Câu {n}: Những giấy tờ nào là giấy tờ tùy thân hợp lệ?", Options = [O("a", 0.5, "Căn cước công dân"), O("b", 0.5, "Hộ chiếu"), O("c", -0.5, "Thẻ thư viện"), O("d", -0.5, "Thẻ hội viên")] },
            2 => new() { Type = QuestionType.TrueFalse, Name = $"Câu {n}", Text = $"Câu {n}: Chữ ký số có giá trị pháp lý như chữ ký tay.", Options = [O("true", 1, ""), O("false", 0, "")] },
            3 => new() { Type = QuestionType.ShortAnswer, Name = $"Câu {n}", Text = $"Câu {n}: Tên gọi của chữ ký điện tử dùng khóa bí mật là gì?", IgnoreDiacritics = true, Options = [O("a", 1, "chữ ký số"), O("b", 0.5, "chữ ký*")] },
            4 => new() { Type = QuestionType.Numerical, Name = $"Câu {n}", Text = $"Câu {n}: Thời hạn giải quyết (ngày làm việc) là bao nhiêu?", Options = [new() { Id = "a", Text = "15", Tolerance = 0, Fraction = 1 }] },
            5 => new()
            {
                Type = QuestionType.Matching,
                Name = $"Câu {n}",
                Text = $"Câu {n}: Ghép thủ tục với cơ quan giải quyết.",
                Pairs =
                [
                    new() { Id = "p1", Prompt = "Khai sinh", Answer = "Ủy ban nhân dân xã" },
                    new() { Id = "p2", Prompt = "Hộ chiếu", Answer = "Công an tỉnh" },
                    new() { Id = "p3", Prompt = "Đăng ký kinh doanh", Answer = "Sở Tài chính" },
                    new() { Id = "p4", Prompt = "", Answer = "Bộ Nội vụ" },
                ],
            },
            _ => new() { Type = QuestionType.Ordering, Name = $"Câu {n}", Text = $"Câu {n}: Sắp xếp các bước tiếp nhận hồ sơ theo đúng thứ tự.", Options = [O("a", 0, "Tiếp nhận"), O("b", 0, "Kiểm tra"), O("c", 0, "Ghi phiếu hẹn"), O("d", 0, "Chuyển xử lý"), O("e", 0, "Trả kết quả")] },
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"|<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class Stats
    {
        public ConcurrentBag<double> Start { get; } = [];

        public ConcurrentBag<double> Save { get; } = [];

        public ConcurrentBag<double> Submit { get; } = [];

        /// <summary>Saves ('v') and submits ('u'): when each ended (seconds since the gate opened) and how long it took.</summary>
        public ConcurrentBag<(char Kind, double At, double Ms)> Timeline { get; } = [];

        public ConcurrentDictionary<string, int> Errors { get; } = new();

        public int ErrorCount => Errors.Values.Sum();

        public void Error(string kind) => Errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    private sealed class HttpStatusException(string message) : Exception(message);

    /// <summary>What the page offers for one question: its type and the ids an answer may use.</summary>
    private sealed record PageQuestion(int Slot, string Type, List<string> Values, Dictionary<string, List<string>> Selects);

    /// <summary>One cadre's browser: its own cookies and connection, redirects followed by hand to time them.</summary>
    private sealed class Cadre : IDisposable
    {
        private readonly HttpClient client;
        private string token = "";
        private string attemptPath = "";
        private long sequence;

        public Cadre(Uri baseUri, int index, string quiz = QuizKey)
        {
            Index = index;
            Quiz = quiz;
            client = new HttpClient(new SocketsHttpHandler
            {
                CookieContainer = Cookies,
                UseCookies = true,
                AllowAutoRedirect = false,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
                AutomaticDecompression = Compress ? DecompressionMethods.All : DecompressionMethods.None,
            })
            { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(120) };
        }

        public int Index { get; }

        public string Quiz { get; }

        public CookieContainer Cookies { get; } = new();

        public bool Failed { get; set; }

        public string Step { get; private set; } = "prepare";

        public List<List<PageQuestion>> Pages { get; } = [];

        public async Task SignInAsync()
        {
            Step = "login";
            var form = await GetAsync("/Account/Login");
            var reply = await PostFormAsync("/Account/Login", [new("__RequestVerificationToken", Token(form)), new("email", Email(Index)), new("password", Password), new("returnUrl", "/")]);
            if (reply.StatusCode != HttpStatusCode.Redirect)
            {
                throw new HttpStatusException($"login {(int)reply.StatusCode}");
            }
        }

        public async Task LoadQuizAsync()
        {
            Step = "quiz page";
            token = Token(await GetAsync("/Quizzes/" + Quiz));
        }

        public async Task StartAsync()
        {
            Step = "start";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Quizzes/" + Quiz)
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("place", "")]),
            };

            // The page read as it streams in, into one pooled buffer, and read there as UTF-8 bytes: buffering it whole first (the
            // response is chunked, so of unknown length) grew a stream by doubling, and decoding it into a string (66 KB of UTF-16
            // a page) and matching it with regular expressions made the load generator's collector half of its processor time in
            // the wave. That work is the harness's, not the host's: a phone parses its page on its own processor.
            using var reply = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var (buffer, length) = await ReadBodyAsync(reply);
            try
            {
                var html = buffer.AsSpan(0, length);
                if (reply.StatusCode == HttpStatusCode.OK && Between(html, "id=\"attempt\" data-attempt=\""u8, "\""u8) is { Length: 36 } started)
                {
                    // The start answers with the attempt it stored (the build before it redirected to the attempt page).
                    attemptPath = "/Quizzes/Attempt/" + Encoding.ASCII.GetString(started);
                    Read(html);
                    return;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (reply.StatusCode == HttpStatusCode.Redirect && reply.Headers.Location is not null)
            {
                attemptPath = reply.Headers.Location.OriginalString;
                Step = "attempt page";
                Read(Encoding.UTF8.GetBytes(await GetAsync(attemptPath)));
                return;
            }

            throw new HttpStatusException($"start POST {(int)reply.StatusCode}");
        }

        public async Task SaveAsync(int page, Random random)
        {
            Step = "save";
            var answers = Pages[page].Select(q => new { slot = q.Slot, seq = Next(), response = Respond(q, random) }).ToList();
            foreach (var (q, a) in Pages[page].Zip(answers))
            {
                last[q.Slot] = a.response;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/quizzes/attempts/{attemptPath[(attemptPath.LastIndexOf('/') + 1)..]}/answers")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { page = Math.Min(page + 1, Pages.Count - 1), answers }, Json), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("RequestVerificationToken", token);
            using var reply = await client.SendAsync(request);
            if (reply.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpStatusException($"save {(int)reply.StatusCode}");
            }

            await reply.Content.ReadAsByteArrayAsync();
        }

        /// <summary>The form a browser posts: the shown (last) page's inputs, as the cadre left them, the questions' markers, and nothing pending.</summary>
        public async Task SubmitAsync()
        {
            Step = "submit";
            var page = Pages.Count - 1;
            var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("page", page.ToString(C)), new("pending", "") };
            // Every question's "shown" marker, as the page's form carries them: the server then saves the shown page's answers
            // (a save in the submit's request, as a browser's submit makes) before grading.
            fields.AddRange(Pages.SelectMany(p => p).Select(q => new KeyValuePair<string, string>("shown", q.Slot.ToString(C))));
            foreach (var q in Pages[page])
            {
                var r = last[q.Slot];
                var name = "q" + q.Slot;
                switch (q.Type)
                {
                    case "Matching":
                        fields.AddRange(r.Matches!.Select(m => new KeyValuePair<string, string>(name + "." + m.Key, m.Value)));
                        break;
                    case "Ordering":
                        fields.AddRange(r.Choices!.Select((id, i) => new KeyValuePair<string, string>(name + "." + id, (i + 1).ToString(C))));
                        break;
                    case "ShortAnswer" or "Numerical":
                        fields.Add(new(name, r.Text!));
                        break;
                    default:
                        fields.AddRange(r.Choices!.Select(c => new KeyValuePair<string, string>(name, c)));
                        break;
                }
            }

            using var reply = await PostFormAsync(attemptPath + "?handler=Submit", fields);
            if (reply.StatusCode != HttpStatusCode.Redirect || reply.Headers.Location?.OriginalString.Contains("/Quizzes/Review/", StringComparison.Ordinal) != true)
            {
                throw new HttpStatusException($"submit {(int)reply.StatusCode}");
            }
        }

        public void Dispose() => client.Dispose();

        private readonly Dictionary<int, Response> last = [];

        private sealed record Response(List<string>? Choices = null, string? Text = null, Dictionary<string, string>? Matches = null);

        private long Next() => sequence = Math.Max(sequence + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        private static Response Respond(PageQuestion q, Random random)
        {
            string Pick(IReadOnlyList<string> from) => from[random.Next(from.Count)];
            return q.Type switch
            {
                "SingleChoice" or "TrueFalse" => new(Choices: [Pick(q.Values)]),
                "MultipleChoice" => new(Choices: q.Values.Where(_ => random.Next(2) == 0).DefaultIfEmpty(q.Values[0]).ToList()),
                "ShortAnswer" => new(Text: Pick(["chữ ký số", "chu ky so", "chữ ký điện tử", "mã OTP"])),
                "Numerical" => new(Text: Pick(["15", "15,0", "14", "20"])),
                "Matching" => new(Matches: q.Selects.ToDictionary(s => s.Key, s => Pick(s.Value))),
                "Ordering" => new(Choices: q.Selects.Keys.OrderBy(_ => random.Next()).ToList()),
                _ => throw new InvalidOperationException("Unexpected question type " + q.Type),
            };
        }

        /// <summary>
        /// Pages and questions from the attempt page, read in its UTF-8 bytes (the markers and values it needs are ASCII): fieldsets
        /// in page sections, inputs named q{slot}[.key], a select's options up to its end.
        /// </summary>
        private void Read(ReadOnlySpan<byte> html)
        {
            token = Token(html);
            ReadOnlySpan<byte> sectionMark = "<section class=\"attempt-page\" data-page=\""u8;
            ReadOnlySpan<byte> questionMark = "<fieldset class=\"question"u8;
            var sections = Positions(html, sectionMark);
            for (var s = 0; s < sections.Count; s++)
            {
                var section = html[sections[s]..(s + 1 < sections.Count ? sections[s + 1] : html.Length)];
                var questions = new List<PageQuestion>();
                var starts = Positions(section, questionMark);
                for (var i = 0; i < starts.Count; i++)
                {
                    var fieldset = section[starts[i]..(i + 1 < starts.Count ? starts[i + 1] : section.Length)];
                    var slot = Between(fieldset, " id=\"question-"u8, "\""u8);
                    var type = Between(fieldset, " data-type=\""u8, "\""u8);
                    if (slot.IsEmpty || type.IsEmpty)
                    {
                        throw new HttpStatusException("attempt page question markup");
                    }

                    var q = new PageQuestion(int.Parse(slot, C), Encoding.ASCII.GetString(type), [], []);
                    ReadInputs(fieldset, q);
                    questions.Add(q);
                }

                Pages.Add(questions);
            }

            if (Pages.Count != 8 || Pages.Any(p => p.Count != 2))
            {
                throw new HttpStatusException($"attempt page layout {Pages.Count} pages");
            }
        }

        /// <summary>Each input named q{digits}: with a ".key", a select (its options' values); else its value, if it has one.</summary>
        private static void ReadInputs(ReadOnlySpan<byte> fieldset, PageQuestion q)
        {
            ReadOnlySpan<byte> nameMark = "name=\"q"u8;
            for (var at = fieldset.IndexOf(nameMark); at >= 0;)
            {
                var rest = fieldset[(at + nameMark.Length)..];
                var digits = 0;
                while (digits < rest.Length && char.IsAsciiDigit((char)rest[digits]))
                {
                    digits++;
                }

                var end = rest.IndexOf((byte)'"');
                if (digits > 0 && end >= digits)
                {
                    var after = rest[(end + 1)..];
                    if (end > digits && rest[digits] == (byte)'.')
                    {
                        var select = after[..Math.Max(0, after.IndexOf("</select>"u8))];
                        q.Selects[Encoding.ASCII.GetString(rest[(digits + 1)..end])] = Values(select, "<option value=\""u8);
                    }
                    else if (end == digits && after.StartsWith(" value=\""u8))
                    {
                        var value = after[" value=\"".Length..];
                        q.Values.Add(Encoding.UTF8.GetString(value[..value.IndexOf((byte)'"')]));
                    }
                }

                var next = rest.IndexOf(nameMark);
                at = next < 0 ? -1 : at + nameMark.Length + next;
            }
        }

        /// <summary>The quoted values that follow each <paramref name="mark"/> in <paramref name="text"/>.</summary>
        private static List<string> Values(ReadOnlySpan<byte> text, ReadOnlySpan<byte> mark)
        {
            var values = new List<string>();
            foreach (var at in Positions(text, mark))
            {
                var value = text[(at + mark.Length)..];
                var end = value.IndexOf((byte)'"');
                if (end > 0)
                {
                    values.Add(Encoding.UTF8.GetString(value[..end]));
                }
            }

            return values;
        }

        /// <summary>Where each <paramref name="mark"/> begins in <paramref name="text"/>.</summary>
        private static List<int> Positions(ReadOnlySpan<byte> text, ReadOnlySpan<byte> mark)
        {
            var found = new List<int>();
            for (var at = text.IndexOf(mark); at >= 0;)
            {
                found.Add(at);
                var next = text[(at + 1)..].IndexOf(mark);
                at = next < 0 ? -1 : at + 1 + next;
            }

            return found;
        }

        /// <summary>What lies between the first <paramref name="before"/> and the next <paramref name="after"/>; empty if either is missing.</summary>
        private static ReadOnlySpan<byte> Between(ReadOnlySpan<byte> text, ReadOnlySpan<byte> before, ReadOnlySpan<byte> after)
        {
            var at = text.IndexOf(before);
            if (at < 0)
            {
                return [];
            }

            var rest = text[(at + before.Length)..];
            var end = rest.IndexOf(after);
            return end < 0 ? [] : rest[..end];
        }

        /// <summary>The body in a pooled buffer (the caller returns it) and its length.</summary>
        private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpResponseMessage reply)
        {
            await using var body = await reply.Content.ReadAsStreamAsync();
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            var length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length))) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            Interlocked.Add(ref pageBytes, length);
            Interlocked.Increment(ref pages);
            return (buffer, length);
        }

        /// <summary>The antiforgery token of the page's form (its input names it, then gives its value).</summary>
        private static string Token(ReadOnlySpan<byte> html)
        {
            var at = html.IndexOf("name=\"__RequestVerificationToken\""u8);
            var tag = at < 0 ? [] : html[at..];
            tag = tag[..Math.Max(0, tag.IndexOf((byte)'>'))];
            var value = Between(tag, "value=\""u8, "\""u8);
            if (value.IsEmpty)
            {
                throw new HttpStatusException("no antiforgery token");
            }

            return WebUtility.HtmlDecode(Encoding.UTF8.GetString(value));
        }

        private static string Token(string html)
        {
            var match = TokenPattern().Match(html);
            if (!match.Success)
            {
                throw new HttpStatusException("no antiforgery token");
            }

            return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
        }

        private async Task<string> GetAsync(string path)
        {
            using var reply = await client.GetAsync(path);
            if (reply.StatusCode != HttpStatusCode.OK)
            {
                throw new HttpStatusException($"{Step} GET {(int)reply.StatusCode}");
            }

            return await reply.Content.ReadAsStringAsync();
        }

        private async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
        {
            var reply = await client.PostAsync(path, new FormUrlEncodedContent(fields));
            await reply.Content.ReadAsByteArrayAsync();
            return reply;
        }
    }
}
