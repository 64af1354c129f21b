using System.Text.Json;
using System.Text.Json.Serialization;

namespace Learning.Quizzes.Services;

/// <summary>How a <see cref="QuestionDefinition"/> is stored in <see cref="Data.QuestionVersion.Definition"/>: web defaults, enums by name.</summary>
public static class QuestionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(QuestionDefinition question) => JsonSerializer.Serialize(question, Options);

    public static QuestionDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<QuestionDefinition>(json, Options) ?? throw new JsonException("A question version holds no definition.");
}
