using Learning.Data;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Learning.Quizzes.Services;

/// <summary>
/// What attempts read on every request, kept in memory: quizzes with their slots and overrides (for a short while, and
/// forgotten by the editors), the question pools random slots draw from, and question versions (long: a version an attempt
/// has used never changes). A synchronised exam start of thousands of cadres then costs one read of each per node.
/// </summary>
public sealed class QuizCatalog(Lazy<LearningDbContext> database, IMemoryCache cache)
{
    /// <summary>Taken on a cache miss only (ADR-044): a start served from the cache rents no request context.</summary>
    private LearningDbContext Db => database.Value;

    private static readonly TimeSpan Short = TimeSpan.FromSeconds(30);

    /// <summary>The versions this scope has read (<see cref="DefinitionsAsync"/>).</summary>
    private Dictionary<int, QuestionDefinition>? read;

    public async Task<Quiz?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var id = await cache.GetOrCreateAsync("quizzes:key:" + key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Short;
            return await Db.Set<Quiz>().Where(q => q.Key == key).Select(q => (int?)q.Id).SingleOrDefaultAsync(cancellationToken);
        });
        return id is { } found ? await FindAsync(found, cancellationToken) : null;
    }

    public Task<Quiz?> FindAsync(int id, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync("quizzes:quiz:" + id, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Short;
            return await Db.Set<Quiz>().AsNoTracking().Include(q => q.Slots.OrderBy(s => s.Position)).SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        });

    public async Task<IReadOnlyList<QuizOverride>> OverridesAsync(int quizId, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync("quizzes:overrides:" + quizId, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Short;
            return await Db.Set<QuizOverride>().AsNoTracking().Where(o => o.QuizId == quizId).ToListAsync(cancellationToken);
        }))!;

    /// <summary>The questions a random slot may draw: (question, its current version), not archived.</summary>
    public async Task<IReadOnlyList<PoolEntry>> PoolAsync(int categoryId, bool includeSubcategories, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync($"quizzes:pool:{categoryId}:{includeSubcategories}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Short;
            var categories = includeSubcategories ? await DescendantsAsync(categoryId, cancellationToken) : [categoryId];
            return await Db.Set<Question>().AsNoTracking()
                .Where(q => categories.Contains(q.CategoryId) && !q.Archived)
                .OrderBy(q => q.Id)
                .Select(q => new PoolEntry(q.Id, q.CurrentVersionId))
                .ToListAsync(cancellationToken);
        }))!;

    public async Task<PoolEntry?> CurrentAsync(int questionId, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync("quizzes:current:" + questionId, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Short;
            return await Db.Set<Question>().AsNoTracking().Where(q => q.Id == questionId)
                .Select(q => new PoolEntry(q.Id, q.CurrentVersionId)).SingleOrDefaultAsync(cancellationToken);
        });

    /// <summary>
    /// A new attempt's questions drawn from the quiz's slots (fixed ones, random ones from their categories, the quiz's
    /// shuffles), each on its page with the order its options are shown in, and the definitions of the versions drawn.
    /// </summary>
    public async Task<(List<AttemptQuestion> Questions, IReadOnlyDictionary<int, QuestionDefinition> Definitions)> DrawAsync(Quiz quiz, Random random, CancellationToken cancellationToken)
    {
        var fixedEntries = new Dictionary<int, PoolEntry>();
        var pools = new Dictionary<int, IReadOnlyList<PoolEntry>>();
        foreach (var slot in quiz.Slots)
        {
            if (slot.QuestionId is { } questionId && await CurrentAsync(questionId, cancellationToken) is { } entry)
            {
                fixedEntries[questionId] = entry;
            }
            else if (slot.CategoryId is { } categoryId)
            {
                pools[slot.Id] = await PoolAsync(categoryId, slot.IncludeSubcategories, cancellationToken);
            }
        }

        var drawn = AttemptLayout.Draw(quiz, fixedEntries, pools, random);
        var definitions = await DefinitionsAsync(drawn.Select(d => d.Entry.VersionId), cancellationToken);
        var questions = new List<AttemptQuestion>(drawn.Count);
        for (var i = 0; i < drawn.Count; i++)
        {
            var (entry, mark) = drawn[i];
            questions.Add(new AttemptQuestion
            {
                Slot = i + 1,
                Page = AttemptLayout.PageOf(i, quiz.QuestionsPerPage),
                QuestionId = entry.QuestionId,
                QuestionVersionId = entry.VersionId,
                OptionOrder = AttemptLayout.OptionOrder(definitions[entry.VersionId], quiz.ShuffleOptions, random),
                Mark = mark,
            });
        }

        return (questions, definitions);
    }

    /// <summary>
    /// The definitions of these versions (at least: the dictionary is this scope's, and holds every version it has read), from
    /// memory where it has them and in one query for the rest. A start reads its sixteen versions to draw and again to show
    /// the page; the second time they are found in the scope's dictionary, with no new keys, dictionary or list.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, QuestionDefinition>> DefinitionsAsync(IEnumerable<int> versionIds, CancellationToken cancellationToken)
    {
        var found = read ??= [];
        List<int>? missing = null;
        foreach (var id in versionIds)
        {
            if (found.ContainsKey(id))
            {
                continue;
            }

            if (cache.TryGetValue(new VersionKey(id), out QuestionDefinition? definition) && definition is not null)
            {
                found[id] = definition;
            }
            else
            {
                (missing ??= []).Add(id);
            }
        }

        if (missing is not null)
        {
            var ids = missing.Distinct().ToList();
            var rows = await Db.Set<QuestionVersion>().AsNoTracking().Where(v => ids.Contains(v.Id))
                .Select(v => new { v.Id, v.Definition }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var definition = QuestionJson.Deserialize(row.Definition);
                cache.Set(new VersionKey(row.Id), definition, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
                found[row.Id] = definition;
            }
        }

        return found;
    }

    /// <summary>A version's text as sanitized HTML: Markdown is parsed once per version, not once per question per page view.</summary>
    public string TextHtml(int versionId, QuestionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var key = new HtmlKey(versionId);
        if (cache.TryGetValue(key, out string? html) && html is not null)
        {
            return html;
        }

        html = SafeMarkdown.ToHtml(definition.Text);
        cache.Set(key, html, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
        return html;
    }

    /// <summary>Editors call this after changing a quiz, its slots or overrides.</summary>
    public void Forget(int quizId, string? key = null)
    {
        cache.Remove("quizzes:quiz:" + quizId);
        cache.Remove("quizzes:overrides:" + quizId);
        if (key is not null)
        {
            cache.Remove("quizzes:key:" + key);
        }

    }

    /// <summary>The bank calls this after correcting a version in place (one no attempt had used): its text is read again.</summary>
    public void ForgetVersion(int versionId)
    {
        cache.Remove(new VersionKey(versionId));
        cache.Remove(new HtmlKey(versionId));
        read?.Remove(versionId);
    }

    /// <summary>
    /// The bank calls this when a category's live questions change (an archive, a question moved): the draws of this node
    /// read the pools of that category and of the categories above it (those taken with their subcategories) again. Other
    /// nodes see the change when their pools expire (<see cref="Short"/>).
    /// </summary>
    public async Task ForgetPoolsAsync(int categoryId, CancellationToken cancellationToken)
    {
        var parents = await Db.Set<QuestionCategory>().AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
        for (int? id = categoryId; id is { } current; id = parents.GetValueOrDefault(current))
        {
            cache.Remove($"quizzes:pool:{current}:{false}");
            cache.Remove($"quizzes:pool:{current}:{true}");
        }
    }

    /// <summary>The live (not archived) questions of a category, and of its subcategories when asked, read now (not cached).</summary>
    public async Task<List<int>> LiveQuestionsAsync(int categoryId, bool includeSubcategories, CancellationToken cancellationToken)
    {
        var categories = includeSubcategories ? await DescendantsAsync(categoryId, cancellationToken) : [categoryId];
        return await Db.Set<Question>().AsNoTracking().Where(q => categories.Contains(q.CategoryId) && !q.Archived).Select(q => q.Id).ToListAsync(cancellationToken);
    }

    private async Task<List<int>> DescendantsAsync(int categoryId, CancellationToken cancellationToken)
    {
        var all = await Db.Set<QuestionCategory>().AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(cancellationToken);
        var result = new List<int> { categoryId };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(all.Where(c => c.ParentId == result[i]).Select(c => c.Id));
        }

        return result;
    }

    /// <summary>A version's definition in the memory cache (a key of its own type: no string made per lookup).</summary>
    private readonly record struct VersionKey(int Id);

    /// <summary>A version's text as HTML in the memory cache.</summary>
    private readonly record struct HtmlKey(int Id);
}
