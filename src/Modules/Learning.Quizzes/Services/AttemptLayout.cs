using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>
/// Draws an attempt's questions once, at start: fixed slots, then random slots from their pools (never the same question
/// twice), shuffled when the quiz says so, cut into pages; and each question's option order. Stored with the attempt, so a
/// reload or another phone shows exactly the same.
/// </summary>
public static class AttemptLayout
{
    public static List<(PoolEntry Entry, decimal Mark)> Draw(Quiz quiz, IReadOnlyDictionary<int, PoolEntry> fixedEntries, IReadOnlyDictionary<int, IReadOnlyList<PoolEntry>> pools, Random random)
    {
        var used = fixedEntries.Values.Select(e => e.QuestionId).ToHashSet();
        var chosen = new List<(PoolEntry, decimal)>();
        foreach (var slot in quiz.Slots.OrderBy(s => s.Position))
        {
            if (slot.QuestionId is { } questionId)
            {
                if (fixedEntries.TryGetValue(questionId, out var entry))
                {
                    chosen.Add((entry, slot.Mark));
                }
            }
            else if (slot.CategoryId is { } categoryId && pools.TryGetValue(slot.Id, out var pool))
            {
                var candidates = pool.Where(e => !used.Contains(e.QuestionId)).ToArray();
                random.Shuffle(candidates);
                foreach (var entry in candidates.Take(slot.RandomCount))
                {
                    used.Add(entry.QuestionId);
                    chosen.Add((entry, slot.Mark));
                }
            }
        }

        if (quiz.ShuffleQuestions)
        {
            var array = chosen.ToArray();
            random.Shuffle(array);
            return [.. array];
        }

        return chosen;
    }

    /// <summary>The ids shown, in order: options, matching answers, or ordering items (always shuffled, or the answer shows).</summary>
    public static string OptionOrder(QuestionDefinition question, bool quizShuffles, Random random)
    {
        string[] ids = question.Type switch
        {
            QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.TrueFalse or QuestionType.Ordering => [.. question.Options.Select(o => o.Id)],
            QuestionType.Matching => [.. question.Pairs.DistinctBy(p => p.Answer).Select(p => p.Id)],
            _ => [],
        };
        var shuffle = question.Type == QuestionType.Ordering
            || (quizShuffles && question.ShuffleOptions && question.Type is not QuestionType.TrueFalse);
        if (shuffle && ids.Length > 1)
        {
            var original = ids.ToArray();
            do
            {
                random.Shuffle(ids);
            }
            while (question.Type == QuestionType.Ordering && ids.SequenceEqual(original));
        }

        return string.Join(',', ids);
    }

    public static int PageCount(int questions, int perPage) =>
        perPage <= 0 ? 1 : Math.Max(1, (questions + perPage - 1) / perPage);

    public static int PageOf(int index, int perPage) => perPage <= 0 ? 0 : index / perPage;
}
