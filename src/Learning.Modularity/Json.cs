using System.Text.Json;

namespace Learning.Modularity;

/// <summary>Small readers for recipe steps that turn a wrong JSON shape into a <see cref="RecipeStepException"/> naming its path.</summary>
public static class RecipeJson
{
    public static string RequiredString(this RecipeStepContext context, JsonElement element, string property, string path, string missingMessage)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw context.Error($"{path}.{property}", missingMessage);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw context.WrongType($"{path}.{property}", property, JsonValueKind.String, value.ValueKind);
        }

        return string.IsNullOrWhiteSpace(value.GetString()) ? throw context.Error($"{path}.{property}", missingMessage) : value.GetString()!.Trim();
    }

    /// <summary>An optional string that, when given, must be a string: <c>"siteName": 123</c> is refused at its path, not ignored.</summary>
    public static string? OptionalString(this RecipeStepContext context, JsonElement element, string property, string path)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()?.Trim()
            : throw context.WrongType($"{path}.{property}", property, JsonValueKind.String, value.ValueKind);
    }

    public static string? OptionalString(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()?.Trim()
            : null;

    public static bool OptionalBool(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    public static IEnumerable<(JsonElement Item, string Path)> ArrayItems(this RecipeStepContext context, JsonElement element, string property, string path, string missingMessage)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            throw context.Error($"{path}.{property}", missingMessage);
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw context.WrongType($"{path}.{property}", property, JsonValueKind.Array, array.ValueKind);
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{path}.{property}[{i}]");
            i++;
        }
    }
}
