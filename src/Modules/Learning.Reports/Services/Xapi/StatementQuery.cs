using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Learning.Reports.Services.Xapi;

/// <summary>
/// What a page of the statement stream asks for. The first request states it in query parameters; the <c>more</c> link carries
/// it, with where the page ended, sealed by data protection (shared by every node through the key ring): a changed or forged
/// link does not open, and a link is bound to the client it was made for.
/// </summary>
public sealed record StatementQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public int ClientId { get; init; }

    public string? UserId { get; init; }

    public string? Verb { get; init; }

    public string? ActivityType { get; init; }

    public string? ActivityKey { get; init; }

    /// <summary>A filter this site cannot match (an agent by e-mail, a verb it never uses): the answer is empty.</summary>
    public bool MatchesNothing { get; init; }

    public DateTime? SinceUtc { get; init; }

    /// <summary>Stored at or before: the request's <c>until</c> or the consistent-through time of the first page, whichever is earlier.</summary>
    public DateTime UntilUtc { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public bool Ascending { get; init; }

    /// <summary><c>related_activities=true</c>: an activity also matches as a statement's context parent (a course's lessons and quizzes).</summary>
    public bool RelatedActivities { get; init; }

    /// <summary><c>format=ids</c>: activities and verbs by id alone, without their definition and display.</summary>
    public bool IdsOnly { get; init; }

    /// <summary>The id the previous page ended at (exclusive); null on the first page.</summary>
    public long? After { get; init; }
}

/// <summary>A refused parameter: its localized message key and argument.</summary>
public sealed record QueryProblem(string Key, string? Argument = null);

internal sealed class StatementQueryParser(IDataProtectionProvider protection)
{
    private static readonly string[] Known =
        ["statementId", "voidedStatementId", "agent", "verb", "activity", "registration", "related_activities", "related_agents", "since", "until", "limit", "format", "attachments", "ascending", "more"];

    private readonly SealedQuery<StatementQuery> sealedQueries = new(protection, "Learning.Reports.Xapi.More.v1");

    public string Seal(StatementQuery query) => sealedQueries.Seal(query);

    /// <summary>The query a <c>more</c> token stands for, if it is intact and this client's.</summary>
    public StatementQuery? Open(string token, int clientId)
    {
        var query = sealedQueries.Open(token);
        return query is not null && query.ClientId == clientId && query.Limit is > 0 and <= StatementQuery.MaxLimit ? query : null;
    }

    public (StatementQuery? Query, QueryProblem? Problem) Parse(IQueryCollection q, int clientId, string baseUrl, DateTime consistentThrough)
    {
        foreach (var key in q.Keys)
        {
            if (!Known.Contains(key, StringComparer.Ordinal))
            {
                return (null, new("Xapi.UnknownParameter", key));
            }
        }

        var query = new StatementQuery { ClientId = clientId, UntilUtc = consistentThrough };
        if (q.TryGetValue("agent", out var agentValue))
        {
            var (userId, nothing, problem) = ParseAgent(agentValue.ToString(), baseUrl);
            if (problem is not null)
            {
                return (null, problem);
            }

            query = query with { UserId = userId, MatchesNothing = query.MatchesNothing || nothing };
        }

        if (q.TryGetValue("verb", out var verbValue))
        {
            if (!Uri.TryCreate(verbValue.ToString(), UriKind.Absolute, out _))
            {
                return (null, new("Xapi.BadIri", "verb"));
            }

            var code = XapiVocabulary.VerbCode(verbValue.ToString());
            query = query with { Verb = code, MatchesNothing = query.MatchesNothing || code is null };
        }

        if (q.TryGetValue("activity", out var activityValue))
        {
            if (!Uri.TryCreate(activityValue.ToString(), UriKind.Absolute, out _))
            {
                return (null, new("Xapi.BadIri", "activity"));
            }

            var activity = XapiVocabulary.ParseActivityId(baseUrl, activityValue.ToString());
            query = query with { ActivityType = activity?.Type, ActivityKey = activity?.Key, MatchesNothing = query.MatchesNothing || activity is null };
        }

        if (q.TryGetValue("registration", out var registration))
        {
            if (!Guid.TryParse(registration.ToString(), out _))
            {
                return (null, new("Xapi.BadUuid", "registration"));
            }

            query = query with { MatchesNothing = true }; // no statement here has a registration
        }

        if (q.TryGetValue("since", out var since))
        {
            if (ParseTime(since.ToString()) is not { } value)
            {
                return (null, new("Xapi.BadTimestamp", "since"));
            }

            query = query with { SinceUtc = value };
        }

        if (q.TryGetValue("until", out var until))
        {
            if (ParseTime(until.ToString()) is not { } value)
            {
                return (null, new("Xapi.BadTimestamp", "until"));
            }

            // Reversed as the client wrote it, not after the cut to the consistent-through time: a range in order that ends in the
            // last seconds (since = now - 2 s, until = now + 1 min) is a page with nothing in it yet, not an error.
            if (query.SinceUtc is { } from && from >= value)
            {
                return (null, new("Xapi.ReversedRange"));
            }

            query = query with { UntilUtc = value < consistentThrough ? value : consistentThrough };
        }

        if (q.TryGetValue("limit", out var limitValue))
        {
            var text = limitValue.ToString();
            if (text.Length == 0 || !text.All(char.IsAsciiDigit))
            {
                return (null, new("Xapi.BadLimit"));
            }

            // A huge limit is the server's maximum, as 0 is (xAPI 1.0.3, 2.1.3): it is clamped, not refused.
            var limit = text.TrimStart('0') is { Length: > 0 and <= 9 } digits ? int.Parse(digits, CultureInfo.InvariantCulture) : text.TrimStart('0').Length == 0 ? 0 : int.MaxValue;
            query = query with { Limit = limit == 0 ? StatementQuery.MaxLimit : Math.Min(limit, StatementQuery.MaxLimit) };
        }

        foreach (var flag in (string[])["ascending", "related_activities", "related_agents", "attachments"])
        {
            if (q.TryGetValue(flag, out var value) && value.ToString() is not ("true" or "false"))
            {
                return (null, new("Xapi.BadBoolean", flag));
            }
        }

        if (q.TryGetValue("format", out var format) && format.ToString() is not ("exact" or "ids" or "canonical"))
        {
            return (null, new("Xapi.BadFormat"));
        }

        return (query with { Ascending = q["ascending"] == "true", RelatedActivities = q["related_activities"] == "true", IdsOnly = q["format"] == "ids" }, null);
    }

    private static DateTime? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && HasZone(text)
            ? value.UtcDateTime
            : null;

    /// <summary>xAPI timestamps are ISO 8601 with a zone; a bare local time is ambiguous and refused.</summary>
    private static bool HasZone(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>(user id, matches nothing, problem) for an Agent filter; only this site's accounts can match.</summary>
    private static (string? UserId, bool Nothing, QueryProblem? Problem) ParseAgent(string json, string baseUrl)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, false, new("Xapi.BadAgent"));
            }

            if (root.TryGetProperty("account", out var account))
            {
                if (account.ValueKind != JsonValueKind.Object || !account.TryGetProperty("homePage", out var home) || home.ValueKind != JsonValueKind.String
                    || !account.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return (null, false, new("Xapi.BadAgent"));
                }

                return home.GetString()!.TrimEnd('/') == baseUrl ? (name.GetString(), false, null) : (null, true, null);
            }

            return root.TryGetProperty("mbox", out _) || root.TryGetProperty("mbox_sha1sum", out _) || root.TryGetProperty("openid", out _)
                ? (null, true, null) // actors here are accounts, never e-mail addresses
                : (null, false, new("Xapi.BadAgent"));
        }
        catch (JsonException)
        {
            return (null, false, new("Xapi.BadAgent"));
        }
    }
}
