using Learning.Modularity;
using Learning.Courses.Data;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Courses.Services;

public sealed record SearchHit(int CourseId, string? LessonKey, string Title);

/// <summary>
/// Full-text search over published courses and lessons: SQLite FTS5 (<c>courses_search_fts</c>) or PostgreSQL
/// <c>to_tsvector('simple', …)</c> with a GIN index, both over text folded by <see cref="SearchText"/>. Every term is a prefix.
/// </summary>
public sealed class CourseSearch(LearningDbContext db)
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit = 50, CancellationToken cancellationToken = default)
    {
        var terms = SearchText.Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }

        if (db.Database.IsNpgsql())
        {
            var tsquery = string.Join(" & ", terms.Select(t => t + ":*"));
            return await db.Database.SqlQuery<SearchHit>($"""
                SELECT "CourseId", "LessonKey", "Title" FROM courses_search_document
                WHERE to_tsvector('simple', "Text") @@ to_tsquery('simple', {tsquery})
                ORDER BY ts_rank(to_tsvector('simple', "Text"), to_tsquery('simple', {tsquery})) DESC, "Id"
                LIMIT {limit}
                """).ToListAsync(cancellationToken);
        }

        var match = string.Join(" ", terms.Select(t => "\"" + t + "\"*"));
        return await db.Database.SqlQuery<SearchHit>($"""
            SELECT d."CourseId", d."LessonKey", d."Title" FROM courses_search_fts f
            JOIN courses_search_document d ON d."Id" = f.rowid
            WHERE courses_search_fts MATCH {match}
            ORDER BY f.rank, d."Id"
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Replaces the course's documents with those of the published snapshot.</summary>
    public async Task IndexAsync(CourseSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        await db.Set<SearchDocument>().Where(d => d.CourseId == snapshot.CourseId).ExecuteDeleteAsync(cancellationToken);
        db.Set<SearchDocument>().Add(new SearchDocument
        {
            CourseId = snapshot.CourseId,
            Title = snapshot.Title,
            Text = SearchText.Fold(snapshot.Title + " " + snapshot.Summary + " " + string.Join(" ", snapshot.Modules.Select(m => m.Title))),
        });
        foreach (var lesson in snapshot.Lessons)
        {
            db.Set<SearchDocument>().Add(new SearchDocument
            {
                CourseId = snapshot.CourseId,
                LessonKey = lesson.Key,
                Title = lesson.Title,
                Text = SearchText.Fold(lesson.Title + " " + StripTags(lesson.Html)),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task RemoveAsync(int courseId, CancellationToken cancellationToken = default) =>
        db.Set<SearchDocument>().Where(d => d.CourseId == courseId).ExecuteDeleteAsync(cancellationToken);

    private static string StripTags(string html)
    {
        var builder = new System.Text.StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
                builder.Append(' ');
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                builder.Append(c);
            }
        }

        return System.Net.WebUtility.HtmlDecode(builder.ToString());
    }
}
