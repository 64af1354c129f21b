using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Learning.Data;
using Learning.Reports.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Reports.Services.Xapi;

/// <summary>
/// Reads statements for an API client, inside its scope (an organisation-path prefix in the query itself, whatever the
/// parameters say), on the read connection, and writes them as xAPI 1.0.3 JSON.
/// </summary>
public sealed class StatementStream(IReadDbContextFactory contexts)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>One page, and whether more rows follow.</summary>
    public async Task<(IReadOnlyList<XapiStatement> Rows, bool More)> PageAsync(StatementQuery query, string scopePath, CancellationToken cancellationToken)
    {
        if (query.MatchesNothing)
        {
            return ([], false);
        }

        await using var db = contexts.CreateDbContext();
        var rows = Scoped(db, scopePath).Where(s => s.StoredUtc <= query.UntilUtc);
        if (query.SinceUtc is { } since)
        {
            rows = rows.Where(s => s.StoredUtc > since);
        }

        if (query.UserId is { } userId)
        {
            rows = rows.Where(s => s.UserId == userId);
        }

        if (query.Verb is { } verb)
        {
            rows = rows.Where(s => s.Verb == verb);
        }

        if (query.ActivityType is { } type && query.ActivityKey is { } key)
        {
            // With related_activities, a course also matches the statements it is the context parent of (its lessons, videos
            // and quizzes: the parent this stream writes is the course of CourseId).
            rows = query.RelatedActivities && type == "course" && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var courseId)
                ? rows.Where(s => (s.ActivityType == type && s.ActivityKey == key) || s.CourseId == courseId)
                : rows.Where(s => s.ActivityType == type && s.ActivityKey == key);
        }

        if (query.After is { } after)
        {
            rows = query.Ascending ? rows.Where(s => s.Id > after) : rows.Where(s => s.Id < after);
        }

        rows = query.Ascending ? rows.OrderBy(s => s.Id) : rows.OrderByDescending(s => s.Id);
        var page = await rows.Take(query.Limit + 1).ToListAsync(cancellationToken);
        var more = page.Count > query.Limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        return (page, more);
    }

    public async Task<XapiStatement?> FindAsync(Guid statementId, string scopePath, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await Scoped(db, scopePath).SingleOrDefaultAsync(s => s.StatementId == statementId, cancellationToken);
    }

    private static IQueryable<XapiStatement> Scoped(LearningDbContext db, string scopePath) =>
        db.Set<XapiStatement>().AsNoTracking().Where(s => s.OrgPath.StartsWith(scopePath));

    /// <summary>A page of the stream; <paramref name="idsOnly"/>: <c>format=ids</c> (activities and verbs by id alone).</summary>
    public static async Task WriteResultAsync(Stream body, IReadOnlyList<XapiStatement> rows, string more, string baseUrl, bool idsOnly, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(body, WriterOptions);
        w.WriteStartObject();
        w.WriteStartArray("statements");
        foreach (var row in rows)
        {
            Write(w, row, baseUrl, idsOnly);
            if (w.BytesPending > 32_768)
            {
                await w.FlushAsync(cancellationToken);
            }
        }

        w.WriteEndArray();
        w.WriteString("more", more);
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken);
    }

    public static async Task WriteOneAsync(Stream body, XapiStatement row, string baseUrl, bool idsOnly, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(body, WriterOptions);
        Write(w, row, baseUrl, idsOnly);
        await w.FlushAsync(cancellationToken);
    }

    /// <summary>Statements as a JSON array: the body of a POST to another LRS's statement resource.</summary>
    public static async Task WriteArrayAsync(Stream body, IReadOnlyList<XapiStatement> rows, string baseUrl, CancellationToken cancellationToken)
    {
        await using var w = new Utf8JsonWriter(body, WriterOptions);
        w.WriteStartArray();
        foreach (var row in rows)
        {
            Write(w, row, baseUrl, idsOnly: false);
        }

        w.WriteEndArray();
        await w.FlushAsync(cancellationToken);
    }

    public static string Timestamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 duration, to the hundredth of a second as xAPI asks.</summary>
    public static string Duration(long milliseconds)
    {
        var span = TimeSpan.FromMilliseconds(milliseconds);
        var seconds = Math.Round(span.Seconds + (span.Milliseconds / 1000.0), 2);
        var text = "P";
        if (span.Days > 0)
        {
            text += span.Days.ToString(CultureInfo.InvariantCulture) + "D";
        }

        text += "T";
        if (span.Hours > 0)
        {
            text += span.Hours.ToString(CultureInfo.InvariantCulture) + "H";
        }

        if (span.Minutes > 0)
        {
            text += span.Minutes.ToString(CultureInfo.InvariantCulture) + "M";
        }

        return text + seconds.ToString("0.##", CultureInfo.InvariantCulture) + "S";
    }

    private static void Write(Utf8JsonWriter w, XapiStatement s, string baseUrl, bool idsOnly)
    {
        w.WriteStartObject();
        w.WriteString("id", s.StatementId);

        w.WriteStartObject("actor");
        w.WriteString("objectType", "Agent");
        w.WriteStartObject("account");
        w.WriteString("homePage", baseUrl);
        w.WriteString("name", s.UserId);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject("verb");
        w.WriteString("id", XapiVocabulary.VerbIri(s.Verb));
        if (!idsOnly)
        {
            w.WriteStartObject("display");
            w.WriteString("en-US", XapiVocabulary.VerbDisplay(s.Verb));
            w.WriteEndObject();
        }

        w.WriteEndObject();

        w.WriteStartObject("object");
        w.WriteString("objectType", "Activity");
        w.WriteString("id", XapiVocabulary.ActivityId(baseUrl, s.ActivityType, s.ActivityKey));
        if (!idsOnly)
        {
            w.WriteStartObject("definition");
            w.WriteString("type", XapiVocabulary.ActivityTypeIri(s.ActivityType));
            w.WriteStartObject("name");
            w.WriteString("vi-VN", s.ActivityName);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();

        if (s.ScoreRaw is not null || s.Success is not null || s.Completion is not null || s.DurationMs is not null || s.Detail is not null)
        {
            w.WriteStartObject("result");
            if (s.ScoreRaw is { } raw)
            {
                w.WriteStartObject("score");
                if (s.ScoreMax is { } max && max > 0 && raw >= 0 && raw <= max)
                {
                    w.WriteNumber("scaled", Math.Round(raw / max, 4));
                }

                w.WriteNumber("raw", raw);
                if (s.ScoreMin is { } min)
                {
                    w.WriteNumber("min", min);
                }

                if (s.ScoreMax is { } maxScore)
                {
                    w.WriteNumber("max", maxScore);
                }

                w.WriteEndObject();
            }

            if (s.Success is { } success)
            {
                w.WriteBoolean("success", success);
            }

            if (s.Completion is { } completion)
            {
                w.WriteBoolean("completion", completion);
            }

            if (s.DurationMs is { } ms)
            {
                w.WriteString("duration", Duration(ms));
            }

            if (s.Detail is { } detail)
            {
                w.WriteStartObject("extensions");
                w.WriteString(XapiVocabulary.Extension(baseUrl, s.ActivityType == "video" ? "segments" : "state"), detail);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteStartObject("context");
        w.WriteString("platform", "Learning");
        w.WriteString("language", "vi-VN");
        if (s.CourseId is { } courseId && s.ActivityType != "course")
        {
            w.WriteStartObject("contextActivities");
            w.WriteStartArray("parent");
            w.WriteStartObject();
            w.WriteString("objectType", "Activity");
            w.WriteString("id", XapiVocabulary.ActivityId(baseUrl, "course", courseId.ToString(CultureInfo.InvariantCulture)));
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        if (s.OrgPath.Length > 0)
        {
            w.WriteStartObject("extensions");
            w.WriteString(XapiVocabulary.Extension(baseUrl, "org-path"), s.OrgPath);
            w.WriteString(XapiVocabulary.Extension(baseUrl, "commune"), Commune(s.OrgPath));
            if (s.UnitName is { } unit)
            {
                w.WriteString(XapiVocabulary.Extension(baseUrl, "unit"), unit);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();

        w.WriteString("timestamp", Timestamp(s.TimestampUtc));
        w.WriteString("stored", Timestamp(s.StoredUtc));
        w.WriteStartObject("authority");
        w.WriteString("objectType", "Agent");
        w.WriteStartObject("account");
        w.WriteString("homePage", baseUrl);
        w.WriteString("name", "learning-platform");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("version", XapiVocabulary.Version);
        w.WriteEndObject();
    }

    /// <summary>The commune's path (province, then commune: <c>/1/7/</c>) within a unit's deeper path.</summary>
    internal static string Commune(string orgPath)
    {
        var parts = orgPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? $"/{parts[0]}/{parts[1]}/" : orgPath;
    }
}
