using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Learning.Quizzes.Services;

/// <summary>
/// The one JSON shape of a stored <see cref="QuestionDefinition"/> (<see cref="Data.QuestionVersion.Definition"/>): web
/// defaults (camelCase), enums by name, Vietnamese letters kept as they are rather than escaped (HTML-sensitive characters
/// still are). Recipes, formats, the bank and attempts (definitions and saved responses) all read and write through here, so a definition compares equal to
/// itself whoever wrote it.
/// </summary>
public static class QuestionJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(QuestionDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <exception cref="JsonException">The text is not a question definition.</exception>
    public static QuestionDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<QuestionDefinition>(json, Options) ?? throw new JsonException("A question definition cannot be null.");

    public static string Serialize(QuestionResponse response) => JsonSerializer.Serialize(response, Options);

    public static QuestionResponse? DeserializeResponse(string? json) => json is null ? null : JsonSerializer.Deserialize<QuestionResponse>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Web)
        {
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
