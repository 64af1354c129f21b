using System.Globalization;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Notifications;
using Learning.Organization;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Quizzes.Services;

/// <summary>
/// The attempt's life: start (or resume), save answers as they change, submit once, and time out by the server's clock.
/// Every change is a conditional update on the attempt's row in one transaction, so a save racing a submit, two tabs, a
/// double click or the timer and the cadre submitting together settle on one outcome and one grade.
/// </summary>
public sealed class AttemptService(
    Lazy<LearningDbContext> database,
    QuizCatalog catalog,
    Lazy<ICadreDirectory> cadreDirectory,
    Lazy<ILessonCompletionReporter> completionReporter,
    Lazy<INotifier> notices,
    Lazy<ILearningEvents> learningEvents,
    IOptions<QuizzesOptions> options,
    StartGate gate,
    StartReads reads,
    StartWriter writer,
    QuizPasswordTries passwordTries,
    TimeProvider clock,
    IMemoryCache cache,
    ILogger<AttemptService> logger)
{
    public const string Timer = "timer";

    /// <summary>How long after submitting the "immediately after" review options apply (Moodle: two minutes).</summary>
    public static readonly TimeSpan Immediately = TimeSpan.FromMinutes(2);

    // Taken when first used (ADR-044): a start that finds what it needs in the catalog's cache and the grouped reads rents no
    // request context, so thousands of starts waiting at the gate do not empty the context pool.
    private LearningDbContext Db => database.Value;

    private ICadreDirectory Cadres => cadreDirectory.Value;

    private ILessonCompletionReporter Completion => completionReporter.Value;

    private INotifier Notifier => notices.Value;

    private ILearningEvents Events => learningEvents.Value;

    private TimeSpan Grace => TimeSpan.FromSeconds(options.Value.GraceSeconds);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The cadre's limits on this quiz: their own override, else the deepest of their units', else the quiz's.</summary>
    public async Task<Accommodation> AccommodationAsync(Quiz quiz, string userId, CancellationToken cancellationToken)
    {
        var overrides = await catalog.OverridesAsync(quiz.Id, cancellationToken);
        var chosen = overrides.FirstOrDefault(o => o.UserId == userId);
        if (chosen is null && overrides.Any(o => o.UnitPath is not null)
            && await Cadres.FindByUserAsync(userId, cancellationToken) is { } cadre)
        {
            chosen = overrides.Where(o => o.UnitPath is { } path && cadre.OrgPath.StartsWith(path, StringComparison.Ordinal))
                .OrderByDescending(o => o.UnitPath!.Length).FirstOrDefault();
        }

        TimeSpan? limit = quiz.TimeLimitSeconds is { } seconds
            ? TimeSpan.FromSeconds((double)(seconds * (chosen?.TimeMultiplier ?? 1)) + (chosen?.ExtraTimeSeconds ?? 0))
            : null;
        var attempts = quiz.AttemptsAllowed == 0 ? 0 : quiz.AttemptsAllowed + (chosen?.ExtraAttempts ?? 0);
        return new Accommodation(limit, attempts, chosen?.ClosesUtc ?? quiz.ClosesUtc, chosen is not null);
    }

    /// <summary>Which review options apply to this attempt now (Moodle's four moments).</summary>
    public async Task<ReviewItems> ReviewItemsAsync(Quiz quiz, Attempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.State == AttemptState.InProgress)
        {
            return quiz.ReviewDuring | ReviewItems.Answer;
        }

        var open = OpenReview(quiz, attempt);
        return open == quiz.ReviewAfterClose || !await ClosedForAsync(quiz, attempt.UserId, cancellationToken) ? open : quiz.ReviewAfterClose;
    }

    /// <summary>
    /// Whether a finished attempt's review shows <paramref name="item"/> now; the cadre's close date is read only when the
    /// moments differ on it (an attempt's result notice asks this in the submit's transaction).
    /// </summary>
    public async Task<bool> ReviewShowsAsync(Quiz quiz, Attempt attempt, ReviewItems item, CancellationToken cancellationToken)
    {
        var open = OpenReview(quiz, attempt).HasFlag(item);
        return open == quiz.ReviewAfterClose.HasFlag(item) || !await ClosedForAsync(quiz, attempt.UserId, cancellationToken) ? open : !open;
    }

    /// <summary>The review options while the quiz is open: "immediately after" for two minutes from the submit, then "later".</summary>
    private ReviewItems OpenReview(Quiz quiz, Attempt attempt) =>
        attempt.SubmittedUtc is { } submitted && Now - submitted < Immediately ? quiz.ReviewImmediately : quiz.ReviewLaterOpen;

    private async Task<bool> ClosedForAsync(Quiz quiz, string userId, CancellationToken cancellationToken) =>
        (await AccommodationAsync(quiz, userId, cancellationToken)).ClosesUtc is { } closes && Now >= closes;

    /// <summary>A cadre's attempts at a quiz, oldest first; one whose time ran out is submitted first.</summary>
    public async Task<List<Attempt>> AttemptsAsync(Quiz quiz, string userId, CancellationToken cancellationToken)
    {
        var attempts = await MineAsync(quiz.Id, userId, cancellationToken);
        if (attempts.FirstOrDefault(a => a.State == AttemptState.InProgress && IsOverdue(a)) is { } overdue)
        {
            await SubmitAsync(overdue.Id, Timer, cancellationToken);
            attempts = await MineAsync(quiz.Id, userId, cancellationToken);
        }

        return attempts;
    }

    /// <summary>Why the cadre cannot start a new attempt now (null = they can); an attempt in progress is resumed instead.</summary>
    public AttemptProblem? CheckStart(Quiz quiz, Accommodation rules, IReadOnlyList<Attempt> attempts)
    {
        var now = Now;
        if (quiz.OpensUtc is { } opens && opens > now)
        {
            return new("Attempt.NotOpen", opens);
        }

        if (rules.ClosesUtc is { } closes && closes <= now)
        {
            return new("Attempt.Closed", closes);
        }

        if (rules.AttemptsAllowed > 0 && attempts.Count >= rules.AttemptsAllowed)
        {
            return new("Attempt.NoMoreAttempts", rules.AttemptsAllowed);
        }

        if (quiz.DelayBetweenAttemptsSeconds > 0 && (attempts.Count > 0 ? attempts[^1].SubmittedUtc : null) is { } last
            && last.AddSeconds(quiz.DelayBetweenAttemptsSeconds) > now)
        {
            return new("Attempt.Wait", last.AddSeconds(quiz.DelayBetweenAttemptsSeconds));
        }

        return null;
    }

    /// <summary>
    /// Starts an attempt, or returns the one in progress (a second tab, a double click, a retry after a time-out). The checks
    /// and the draw run a few at a time per node (<see cref="StartGate"/>); the new attempt is stored with the others waiting
    /// (<see cref="StartWriter"/>). <paramref name="password"/>: what the cadre typed, for a quiz that asks for one to start.
    /// </summary>
    public async Task<StartOutcome> StartAsync(string quizKey, string userId, (int CourseId, string CourseSlug, string LessonKey)? lesson, string? password, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(quizKey, cancellationToken) is not { } quiz)
        {
            return new(null, new("Attempt.NoQuiz"));
        }

        // The cadre's attempts, and the one drawn ahead if any: read with the other starts waiting, in one query (ADR-043).
        var all = await reads.ReadAsync(quiz.Id, userId, cancellationToken);
        var outcome = await gate.RunAsync(() => PrepareStartAsync(quiz, all, userId, lesson, password, cancellationToken), cancellationToken);
        if (outcome is not { Attempt: { } attempt, Created: true })
        {
            return outcome;
        }

        if (await writer.WriteAsync(attempt, QuizEvent(LearningVerbs.Attempted, attempt, quiz)))
        {
            return outcome;
        }

        // Another request of the same cadre started this number first: theirs is the attempt.
        logger.LogDebug("Attempt {Number} at quiz {Quiz} was started by a concurrent request", attempt.Number, quizKey);
        var winner = (await MineAsync(attempt.QuizId, userId, cancellationToken)).FirstOrDefault(a => a.State == AttemptState.InProgress);
        return winner is not null ? new(winner, null) : new(null, new("Attempt.Busy"));
    }

    /// <summary>
    /// From the cadre's attempts (<paramref name="all"/>, read for this start): the attempt in progress, a reason not to start,
    /// a new attempt drawn and not yet stored (its id 0), or the attempt drawn for the cadre ahead of the opening, made ready
    /// to start (its id set, its clock from now: the writer claims it).
    /// </summary>
    private async Task<StartOutcome> PrepareStartAsync(
        Quiz quiz, List<Attempt> all, string userId, (int CourseId, string CourseSlug, string LessonKey)? lesson, string? password, CancellationToken cancellationToken)
    {
        var attempts = all.Where(a => a.State != AttemptState.NotStarted).ToList();
        if (attempts.Any(a => a.State == AttemptState.InProgress && IsOverdue(a)))
        {
            attempts = await AttemptsAsync(quiz, userId, cancellationToken);
        }

        if (attempts.FirstOrDefault(a => a.State == AttemptState.InProgress) is { } open)
        {
            return new(open, null);
        }

        var rules = await AccommodationAsync(quiz, userId, cancellationToken);
        if (CheckStart(quiz, rules, attempts) is { } problem)
        {
            return new(null, problem);
        }

        // A new attempt only: the one in progress (above) resumes without it. Past the tries, refused whatever is typed.
        if (!string.IsNullOrEmpty(quiz.Password) && CheckPassword(quiz, userId, password) is { } refused)
        {
            return new(null, refused);
        }

        var number = attempts.Count == 0 ? 1 : attempts.Max(a => a.Number) + 1;
        var attempt = all.FirstOrDefault(a => a.State == AttemptState.NotStarted) is { } ready
            ? await ReadyToStartAsync(ready, quiz, rules, number, cancellationToken)
            : null;
        attempt ??= await NewAttemptAsync(quiz, rules, userId, number, cancellationToken);
        if (attempt.Questions.Count == 0)
        {
            return new(null, new("Attempt.Empty"));
        }

        (attempt.CourseId, attempt.CourseSlug, attempt.LessonKey) = (lesson?.CourseId, lesson?.CourseSlug, lesson?.LessonKey);
        return new(attempt, null, Created: true);
    }

    private AttemptProblem? CheckPassword(Quiz quiz, string userId, string? password)
    {
        if (passwordTries.LockedUntil(quiz.Id, userId) is { } locked)
        {
            return new("Attempt.PasswordLocked", locked);
        }

        if (QuizPassword.Admits(quiz.Password, password))
        {
            passwordTries.Succeeded(quiz.Id, userId);
            return null;
        }

        if (string.IsNullOrWhiteSpace(password))
        {
            return new("Attempt.PasswordRequired");
        }

        return passwordTries.Failed(quiz.Id, userId) is { } until ? new("Attempt.PasswordLocked", until) : new("Attempt.WrongPassword");
    }

    /// <summary>
    /// Draws and stores the cadre's next attempt, not started, when the quiz opens within <see cref="QuizzesOptions.PrecreateMinutes"/>
    /// and they could start it then (Moodle 5's pre-created attempts): the quiz's page calls this while the cadre waits for the
    /// opening, so the exam's synchronised "start" only starts clocks. Does nothing when one is drawn already, or one is in progress.
    /// </summary>
    public async Task PrecreateAsync(Quiz quiz, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var now = Now;
        if (options.Value.PrecreateMinutes <= 0 || quiz.OpensUtc is not { } opens || opens <= now || opens - now > TimeSpan.FromMinutes(options.Value.PrecreateMinutes))
        {
            return;
        }

        var all = await MineAsync(quiz.Id, userId, cancellationToken, withUnstarted: true);
        if (all.Any(a => a.State is AttemptState.NotStarted or AttemptState.InProgress))
        {
            return;
        }

        var rules = await AccommodationAsync(quiz, userId, cancellationToken);
        // Whatever would refuse the start at the opening refuses the drawing now (closed, no attempts left, a delay).
        if (CheckStart(quiz, rules, all) is not { Key: "Attempt.NotOpen" }
            || (rules.ClosesUtc is { } closes && closes <= opens))
        {
            return;
        }

        var attempt = await NewAttemptAsync(quiz, rules, userId, all.Count == 0 ? 1 : all.Max(a => a.Number) + 1, cancellationToken);
        if (attempt.Questions.Count == 0)
        {
            return;
        }

        attempt.State = AttemptState.NotStarted;
        attempt.DeadlineUtc = null;
        attempt.Events.Clear();
        if (!await writer.WriteAsync(attempt, null))
        {
            logger.LogDebug("Attempt {Number} at quiz {Quiz} was drawn ahead by a concurrent request", attempt.Number, quiz.Key);
        }
    }

    /// <summary>
    /// The attempt drawn ahead, with its questions, made ready to start now (state, clock and deadline set; stored by the
    /// writer's claim). Null when it no longer fits (deleted; the caller draws afresh): another attempt took its number, or a
    /// question it holds was corrected or archived since it was drawn.
    /// </summary>
    private async Task<Attempt?> ReadyToStartAsync(Attempt ready, Quiz quiz, Accommodation rules, int number, CancellationToken cancellationToken)
    {
        var questions = ready.Drawn is { } drawn
            ? AttemptDraw.Read(ready.Id, drawn)
            : await Db.Set<AttemptQuestion>().AsNoTracking().Where(q => q.AttemptId == ready.Id).OrderBy(q => q.Slot).ToListAsync(cancellationToken);
        var fits = ready.Number == number && questions.Count > 0;
        foreach (var question in questions)
        {
            fits = fits && (await catalog.CurrentAsync(question.QuestionId, cancellationToken))?.VersionId == question.QuestionVersionId;
        }

        if (!fits)
        {
            await ReadyAttempts.DiscardAsync(Db, ready.Id, cancellationToken);
            return null;
        }

        var now = Now;
        var deadline = Deadline(rules, now);

        ready.State = AttemptState.InProgress;
        ready.StartedUtc = now;
        ready.DeadlineUtc = deadline;
        ready.Questions = questions;
        ready.Events = [new AttemptEvent { AtUtc = now, Kind = AttemptEvents.Started, ActorId = ready.UserId, Detail = deadline is null ? null : $"deadline {deadline:O}" }];
        return ready;
    }

    private async Task<Attempt> NewAttemptAsync(Quiz quiz, Accommodation rules, string userId, int number, CancellationToken cancellationToken)
    {
        var (questions, _) = await catalog.DrawAsync(quiz, Random.Shared, cancellationToken);
        var now = Now;
        var deadline = Deadline(rules, now);

        var attempt = new Attempt
        {
            PublicId = Guid.NewGuid(),
            QuizId = quiz.Id,
            UserId = userId,
            Number = number,
            State = AttemptState.InProgress,
            StartedUtc = now,
            DeadlineUtc = deadline,
            PageCount = AttemptLayout.PageCount(questions.Count, quiz.QuestionsPerPage),
            MaxScore = questions.Sum(q => q.Mark),
            Questions = questions,
        };
        attempt.Events.Add(new AttemptEvent { AtUtc = now, Kind = AttemptEvents.Started, ActorId = userId, Detail = deadline is null ? null : $"deadline {deadline:O}" });
        return attempt;
    }

    /// <summary>The cadre's own attempt with its questions (another cadre's is null: a 404); an overdue one is submitted first.</summary>
    public async Task<Attempt?> FindAsync(Guid publicId, string userId, CancellationToken cancellationToken)
    {
        var attempt = await LoadAsync(publicId, cancellationToken);
        if (attempt is null || attempt.UserId != userId)
        {
            return null;
        }

        if (attempt.State == AttemptState.InProgress && IsOverdue(attempt))
        {
            await SubmitAsync(attempt.Id, Timer, cancellationToken);
            attempt = await LoadAsync(publicId, cancellationToken);
        }

        return attempt;
    }

    /// <summary>An attempt with its questions (from its draw while no row is written: <see cref="AttemptDraw"/>), anybody's.</summary>
    public async Task<Attempt?> LoadAsync(Guid publicId, CancellationToken cancellationToken) =>
        await Db.Set<Attempt>().AsNoTracking().Include(a => a.Questions.OrderBy(q => q.Slot)).SingleOrDefaultAsync(a => a.PublicId == publicId, cancellationToken) is { } attempt
            ? AttemptDraw.Expand(attempt)
            : null;

    /// <summary>
    /// Saves answers (and the page the cadre is on). Refused as a whole, changing nothing, when the attempt is submitted, its
    /// time is up, or an answer does not fit its question (a tampered option, a slot not in the attempt). Null: not their attempt.
    /// The answers name options by their place on the attempt's page (<see cref="AnswerKeys"/>); they are stored as ids. The
    /// attempt's flagged questions become <paramref name="flags"/> (the whole set; null leaves them as they are); a flag on a slot
    /// not in the attempt is refused as an answer to one is.
    /// </summary>
    public async Task<SaveOutcome?> SaveAsync(Guid publicId, string userId, int? page, IReadOnlyList<AnswerInput> answers, IReadOnlyCollection<int>? flags, CancellationToken cancellationToken)
    {
        var key = new SavedLayout.Key(publicId);
        if (cache.TryGetValue(key, out SavedLayout? known) && known!.UserId == userId
            && await SaveAsKnownAsync(known, page, answers, flags, cancellationToken) is { } outcome)
        {
            return outcome;
        }

        // One read: the attempt's state and the version of each of its questions; the slots answered are picked here (a slot not
        // in the attempt is missing). Not filtered in the query: with the slots as a list parameter (Slot = ANY($3)) PostgreSQL
        // planned this read afresh at 88 % of the saves of an exam, against half without it, and the planning cost it twice the read
        // (bench/README, "The planner's share of a save").
        var attempt = await Db.Set<Attempt>().AsNoTracking().Where(a => a.PublicId == publicId && a.UserId == userId)
            .Select(a => new
            {
                a.Id,
                a.State,
                a.DeadlineUtc,
                a.CurrentPage,
                a.PageCount,
                a.Drawn,
                a.Flagged,
                Versions = a.Questions.Select(q => new { q.Slot, q.QuestionVersionId, q.OptionOrder }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        // Its first save: the questions are still only drawn on the attempt's row, and this save writes them (ADR-033).
        var drawn = attempt.Drawn is { } text ? AttemptDraw.Read(attempt.Id, text) : null;
        var questions = drawn?.Select(q => (q.Slot, q.QuestionVersionId, q.OptionOrder)) ?? attempt.Versions.Select(v => (v.Slot, v.QuestionVersionId, v.OptionOrder));
        var (problem, ids) = await CheckSaveAsync(attempt.State, attempt.DeadlineUtc, questions, answers, cancellationToken);
        problem ??= CheckFlags(questions, flags);
        if (problem is not null)
        {
            return new([], problem, attempt.DeadlineUtc);
        }

        var newPage = PageAfter(page, attempt.PageCount, attempt.CurrentPage);
        var saved = await WriteAnswersAsync(attempt.Id, userId, attempt.CurrentPage, newPage, ids, drawn, (attempt.Flagged, flags), cancellationToken);
        if (saved && Db.Database.IsNpgsql())
        {
            // Its questions are rows now (this save wrote the draw out, or an earlier one did): the next save may go straight to the write.
            cache.Set(key, new SavedLayout(publicId, attempt.Id, userId, attempt.PageCount, [.. questions], newPage, flags is null ? attempt.Flagged : AttemptFlags.Format(flags), attempt.DeadlineUtc), SavedLayout.Keep);
        }

        return saved ? new(ids, null, attempt.DeadlineUtc) : new([], new("Attempt.AlreadySubmitted"), attempt.DeadlineUtc);
    }

    /// <summary>
    /// A save checked against the attempt as this node last saw it (<see cref="SavedLayout"/>) and written without reading it
    /// first; null when that was not enough (a refusal, or the row no longer as known: another tab's or node's save, an
    /// extension, a submit), and the entry is dropped: the caller reads the attempt and saves as usual.
    /// </summary>
    private async Task<SaveOutcome?> SaveAsKnownAsync(SavedLayout known, int? page, IReadOnlyList<AnswerInput> answers, IReadOnlyCollection<int>? flags, CancellationToken cancellationToken)
    {
        // A refusal (out of time by what this node knew, an answer that does not fit) is left to the read below, which tells
        // the cadre what a save with a read would: a submitted attempt says so before its answers are looked at.
        var (problem, ids) = await CheckSaveAsync(AttemptState.InProgress, known.DeadlineUtc, known.Questions, answers, cancellationToken);
        problem ??= CheckFlags(known.Questions, flags);
        var newPage = PageAfter(page, known.PageCount, known.CurrentPage);
        var key = new SavedLayout.Key(known.PublicId);
        if (problem is null && await WriteAsKnownAsync(known, newPage, ids, flags, cancellationToken))
        {
            cache.Set(key, known with { CurrentPage = newPage, Flagged = flags is null ? known.Flagged : AttemptFlags.Format(flags) }, SavedLayout.Keep);
            return new(ids, null, known.DeadlineUtc);
        }

        cache.Remove(key);
        return null;
    }

    /// <summary>
    /// A save on PostgreSQL to an attempt as this node last saw it (<see cref="SavedLayout"/>), without reading it first: one
    /// command, one round trip. It locks the attempt's row while it is open, in time and still as known (page, flags and
    /// deadline: nobody else changed them), writes the answers and the log only where that holds, and moves the page last.
    /// False (nothing written) when the row is not as known; the caller then reads it and saves as usual.
    /// </summary>
    private async Task<bool> WriteAsKnownAsync(SavedLayout known, int newPage, IReadOnlyList<AnswerInput> answers, IReadOnlyCollection<int>? flags, CancellationToken cancellationToken)
    {
        var now = Now;
        var command = new StoreCommand(Db);
        var attempt = command.For<Attempt>();
        var deadline = attempt.Column(nameof(Attempt.DeadlineUtc));
        var flagged = attempt.Column(nameof(Attempt.Flagged));
        var asKnown = StillOpen(attempt, known.Id, now)
            + $" AND {attempt.Column(nameof(Attempt.CurrentPage))} = {attempt.Value(nameof(Attempt.CurrentPage), known.CurrentPage)}"
            + (known.Flagged is null ? $" AND {flagged} IS NULL" : $" AND {flagged} = {attempt.Value(nameof(Attempt.Flagged), known.Flagged)}")
            + (known.DeadlineUtc is { } d ? $" AND {deadline} = {attempt.Value(nameof(Attempt.DeadlineUtc), d)}" : $" AND {deadline} IS NULL");
        command.Append($"SELECT 1 FROM {attempt.Name}{asKnown} FOR UPDATE;");
        AppendAnswers(command, known.Id, known.UserId, known.CurrentPage, newPage, answers, (known.Flagged, flags), now, $"EXISTS (SELECT 1 FROM {attempt.Name}{asKnown})");
        AppendMove(command, attempt, newPage, flags, asKnown);
        return await command.ExecuteAsOneAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// Why answers may not be saved to an attempt as it was read (no longer in progress, out of time, an answer that does not
    /// fit its question), or null, with the answers in the questions' ids (the page sends places: <see cref="AnswerKeys"/>);
    /// <paramref name="questions"/>: the slot, version and option order of each of the attempt's questions.
    /// </summary>
    private async Task<(AttemptProblem? Problem, IReadOnlyList<AnswerInput> Answers)> CheckSaveAsync(
        AttemptState state, DateTime? deadlineUtc, IEnumerable<(int Slot, int Version, string Order)> questions, IReadOnlyList<AnswerInput> answers,
        CancellationToken cancellationToken)
    {
        if (state != AttemptState.InProgress)
        {
            return (new("Attempt.AlreadySubmitted"), []);
        }

        if (deadlineUtc is { } deadline && deadline + Grace < Now)
        {
            return (new("Attempt.TimeUp"), []);
        }

        if (answers.Count == 0)
        {
            return (null, answers);
        }

        var slots = answers.Select(a => a.Slot).ToHashSet();
        var answered = questions.Where(q => slots.Contains(q.Slot)).ToDictionary(q => q.Slot);
        if (slots.Count != answers.Count || answered.Count != answers.Count)
        {
            return (new("Answer.UnknownQuestion"), []);
        }

        var definitions = await catalog.DefinitionsAsync(answered.Values.Select(q => q.Version), cancellationToken);
        var ids = new List<AnswerInput>(answers.Count);
        foreach (var answer in answers)
        {
            var (_, version, order) = answered[answer.Slot];
            var response = AnswerKeys.ToIds(definitions[version], AnswerKeys.Order(order), answer.Response);
            if (QuestionGrader.Check(definitions[version], response) is { } key)
            {
                return (new(key), []);
            }

            ids.Add(answer with { Response = response });
        }

        return (null, ids);
    }

    /// <summary>Flags name questions of the attempt, or the save is refused (a tampered slot).</summary>
    private static AttemptProblem? CheckFlags(IEnumerable<(int Slot, int Version, string Order)> questions, IReadOnlyCollection<int>? flags)
    {
        if (flags is null || flags.Count == 0)
        {
            return null;
        }

        var slots = questions.Select(q => q.Slot).ToHashSet();
        return flags.All(slots.Contains) ? null : new("Answer.UnknownQuestion");
    }

    /// <summary>
    /// Writes a save's answers, page and flags, and its lines of the log, only while the attempt is still open and in time; false
    /// (nothing written) when it is not. A later save: one command, whose first statement moves the page on the attempt's row
    /// under those conditions and so locks the row until the end (a submit waits), and whose other statements each write only
    /// where the row still meets them (<c>EXISTS</c>); on PostgreSQL it runs as one implicit transaction, with no <c>BEGIN</c>
    /// or <c>COMMIT</c> (<see cref="StoreCommand.ExecuteAsOneAsync"/>): one round trip where it took three. EF would send one
    /// statement per answer and rebuild each update's expression tree on every save; at an exam's peak that was a fifth of the
    /// host's time. <paramref name="drawn"/>: the questions read from the attempt's draw (its first save): the one save that
    /// clears the draw writes them as rows, so that one learns first whether it did, in a transaction of its own. In a
    /// transaction already open (a submit's), it writes in that one and leaves the commit to it. <paramref name="flagging"/>:
    /// the flags as read with the attempt, and the set sent (null: unchanged); a change is a line of the log.
    /// </summary>
    private async Task<bool> WriteAnswersAsync(
        long attemptId, string userId, int oldPage, int newPage, IReadOnlyList<AnswerInput> answers, List<AttemptQuestion>? drawn,
        (string? Stored, IReadOnlyCollection<int>? Sent) flagging, CancellationToken cancellationToken)
    {
        if (drawn is null)
        {
            var command = new StoreCommand(Db);
            AppendSave(command, attemptId, userId, oldPage, newPage, answers, flagging, Now);
            return await command.ExecuteAsOneAsync(cancellationToken) > 0;
        }

        return await Db.InTransactionAsync(async ct =>
        {
            var now = Now;
            var open = new StoreCommand(Db);
            var attempt = open.For<Attempt>();
            var stillOpen = StillOpen(attempt, attemptId, now);
            AppendMove(open, attempt, newPage, flagging.Sent, stillOpen);
            // Under the same conditions, so it changes a row only when the first did; then 2 rows: this save writes the draw out.
            open.Append($"UPDATE {attempt.Name} SET {attempt.Column(nameof(Attempt.Drawn))} = NULL{stillOpen} AND {attempt.Column(nameof(Attempt.Drawn))} IS NOT NULL;");
            var changed = await open.ExecuteAsync(ct);
            if (changed == 0)
            {
                return false;
            }

            var write = new StoreCommand(Db);
            if (changed == 2)
            {
                write.For<AttemptQuestion>().Insert(drawn, AttemptColumns.Question);
            }

            AppendAnswers(write, attemptId, userId, oldPage, newPage, answers, flagging, now, null);
            if (!write.IsEmpty)
            {
                await write.ExecuteAsync(ct);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// A later save's statements (its questions written as rows already): the page and flags moved on the attempt's row while
    /// it is open and in time, which locks the row, and the answers and the log written only where it still is.
    /// </summary>
    private void AppendSave(
        StoreCommand command, long attemptId, string userId, int oldPage, int newPage, IReadOnlyList<AnswerInput> answers,
        (string? Stored, IReadOnlyCollection<int>? Sent) flagging, DateTime now)
    {
        var row = command.For<Attempt>();
        var stillOpen = StillOpen(row, attemptId, now);
        AppendMove(command, row, newPage, flagging.Sent, stillOpen);
        AppendAnswers(command, attemptId, userId, oldPage, newPage, answers, flagging, now, $"EXISTS (SELECT 1 FROM {row.Name}{stillOpen})");
    }

    /// <summary>
    /// The <c>WHERE</c> clause of a save's statements: the attempt's row while it is open and in time. Its parameters are
    /// added once; the command's later statements use them again.
    /// </summary>
    private string StillOpen(StoreTable<Attempt> attempt, long attemptId, DateTime now) =>
        $" WHERE {attempt.Column(nameof(Attempt.Id))} = {attempt.Value(nameof(Attempt.Id), attemptId)}"
        + $" AND {attempt.Column(nameof(Attempt.State))} = {attempt.Value(nameof(Attempt.State), AttemptState.InProgress)}"
        + $" AND ({attempt.Column(nameof(Attempt.DeadlineUtc))} IS NULL OR {attempt.Column(nameof(Attempt.DeadlineUtc))} >= {attempt.Value(nameof(Attempt.DeadlineUtc), now - Grace)})";

    /// <summary>
    /// The save's move on the attempt's row, where <paramref name="where"/> holds: its page, and the flags sent. The flags
    /// ride on the same statement: a save that carries them costs no more round trips than one that does not.
    /// </summary>
    private static void AppendMove(StoreCommand command, StoreTable<Attempt> attempt, int newPage, IReadOnlyCollection<int>? flags, string where)
    {
        var flagged = flags is null ? "" : $", {attempt.Column(nameof(Attempt.Flagged))} = {attempt.Value(nameof(Attempt.Flagged), AttemptFlags.Format(flags))}";
        command.Append($"UPDATE {attempt.Name} SET {attempt.Column(nameof(Attempt.CurrentPage))} = {attempt.Value(nameof(Attempt.CurrentPage), newPage)}{flagged}{where};");
    }

    /// <summary>The page a save asks for, when it is one of the attempt's; else the page it is on.</summary>
    private static int PageAfter(int? asked, int pageCount, int current) => asked is { } p && p >= 0 && p < pageCount ? p : current;

    /// <summary>
    /// The answers' updates and the save's lines of the log. <paramref name="guard"/>: a condition each of them is written
    /// under (null: none, the caller has already learnt that the attempt's row was moved).
    /// </summary>
    private static void AppendAnswers(
        StoreCommand write, long attemptId, string userId, int oldPage, int newPage, IReadOnlyList<AnswerInput> answers,
        (string? Stored, IReadOnlyCollection<int>? Sent) flagging, DateTime now, string? guard)
    {
        var question = write.For<AttemptQuestion>();
        var also = guard is null ? "" : $" AND {guard}";
        // A later save of the same answer (a higher sequence) already stored wins: an older one arriving late changes nothing.
        foreach (var answer in answers)
        {
            write.Append($"UPDATE {question.Name} SET {question.Column(nameof(AttemptQuestion.Response))} = {question.Value(nameof(AttemptQuestion.Response), QuestionJson.Serialize(answer.Response))}"
                + $", {question.Column(nameof(AttemptQuestion.Sequence))} = {question.Value(nameof(AttemptQuestion.Sequence), answer.Sequence)}"
                + $", {question.Column(nameof(AttemptQuestion.SavedUtc))} = {question.Value(nameof(AttemptQuestion.SavedUtc), now)}"
                + $" WHERE {question.Column(nameof(AttemptQuestion.AttemptId))} = {question.Value(nameof(AttemptQuestion.AttemptId), attemptId)}"
                + $" AND {question.Column(nameof(AttemptQuestion.Slot))} = {question.Value(nameof(AttemptQuestion.Slot), answer.Slot)}"
                + $" AND {question.Column(nameof(AttemptQuestion.Sequence))} < {question.Value(nameof(AttemptQuestion.Sequence), answer.Sequence)}{also};");
        }

        var log = new List<AttemptEvent>();
        if (answers.Count > 0)
        {
            log.Add(new() { AttemptId = attemptId, AtUtc = now, Kind = AttemptEvents.Saved, ActorId = userId, Detail = string.Join(',', answers.Select(a => a.Slot)) });
        }

        if (newPage != oldPage)
        {
            log.Add(new() { AttemptId = attemptId, AtUtc = now, Kind = AttemptEvents.PageChanged, ActorId = userId, Detail = $"{oldPage + 1} → {newPage + 1}" });
        }

        if (flagging.Sent is { } flags && AttemptFlags.Change(flagging.Stored, flags) is { } change)
        {
            log.Add(new() { AttemptId = attemptId, AtUtc = now, Kind = AttemptEvents.Flagged, ActorId = userId, Detail = change });
        }

        if (log.Count == 0)
        {
            return;
        }

        var events = write.For<AttemptEvent>();
        if (guard is null)
        {
            events.Insert(log, AttemptColumns.Event);
        }
        else
        {
            events.InsertWhere(log, AttemptColumns.Event, guard);
        }
    }

    /// <summary>
    /// Submits the cadre's own attempt (as <see cref="FindAsync"/> gave it), with any last answers the page still held.
    /// Submitting again changes nothing: the attempt is graded once. <paramref name="flags"/>: the flags the page still held
    /// unsent (null: as stored), kept for the review: what the cadre meant to check again.
    /// </summary>
    public async Task SubmitAsync(Attempt attempt, IReadOnlyList<AnswerInput> lastAnswers, IReadOnlyCollection<int>? flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        cache.Remove(new SavedLayout.Key(attempt.PublicId)); // no save goes past this one without reading the attempt again
        LastSave? lastSave = null;
        if (lastAnswers.Count > 0 || flags is not null)
        {
            // Checked against the attempt as loaded, and written in the grading's own transaction just before the claim: one
            // commit for the submit, not two, and no second read. Refused answers (time up, already submitted, one that does not
            // fit) change nothing; the submission still goes ahead.
            // Its questions were loaded from its draw while none is written yet (LoadAsync): those are the rows its first save
            // writes, in statements of their own (it must learn whether it cleared the draw); a later save's statements go
            // ahead of the claim's, in its command.
            var drawn = attempt.Drawn is null ? null : attempt.Questions;
            var questions = attempt.Questions.Select(q => (q.Slot, q.QuestionVersionId, q.OptionOrder));
            var (problem, ids) = await CheckSaveAsync(attempt.State, attempt.DeadlineUtc, questions, lastAnswers, cancellationToken);
            problem ??= CheckFlags(questions, flags);
            if (problem is null)
            {
                var (page, flagging) = (attempt.CurrentPage, (attempt.Flagged, flags));
                lastSave = drawn is null
                    ? (claim, now, _) =>
                    {
                        AppendSave(claim, attempt.Id, attempt.UserId, page, page, ids, flagging, now);
                        return Task.CompletedTask;
                    }
                    : (_, _, ct) => WriteAnswersAsync(attempt.Id, attempt.UserId, page, page, ids, drawn, flagging, ct);
            }
        }

        await SubmitAsync(attempt.Id, attempt.UserId, lastSave, cancellationToken);
    }

    /// <summary>Submits and grades an attempt still in progress; false when it was already submitted (nothing changes).</summary>
    public Task<bool> SubmitAsync(long attemptId, string actorId, CancellationToken cancellationToken) =>
        SubmitAsync(attemptId, actorId, null, cancellationToken);

    /// <summary>
    /// A submit's last save: appends its statements to the claim's command (<paramref name="claim"/>), or writes them in the
    /// submit's transaction before it (an attempt's first save, which writes its drawn questions as rows).
    /// </summary>
    private delegate Task LastSave(StoreCommand claim, DateTime now, CancellationToken cancellationToken);

    /// <summary><paramref name="lastSave"/>: the page's last answers, written first in the same transaction.</summary>
    private async Task<bool> SubmitAsync(long attemptId, string actorId, LastSave? lastSave, CancellationToken cancellationToken)
    {
        Attempt? graded = null;
        var submitted = await Db.InTransactionAsync(async ct =>
        {
            var now = Now;
            var claim = new StoreCommand(Db);
            if (lastSave is not null)
            {
                // Locks the attempt's row while it is open; a submit that won before it leaves it closed, and nothing is written.
                await lastSave(claim, now, ct);
            }

            if (await ClaimAsync(claim, attemptId, actorId, now, ct) is not { } attempt)
            {
                return false;
            }

            // As read by the claim, and tracked from here: what the grading changes is written, and only that.
            Db.Attach(attempt);
            AttemptDraw.Materialize(Db, attempt); // never saved: its questions are written with its grades
            var quiz = await catalog.FindAsync(attempt.QuizId, ct) ?? throw new InvalidOperationException($"Quiz {attempt.QuizId} is gone.");
            var definitions = await catalog.DefinitionsAsync(attempt.Questions.Select(q => q.QuestionVersionId), ct);
            AttemptGrading.Grade(attempt, definitions, quiz.PassPercent, now);
            attempt.Events.Add(new AttemptEvent
            {
                AtUtc = now,
                Kind = actorId == Timer ? AttemptEvents.TimedOut : AttemptEvents.Submitted,
                ActorId = actorId,
                Detail = $"{attempt.Score:0.###}/{attempt.MaxScore:0.###}",
            });
            if (attempt.State == AttemptState.Finished)
            {
                // In the transaction of the one submit that won: the result is told once; an essay waits for its grader.
                Notifier.Notify(QuizResultNotice.For(attempt, quiz, await ReviewShowsAsync(quiz, attempt, ReviewItems.Marks, ct)));
                await Events.RecordManyAsync(
                    [QuizEvent(LearningVerbs.Completed, attempt, quiz), QuizEvent(attempt.Passed ? LearningVerbs.Passed : LearningVerbs.Failed, attempt, quiz)], ct);
            }

            Db.Database.AutoSavepointsEnabled = false;
            await Db.SaveChangesAsync(ct);
            graded = attempt;
            return true;
        }, cancellationToken);
        if (submitted && graded is not null)
        {
            await ReportIfPassedAsync(graded, cancellationToken);
        }

        return submitted;
    }

    /// <summary>
    /// Moves the attempt out of progress, if it still is (the one submit that does so wins; a save holding its row finishes
    /// first), and reads it as it then stands with its questions as saved: the claim's <c>UPDATE … RETURNING</c> and the
    /// questions' <c>SELECT</c> go in one command with whatever <paramref name="claim"/> holds already (a last save's
    /// statements), so a submit's claim and read are one round trip where they were three. The read is a statement after the
    /// claim: it sees the answers of a save that held the row until the claim could take it. Null: not claimed (submitted
    /// already, or not found), nothing read.
    /// </summary>
    private static async Task<Attempt?> ClaimAsync(StoreCommand claim, long attemptId, string actorId, DateTime now, CancellationToken cancellationToken)
    {
        var row = claim.For<Attempt>();
        claim.Append($"UPDATE {row.Name} SET {row.Column(nameof(Attempt.State))} = {row.Value(nameof(Attempt.State), AttemptState.NeedsGrading)}"
            + $", {row.Column(nameof(Attempt.SubmittedUtc))} = {row.Value(nameof(Attempt.SubmittedUtc), now)}"
            + $", {row.Column(nameof(Attempt.SubmittedBy))} = {row.Value(nameof(Attempt.SubmittedBy), actorId)}"
            + $" WHERE {row.Column(nameof(Attempt.Id))} = {row.Value(nameof(Attempt.Id), attemptId)}"
            + $" AND {row.Column(nameof(Attempt.State))} = {row.Value(nameof(Attempt.State), AttemptState.InProgress)}"
            + $" RETURNING {row.AllColumns};");
        var question = claim.For<AttemptQuestion>();
        claim.Append($"SELECT {question.AllColumns} FROM {question.Name}"
            + $" WHERE {question.Column(nameof(AttemptQuestion.AttemptId))} = {question.Value(nameof(AttemptQuestion.AttemptId), attemptId)}"
            + $" ORDER BY {question.Column(nameof(AttemptQuestion.Slot))};");
        return await claim.QueryAsync(async (reader, ct) =>
        {
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }

            var attempt = row.Read(reader);
            if (!await reader.NextResultAsync(ct))
            {
                throw new InvalidOperationException("The claim's command returned no questions' result.");
            }

            while (await reader.ReadAsync(ct))
            {
                attempt.Questions.Add(question.Read(reader));
            }

            return AttemptDraw.Expand(attempt);
        }, cancellationToken);
    }

    /// <summary>An attempt as a learning event: once graded, with its score, success and time taken.</summary>
    private static LearningEvent QuizEvent(string verb, Attempt attempt, Quiz quiz) =>
        new(verb, attempt.UserId, LearningActivityTypes.Quiz, quiz.Key, quiz.Title)
        {
            CourseId = attempt.CourseId,
            TimestampUtc = attempt.SubmittedUtc ?? attempt.StartedUtc,
            ScoreRaw = attempt.State == AttemptState.Finished ? attempt.Score : null,
            ScoreMin = attempt.State == AttemptState.Finished ? 0 : null,
            ScoreMax = attempt.State == AttemptState.Finished ? attempt.MaxScore : null,
            Success = attempt.State == AttemptState.Finished ? attempt.Passed : null,
            Completion = attempt.State == AttemptState.Finished ? true : null,
            Duration = attempt.SubmittedUtc is { } submitted ? submitted - attempt.StartedUtc : null,
        };

    /// <summary>Completes the lesson the attempt was started from when the cadre's quiz grade reaches the pass mark.</summary>
    public async Task ReportIfPassedAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.CourseId is not { } courseId || attempt.LessonKey is not { } lessonKey
            || await catalog.FindAsync(attempt.QuizId, cancellationToken) is not { } quiz)
        {
            return;
        }

        var percent = QuizGrading.Percent(quiz.GradingMethod, await MineAsync(quiz.Id, attempt.UserId, cancellationToken));
        if (percent is { } p && p >= quiz.PassPercent)
        {
            await Completion.ReportCompletedAsync(attempt.UserId, courseId, lessonKey, "quiz", cancellationToken);
        }
    }

    /// <summary>Attempts in progress whose time (and grace) ran out, for the sweep.</summary>
    public Task<List<long>> OverdueAsync(int max, CancellationToken cancellationToken)
    {
        var limit = Now - Grace;
        return Db.Set<Attempt>().Where(a => a.State == AttemptState.InProgress && a.DeadlineUtc != null && a.DeadlineUtc < limit)
            .OrderBy(a => a.DeadlineUtc).Select(a => a.Id).Take(max).ToListAsync(cancellationToken);
    }

    /// <summary>Deletes the attempts drawn ahead of an opening that nobody started within <see cref="QuizzesOptions.KeepUnstartedDays"/>.</summary>
    public Task<int> DiscardUnstartedAsync(CancellationToken cancellationToken) =>
        ReadyAttempts.DiscardDrawnBeforeAsync(Db, Now.AddDays(-options.Value.KeepUnstartedDays), cancellationToken);

    /// <summary>
    /// Gives the attempts in progress at a quiz the limits their cadres have now: an accommodation granted or removed, or the
    /// quiz's time limit or close date changed while cadres are answering (as Moodle does). Each deadline is counted again from
    /// when the attempt started, or was last reopened, and the change is logged on the attempt. <paramref name="userId"/>: only
    /// that cadre's attempts (a grant to one cadre). Returns how many deadlines moved; an open page learns of it at its next save.
    /// </summary>
    public async Task<int> RetimeOpenAttemptsAsync(Quiz quiz, string? userId, string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var open = await Db.Set<Attempt>().AsNoTracking()
            .Where(a => a.QuizId == quiz.Id && a.State == AttemptState.InProgress && (userId == null || a.UserId == userId))
            .Select(a => new { a.Id, a.UserId, a.StartedUtc, a.DeadlineUtc, Reopened = a.Events.Where(e => e.Kind == AttemptEvents.Reopened).Max(e => (DateTime?)e.AtUtc) })
            .ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var attempt in open)
        {
            var from = attempt.Reopened is { } reopened && reopened > attempt.StartedUtc ? reopened : attempt.StartedUtc;
            var deadline = Deadline(await AccommodationAsync(quiz, attempt.UserId, cancellationToken), from);
            if (deadline == attempt.DeadlineUtc
                || await Db.Set<Attempt>().Where(a => a.Id == attempt.Id && a.State == AttemptState.InProgress)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.DeadlineUtc, deadline), cancellationToken) == 0)
            {
                continue;
            }

            Db.Add(new AttemptEvent
            {
                AttemptId = attempt.Id,
                AtUtc = Now,
                Kind = AttemptEvents.Retimed,
                ActorId = actorId,
                Detail = deadline is { } d ? string.Create(CultureInfo.InvariantCulture, $"deadline {d:O}") : "no deadline",
            });
            moved++;
        }

        await Db.SaveChangesAsync(cancellationToken);
        return moved;
    }

    /// <summary>
    /// When an attempt opened (or reopened) at <paramref name="fromUtc"/> must be in: its time limit, or the cadre's close date
    /// if that comes first. Without a time limit the close date alone binds it, so an attempt left open is submitted at the
    /// close and not saved after it. A close date already past (a trainer reopening after it) does not.
    /// </summary>
    public static DateTime? Deadline(Accommodation rules, DateTime fromUtc)
    {
        ArgumentNullException.ThrowIfNull(rules);
        DateTime? end = rules.TimeLimit is { } limit ? fromUtc + limit : null;
        return rules.ClosesUtc is { } closes && closes > fromUtc && (end is null || closes < end) ? closes : end;
    }

    private bool IsOverdue(Attempt attempt) => attempt.DeadlineUtc is { } deadline && deadline + Grace < Now;

    /// <summary>
    /// The cadre's attempts at the quiz, oldest first (with the one drawn ahead, not started, when asked). Compiled once per
    /// model: every page of a quiz reads this, and EF would otherwise build the query's expression tree, and look it up in its
    /// cache by that tree, each time (ADR-040; a start reads the same in a group, <see cref="StartReads"/>).
    /// </summary>
    private async Task<List<Attempt>> MineAsync(int quizId, string userId, CancellationToken cancellationToken, bool withUnstarted = false)
    {
        var queries = MineQueries.ByModel.GetValue(Db.Model, static _ => new MineQueries());
        var attempts = new List<Attempt>();
        await foreach (var attempt in (withUnstarted ? queries.WithUnstarted : queries.Started)(Db, quizId, userId).WithCancellation(cancellationToken))
        {
            attempts.Add(attempt);
        }

        return attempts;
    }

    /// <summary>EF binds a compiled query to the model it first runs on; a process may hold two (the tests' SQLite and PostgreSQL).</summary>
    private sealed class MineQueries
    {
        public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, MineQueries> ByModel = new();

        public Func<LearningDbContext, int, string, IAsyncEnumerable<Attempt>> Started { get; } = EF.CompileAsyncQuery<LearningDbContext, int, string, Attempt>(
            (LearningDbContext context, int quizId, string userId) =>
                context.Set<Attempt>().AsNoTracking().Where(a => a.QuizId == quizId && a.UserId == userId).OrderBy(a => a.Number));

        public Func<LearningDbContext, int, string, IAsyncEnumerable<Attempt>> WithUnstarted { get; } = EF.CompileAsyncQuery<LearningDbContext, int, string, Attempt>(
            (LearningDbContext context, int quizId, string userId) =>
                context.Set<Attempt>().IgnoreQueryFilters().AsNoTracking().Where(a => a.QuizId == quizId && a.UserId == userId).OrderBy(a => a.Number));
    }
}
