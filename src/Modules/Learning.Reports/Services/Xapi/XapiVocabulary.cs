using Learning.Modularity;

namespace Learning.Reports.Services.Xapi;

/// <summary>The IRIs of the statements: ADL verbs and activity types, and this site's activities and extensions.</summary>
public static class XapiVocabulary
{
    public const string Version = "1.0.3";

    private static readonly Dictionary<string, (string Iri, string Display)> Verbs = new(StringComparer.Ordinal)
    {
        [LearningVerbs.Registered] = ("http://adlnet.gov/expapi/verbs/registered", "registered"),
        [LearningVerbs.Launched] = ("http://adlnet.gov/expapi/verbs/launched", "launched"),
        [LearningVerbs.Attempted] = ("http://adlnet.gov/expapi/verbs/attempted", "attempted"),
        [LearningVerbs.Completed] = ("http://adlnet.gov/expapi/verbs/completed", "completed"),
        [LearningVerbs.Passed] = ("http://adlnet.gov/expapi/verbs/passed", "passed"),
        [LearningVerbs.Failed] = ("http://adlnet.gov/expapi/verbs/failed", "failed"),
        [LearningVerbs.Experienced] = ("http://adlnet.gov/expapi/verbs/experienced", "experienced"),
        [LearningVerbs.Earned] = ("http://id.tincanapi.com/verb/earned", "earned"),
        [LearningVerbs.Progressed] = ("http://adlnet.gov/expapi/verbs/progressed", "progressed"),
    };

    private static readonly Dictionary<string, string> ActivityTypes = new(StringComparer.Ordinal)
    {
        [LearningActivityTypes.Course] = "http://adlnet.gov/expapi/activities/course",
        [LearningActivityTypes.Lesson] = "http://adlnet.gov/expapi/activities/lesson",
        [LearningActivityTypes.Quiz] = "http://adlnet.gov/expapi/activities/assessment",
        [LearningActivityTypes.Video] = "https://w3id.org/xapi/video/activity-type/video",
        [LearningActivityTypes.Certificate] = "http://id.tincanapi.com/activitytype/certificate",
        [LearningActivityTypes.Readiness] = "http://adlnet.gov/expapi/activities/objective",
    };

    public static IReadOnlyCollection<string> VerbCodes => Verbs.Keys;

    public static string VerbIri(string code) => Verbs.TryGetValue(code, out var v) ? v.Iri : code;

    public static string VerbDisplay(string code) => Verbs.TryGetValue(code, out var v) ? v.Display : code;

    /// <summary>The code of a verb IRI this site uses; null for any other IRI.</summary>
    public static string? VerbCode(string iri) => Verbs.FirstOrDefault(v => v.Value.Iri == iri).Key;

    public static string ActivityTypeIri(string type) => ActivityTypes.TryGetValue(type, out var iri) ? iri : "http://adlnet.gov/expapi/activities/module";

    public static string ActivityId(string baseUrl, string type, string key) =>
        $"{baseUrl}/xapi/activities/{type}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>The (type, key) of an activity id under this site; null for any other IRI.</summary>
    public static (string Type, string Key)? ParseActivityId(string baseUrl, string iri)
    {
        var prefix = baseUrl + "/xapi/activities/";
        if (!iri.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = iri[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == rest.Length - 1 ? null : (rest[..slash], string.Join('/', rest[(slash + 1)..].Split('/').Select(Uri.UnescapeDataString)));
    }

    public static string Extension(string baseUrl, string name) => $"{baseUrl}/xapi/extensions/{name}";
}
