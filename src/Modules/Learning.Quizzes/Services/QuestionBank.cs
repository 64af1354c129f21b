using System.Globalization;
using System.Security.Cryptography;
using Learning.Data;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Services;

/// <summary>
/// The question bank: nested categories (a course's own or the shared bank), questions with versions, validation with
/// localized messages, archiving, and import and export in the four formats. Saving a question whose current version an
/// attempt used makes version N+1 and moves <see cref="Question.CurrentVersionId"/>, so past attempts keep what was shown;
/// otherwise the current version is edited in place.
/// </summary>
public sealed class QuestionBank(LearningDbContext db, QuizCatalog catalog, IAuditTrail audit, TimeProvider clock, IStringLocalizer<QuizzesStrings> t)
{
    private const int SearchTextLength = 2000;

    public async Task<QuestionCategory?> CreateCategoryAsync(string name, int? parentId, string? courseSlug, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            return null;
        }

        if (parentId is { } id)
        {
            var parent = await db.Set<QuestionCategory>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (parent is null)
            {
                return null;
            }

            courseSlug = parent.CourseSlug;
        }

        var category = new QuestionCategory { Name = name, ParentId = parentId, CourseSlug = FormatText.NullIfEmpty(courseSlug), CreatedUtc = clock.GetUtcNow().UtcDateTime };
        db.Add(category);
        await db.SaveChangesAsync(cancellationToken);
        return category;
    }

    /// <summary>
    /// Renames a category and moves it under <paramref name="parentId"/> (null: to the top), its subtree with it; a category
    /// moved under another takes that one's course (its questions go with it), one moved to the top keeps its own. Null when
    /// done; else the localized reason (an empty or long name, a parent that is the category itself or inside it).
    /// </summary>
    public async Task<string?> ChangeCategoryAsync(int id, string name, int? parentId, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            return t["Bank.CategoryInvalid"];
        }

        var all = await db.Set<QuestionCategory>().ToListAsync(cancellationToken);
        if (all.FirstOrDefault(c => c.Id == id) is not { } category)
        {
            return t["Bank.CategoryMissing"];
        }

        var subtree = Subtree(all, id);
        QuestionCategory? parent = null;
        if (parentId is { } pid)
        {
            parent = all.FirstOrDefault(c => c.Id == pid);
            if (parent is null || subtree.Contains(pid))
            {
                return t["Bank.CategoryBadParent"];
            }
        }

        var (oldParent, oldName) = (category.ParentId, category.Name);
        (category.Name, category.ParentId) = (name, parentId);
        if (parent is not null && parent.CourseSlug != category.CourseSlug)
        {
            all.Where(c => subtree.Contains(c.Id)).ToList().ForEach(c => c.CourseSlug = parent.CourseSlug);
        }

        audit.Record("quizzes.category.changed", name, oldParent == parentId ? $"\"{oldName}\" → \"{name}\"" : $"\"{oldName}\" → \"{name}\", parent {oldParent?.ToString(CultureInfo.InvariantCulture) ?? "-"} → {parentId?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        await db.SaveChangesAsync(cancellationToken);
        if (oldParent != parentId)
        {
            // The pools of the categories above, old and new, taken with their subcategories, hold other questions now.
            foreach (var above in new[] { oldParent, parentId }.OfType<int>())
            {
                await catalog.ForgetPoolsAsync(above, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// Deletes an empty category: no question (archived ones included: their past attempts name it), no subcategory, and no
    /// quiz drawing from it. Null when done; else the localized reason, which says what keeps it.
    /// </summary>
    public async Task<string?> DeleteCategoryAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Set<QuestionCategory>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } category)
        {
            return t["Bank.CategoryMissing"];
        }

        var questions = await db.Set<Question>().CountAsync(q => q.CategoryId == id, cancellationToken);
        var children = await db.Set<QuestionCategory>().CountAsync(c => c.ParentId == id, cancellationToken);
        var quizzes = await db.Set<QuizSlot>().Where(s => s.CategoryId == id).Join(db.Set<Quiz>(), s => s.QuizId, q => q.Id, (s, q) => q.Title).Distinct().ToListAsync(cancellationToken);
        if (questions > 0 || children > 0 || quizzes.Count > 0)
        {
            return t["Bank.CategoryNotEmpty", category.Name, questions, children, quizzes.Count == 0 ? "–" : string.Join(", ", quizzes)];
        }

        db.Remove(category);
        audit.Record("quizzes.category.deleted", category.Name, category.Id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Every category in tree order: the shared bank first, then each course's, each level by name.</summary>
    public async Task<IReadOnlyList<CategoryNode>> TreeAsync(CancellationToken cancellationToken)
    {
        var categories = await db.Set<QuestionCategory>().AsNoTracking().ToListAsync(cancellationToken);
        var counts = await db.Set<Question>().Where(q => !q.Archived).GroupBy(q => q.CategoryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var children = categories.ToLookup(c => c.ParentId);
        var nodes = new List<CategoryNode>();
        void Visit(QuestionCategory category, int depth)
        {
            nodes.Add(new(category.Id, category.ParentId, category.CourseSlug, category.Name, depth, counts.GetValueOrDefault(category.Id)));
            foreach (var child in children[category.Id].OrderBy(c => c.Name, StringComparer.CurrentCulture))
            {
                Visit(child, depth + 1);
            }
        }

        foreach (var root in children[null].OrderBy(c => c.CourseSlug is not null).ThenBy(c => c.CourseSlug, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.CurrentCulture))
        {
            Visit(root, 0);
        }

        return nodes;
    }

    /// <summary>The live questions of a category; <paramref name="search"/> matches name and text with or without Vietnamese marks.</summary>
    public async Task<IReadOnlyList<QuestionRow>> ListAsync(int categoryId, string? search, CancellationToken cancellationToken)
    {
        var query = db.Set<Question>().AsNoTracking().Where(q => q.CategoryId == categoryId && !q.Archived);
        foreach (var term in SearchText.Terms(search))
        {
            query = query.Where(q => q.SearchText.Contains(term));
        }

        var versions = db.Set<QuestionVersion>();
        var rows = await query.OrderBy(q => q.Name)
            .Select(q => new { q.Id, q.Key, q.Name, q.Type, q.UpdatedUtc, Version = versions.Where(v => v.Id == q.CurrentVersionId).Select(v => v.Number).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new QuestionRow(r.Id, r.Key, r.Name, Enum.Parse<QuestionType>(r.Type), r.Version, r.UpdatedUtc)).ToList();
    }

    /// <summary>The live questions' keys and names, by name, at most <paramref name="limit"/> (what the quiz editor offers to pick from).</summary>
    public async Task<IReadOnlyList<(string Key, string Name)>> KeysAsync(int limit, CancellationToken cancellationToken) =>
        [.. (await db.Set<Question>().AsNoTracking().Where(q => !q.Archived && q.Key != null && q.Key != "").OrderBy(q => q.Name).ThenBy(q => q.Id)
            .Select(q => new { q.Key, q.Name }).Take(limit).ToListAsync(cancellationToken)).Select(q => (q.Key!, q.Name))];

    /// <summary>A question with its current definition and version number, or null.</summary>
    public async Task<(Question Question, QuestionDefinition Definition, int Version)?> GetAsync(int id, CancellationToken cancellationToken)
    {
        var question = await db.Set<Question>().AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (question is null)
        {
            return null;
        }

        var version = await db.Set<QuestionVersion>().AsNoTracking().SingleAsync(v => v.Id == question.CurrentVersionId, cancellationToken);
        return (question, QuestionJson.Deserialize(version.Definition), version.Number);
    }

    /// <summary>The localized reasons <paramref name="question"/> cannot be saved (empty when it can).</summary>
    public IReadOnlyList<string> Validate(QuestionDefinition question) =>
        QuestionValidator.Validate(question).Select(i => (string)t[i.Code, [.. i.Args]]).ToList();

    /// <summary>
    /// Creates (<paramref name="id"/> null) or updates a question, with the versioning rule above. <paramref name="images"/>: files
    /// the editor attached, which the texts reference as <c>@@PLUGINFILE@@/name</c> (as an import's do), stored in the same
    /// transaction as the question (once per content), so a question that cannot be saved leaves no image behind.
    /// </summary>
    public async Task<QuestionSaveResult> SaveAsync(int? id, int categoryId, string? key, QuestionDefinition question, string? userId, IReadOnlyDictionary<string, byte[]>? images, CancellationToken cancellationToken)
    {
        var errors = Validate(question).ToList();
        key = FormatText.NullIfEmpty(key);
        if (key is { Length: > 100 })
        {
            errors.Add(t["Question.Invalid.KeyTooLong"]);
        }

        if (key is not null && await db.Set<Question>().AnyAsync(q => q.Key == key && q.Id != id, cancellationToken))
        {
            errors.Add(t["Question.Invalid.KeyTaken", key]);
        }

        if (!await db.Set<QuestionCategory>().AnyAsync(c => c.Id == categoryId, cancellationToken))
        {
            errors.Add(t["Question.Invalid.Category"]);
        }

        if (errors.Count > 0)
        {
            return QuestionSaveResult.Failed(errors);
        }

        return await db.InTransactionAsync(async ct =>
        {
            var existing = id is { } qid ? await db.Set<Question>().SingleOrDefaultAsync(q => q.Id == qid, ct) : null;
            if (id is not null && existing is null)
            {
                return QuestionSaveResult.Failed([t["Question.NotFound"]]);
            }

            var stored = images is { Count: > 0 } ? await StoreImagesAsync(question, images, ct) : question;
            return await WriteAsync(existing, categoryId, key, stored, userId, ct);
        }, cancellationToken);
    }

    public async Task<bool> ArchiveAsync(int id, CancellationToken cancellationToken)
    {
        var question = await db.Set<Question>().SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (question is null)
        {
            return false;
        }

        question.Archived = true;
        question.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await catalog.ForgetPoolsAsync(question.CategoryId, cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes an import in one transaction. With problems and <paramref name="onlyValid"/> false nothing is written; otherwise
    /// the valid items are: categories from their paths are made under <paramref name="targetCategoryId"/>, a key the bank
    /// has updates that question (same versioning rule), anything else is created. A failure writes nothing.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(QuestionImport import, int targetCategoryId, bool onlyValid, string? userId, CancellationToken cancellationToken)
    {
        var valid = QuestionValidator.Apply(import);
        if (valid.Problems.Count > 0 && !onlyValid)
        {
            return ImportOutcome.Refused(t["Import.RefusedWithProblems", valid.Problems.Count]);
        }

        var target = await db.Set<QuestionCategory>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == targetCategoryId, cancellationToken);
        if (target is null)
        {
            return ImportOutcome.Refused(t["Question.Invalid.Category"]);
        }

        var skipped = valid.Problems.Select(p => p.Position).Distinct(StringComparer.Ordinal).Count();
        try
        {
            return await db.InTransactionAsync(async ct =>
            {
                var created = 0;
                var updated = 0;
                var categories = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = target.Id };
                foreach (var item in valid.Items)
                {
                    var categoryId = await CategoryAsync(target, item.CategoryPath, categories, ct);
                    var existing = item.Key is null ? null : await db.Set<Question>().SingleOrDefaultAsync(q => q.Key == item.Key, ct);
                    var question = item.Images.Count == 0 ? item.Question : await StoreImagesAsync(item.Question, item.Images, ct);
                    await WriteAsync(existing, existing?.CategoryId ?? categoryId, item.Key, question, userId, ct);
                    (existing is null ? ref created : ref updated)++;
                }

                return new ImportOutcome(true, created, updated, skipped, null);
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ImportOutcome.Refused(t["Import.Failed"]);
        }
    }

    /// <summary>The live questions of a category and its subcategories, each under its path from (and including) that category.</summary>
    public async Task<IReadOnlyList<PortableQuestion>> ExportAsync(int categoryId, CancellationToken cancellationToken)
    {
        var categories = await db.Set<QuestionCategory>().AsNoTracking().ToListAsync(cancellationToken);
        var root = categories.SingleOrDefault(c => c.Id == categoryId);
        if (root is null)
        {
            return [];
        }

        var children = categories.ToLookup(c => c.ParentId);
        var paths = new List<(int Id, IReadOnlyList<string> Path)>();
        void Visit(QuestionCategory category, IReadOnlyList<string> path)
        {
            paths.Add((category.Id, path));
            foreach (var child in children[category.Id].OrderBy(c => c.Name, StringComparer.CurrentCulture))
            {
                Visit(child, [.. path, child.Name]);
            }
        }

        Visit(root, [root.Name]);
        var ids = paths.Select(p => p.Id).ToList();
        var rows = await (from q in db.Set<Question>().AsNoTracking()
                          join v in db.Set<QuestionVersion>() on q.CurrentVersionId equals v.Id
                          where ids.Contains(q.CategoryId) && !q.Archived
                          orderby q.Id
                          select new { q.CategoryId, q.Key, v.Definition }).ToListAsync(cancellationToken);
        var byCategory = rows.ToLookup(r => r.CategoryId);
        return paths.SelectMany(p => byCategory[p.Id].Select(r => new PortableQuestion(p.Path, r.Key, QuestionJson.Deserialize(r.Definition)))).ToList();
    }

    /// <summary>
    /// The questions as a Moodle XML file carries them: each bank image their texts show written in with them (base64) and
    /// referenced as <c>@@PLUGINFILE@@/name</c>, as Moodle does; an image no longer in the bank is left as its link.
    /// </summary>
    public async Task<IReadOnlyList<PortableQuestion>> WithImagesAsync(IReadOnlyList<PortableQuestion> questions, CancellationToken cancellationToken)
    {
        var ids = questions.SelectMany(q => QuestionImageText.BankImages(q.Question)).Select(i => i.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return questions;
        }

        var images = await db.Set<QuestionImage>().AsNoTracking().Where(i => ids.Contains(i.PublicId)).ToDictionaryAsync(i => i.PublicId, cancellationToken);
        return [.. questions.Select(q =>
        {
            var carried = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var question = QuestionImageText.ReplaceBankImages(q.Question, (id, name) =>
            {
                if (!images.TryGetValue(id, out var image))
                {
                    return QuestionImageText.Url(id, name);
                }

                // Two images of one question may share a name (two of Moodle's file areas, or names that became alike): the
                // second is carried under a name of its own.
                var carriedName = carried.TryGetValue(image.FileName, out var other) && !ReferenceEquals(other, image.Content)
                    ? image.PublicId.ToString("N")[..8] + "-" + image.FileName
                    : image.FileName;
                carried[carriedName] = image.Content;
                return QuestionImageText.PluginFile + Uri.EscapeDataString(carriedName);
            });
            return carried.Count == 0 ? q : q with { Question = question, Images = carried };
        })];
    }

    /// <summary>An image the bank serves (by its public id), or null.</summary>
    public Task<QuestionImage?> ImageAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<QuestionImage>().AsNoTracking().SingleOrDefaultAsync(i => i.PublicId == id, cancellationToken);

    /// <summary>Stores the images a question carries, imported or attached in the editor (once per content: the same bytes are
    /// the same image), and points its texts at the bank's copies.</summary>
    private async Task<QuestionDefinition> StoreImagesAsync(QuestionDefinition question, IReadOnlyDictionary<string, byte[]> images, CancellationToken cancellationToken)
    {
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, bytes) in images)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            var image = db.Set<QuestionImage>().Local.FirstOrDefault(i => i.Sha256 == sha)
                ?? await db.Set<QuestionImage>().SingleOrDefaultAsync(i => i.Sha256 == sha, cancellationToken);
            if (image is null)
            {
                image = new QuestionImage
                {
                    PublicId = Guid.NewGuid(),
                    FileName = SafeFileName(name),
                    ContentType = QuestionImageText.ContentType(bytes) ?? throw new InvalidOperationException($"{name} is not an image"),
                    Sha256 = sha,
                    Content = bytes,
                    CreatedUtc = clock.GetUtcNow().UtcDateTime,
                };
                db.Add(image);
            }

            urls[name] = QuestionImageText.Url(image.PublicId, image.FileName);
        }

        return QuestionImageText.ReplacePluginFiles(question, name => urls.TryGetValue(name, out var url) ? url : QuestionImageText.PluginFile + Uri.EscapeDataString(name));
    }

    /// <summary>The category and every category below it.</summary>
    private static HashSet<int> Subtree(IReadOnlyList<QuestionCategory> all, int id)
    {
        var found = new HashSet<int> { id };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var c in all)
            {
                if (c.ParentId is { } p && found.Contains(p) && found.Add(c.Id))
                {
                    grew = true;
                }
            }
        }

        return found;
    }

    /// <summary>The name's last segment, letters, digits, dot, dash and underscore kept (Vietnamese letters too), at most 100 characters.</summary>
    private static string SafeFileName(string name)
    {
        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var safe = new string([.. last.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]).Trim('.', '-');
        return safe.Length == 0 ? "anh" : safe[..Math.Min(safe.Length, 100)];
    }

    private async Task<int> CategoryAsync(QuestionCategory target, IReadOnlyList<string> path, Dictionary<string, int> known, CancellationToken cancellationToken)
    {
        var parentId = target.Id;
        for (var i = 0; i < path.Count; i++)
        {
            var key = string.Join('\u001F', path.Take(i + 1));
            if (known.TryGetValue(key, out var id))
            {
                parentId = id;
                continue;
            }

            var name = path[i].Length > 200 ? path[i][..200] : path[i];
            var found = await db.Set<QuestionCategory>().Where(c => c.ParentId == parentId && c.Name == name).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                var category = new QuestionCategory { Name = name, ParentId = parentId, CourseSlug = target.CourseSlug, CreatedUtc = clock.GetUtcNow().UtcDateTime };
                db.Add(category);
                await db.SaveChangesAsync(cancellationToken);
                found = category.Id;
            }

            known[key] = parentId = found.Value;
        }

        return parentId;
    }

    private async Task<QuestionSaveResult> WriteAsync(Question? question, int categoryId, string? key, QuestionDefinition definition, string? userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var json = QuestionJson.Serialize(definition);
        var search = SearchText.Fold(definition.Name + " " + definition.Text);
        search = search.Length > SearchTextLength ? search[..SearchTextLength] : search;
        var name = definition.Name.Length > 300 ? definition.Name[..300] : definition.Name;
        if (question is null)
        {
            question = new Question { CategoryId = categoryId, Key = key ?? NewKey(), Name = name, Type = definition.Type.ToString(), SearchText = search, CreatedUtc = now, UpdatedUtc = now };
            db.Add(question);
            await db.SaveChangesAsync(cancellationToken);
            var first = new QuestionVersion { QuestionId = question.Id, Number = 1, Definition = json, CreatedUtc = now, CreatedBy = userId };
            db.Add(first);
            await db.SaveChangesAsync(cancellationToken);
            question.CurrentVersionId = first.Id;
            await db.SaveChangesAsync(cancellationToken);
            return new(true, [], question.Id, 1, false);
        }

        var current = await db.Set<QuestionVersion>().SingleAsync(v => v.Id == question.CurrentVersionId, cancellationToken);
        var used = (await AttemptDraw.UsedVersionsAsync(db, [current.Id], cancellationToken)).Count > 0;
        var version = current;
        if (used)
        {
            var number = await db.Set<QuestionVersion>().Where(v => v.QuestionId == question.Id).MaxAsync(v => v.Number, cancellationToken) + 1;
            version = new QuestionVersion { QuestionId = question.Id, Number = number, Definition = json, CreatedUtc = now, CreatedBy = userId };
            db.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            question.CurrentVersionId = version.Id;
        }
        else
        {
            current.Definition = json;
            current.CreatedUtc = now;
            current.CreatedBy = userId;
            catalog.ForgetVersion(current.Id);
        }

        question.CategoryId = categoryId;
        question.Key = key ?? question.Key;
        question.Name = name;
        question.Type = definition.Type.ToString();
        question.SearchText = search;
        question.UpdatedUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return new(true, [], question.Id, version.Number, used);
    }

    private static string NewKey() => "q-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
