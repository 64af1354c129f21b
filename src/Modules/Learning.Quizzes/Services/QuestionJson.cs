using System.Text.Json;
using System.Text.Json.Serialization;

namespace Learning.Quizzes.Services;

/// <summary>How a <see cref="QuestionDefinition"/> is stored in <see cref="Data.QuestionVersion.Definition"/>: web JSON, enums by name.</summary>
public static class QuestionJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(QuestionDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static QuestionDefinition Deserialize(string json) => JsonSerializer.Deserialize<QuestionDefinition>(json, Options)!;

    public static string Serialize(QuestionResponse response) => JsonSerializer.Serialize(response, Options);

    public static QuestionResponse? DeserializeResponse(string? json) => json is null ? null : JsonSerializer.Deserialize<QuestionResponse>(json, Options);
}
