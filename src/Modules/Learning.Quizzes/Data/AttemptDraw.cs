using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Data;

/// <summary>
/// An attempt's questions as drawn, held on the attempt's own row (<see cref="Attempt.Drawn"/>) until its first save or its
/// submission writes them as <see cref="AttemptQuestion"/> rows (ADR-033): a start stores one row instead of seventeen, so an
/// exam's synchronised start costs the database a sixth of what it did, and the rows are written while the cadre reads.
/// <para>
/// The text is one line per slot, in slot order, each line started by a line feed: the question version, the question,
/// the page, the mark and the option order, separated by tabs. <see cref="UsedVersionsAsync"/> reads the draws not yet
/// written out too, so a question held by a draw is as "used" as one held by a row.
/// </para>
/// </summary>
public static class AttemptDraw
{
    /// <summary>The draw's text; null when a field cannot be written in it (the questions are then stored as rows at once).</summary>
    public static string? Write(IReadOnlyList<AttemptQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var text = new StringBuilder(questions.Count * 24);
        var slot = 0;
        foreach (var question in questions.OrderBy(q => q.Slot))
        {
            if (question.Slot != ++slot || question.OptionOrder.AsSpan().IndexOfAny('\t', '\n') >= 0)
            {
                return null;
            }

            text.Append('\n').Append(question.QuestionVersionId.ToString(CultureInfo.InvariantCulture))
                .Append('\t').Append(question.QuestionId.ToString(CultureInfo.InvariantCulture))
                .Append('\t').Append(question.Page.ToString(CultureInfo.InvariantCulture))
                .Append('\t').Append(question.Mark.ToString(CultureInfo.InvariantCulture))
                .Append('\t').Append(question.OptionOrder);
        }

        return slot == 0 ? null : text.ToString();
    }

    /// <summary>The questions a draw holds, unanswered, as the rows it becomes (their ids 0).</summary>
    public static List<AttemptQuestion> Read(long attemptId, string drawn)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        var questions = new List<AttemptQuestion>(16);
        foreach (var line in drawn.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t', 5);
            if (fields.Length != 5)
            {
                throw new FormatException($"Attempt {attemptId}: a drawn question is not of the form version, question, page, mark, options.");
            }

            questions.Add(new AttemptQuestion
            {
                AttemptId = attemptId,
                Slot = questions.Count + 1,
                QuestionVersionId = int.Parse(fields[0], CultureInfo.InvariantCulture),
                QuestionId = int.Parse(fields[1], CultureInfo.InvariantCulture),
                Page = int.Parse(fields[2], CultureInfo.InvariantCulture),
                Mark = decimal.Parse(fields[3], NumberStyles.Number, CultureInfo.InvariantCulture),
                OptionOrder = fields[4],
            });
        }

        return questions;
    }

    /// <summary>Fills <see cref="Attempt.Questions"/> from the draw when the attempt's rows are not written yet; returns the attempt.</summary>
    public static Attempt Expand(Attempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Drawn is { } drawn && attempt.Questions.Count == 0)
        {
            attempt.Questions = Read(attempt.Id, drawn);
        }

        return attempt;
    }

    /// <summary>
    /// Writes a tracked attempt's drawn questions as rows at the next <c>SaveChanges</c> (the submission of an attempt never
    /// saved); the caller holds the attempt's row, so no save writes them too.
    /// </summary>
    public static void Materialize(DbContext db, Attempt attempt)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Drawn is not { } drawn)
        {
            return;
        }

        if (attempt.Questions.Count == 0)
        {
            attempt.Questions.AddRange(Read(attempt.Id, drawn));
        }

        attempt.Drawn = null;
    }

    /// <summary>Which of <paramref name="versionIds"/> an attempt holds, as a row or in a draw not yet written out.</summary>
    public static async Task<HashSet<int>> UsedVersionsAsync(DbContext db, IReadOnlyCollection<int> versionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(versionIds);
        var ids = versionIds.Distinct().ToList();
        var used = (await db.Set<AttemptQuestion>().Where(a => ids.Contains(a.QuestionVersionId)).Select(a => a.QuestionVersionId)
            .Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var wanted = ids.Where(id => !used.Contains(id)).ToHashSet();
        if (wanted.Count > 0)
        {
            // Few rows to read: a draw is written out at its attempt's first save (a partial index holds the rest).
            var drawing = db.Set<Attempt>().IgnoreQueryFilters().Where(a => a.Drawn != null).Select(a => new { a.Id, Drawn = a.Drawn! });
            await foreach (var attempt in drawing.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                used.UnionWith(Read(attempt.Id, attempt.Drawn).Select(q => q.QuestionVersionId).Where(wanted.Contains));
            }
        }

        return used;
    }
}
