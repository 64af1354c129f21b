using System.Text.Json;

namespace Learning.Modularity;

/// <summary>Small readers for recipe steps that turn a wrong JSON shape into a <see cref="RecipeStepException"/> naming its path.</summary>
public static class RecipeJson
{
    public static string RequiredString(this RecipeStepContext context, JsonElement element, string property, string path, string missingMessage)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) ||
            value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw context.Error($"{path}.{property}", missingMessage);
        }

        return value.GetString()!.Trim();
    }

    public static string? OptionalString(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()?.Trim()
            : null;

    public static bool OptionalBool(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    public static IEnumerable<(JsonElement Item, string Path)> ArrayItems(this RecipeStepContext context, JsonElement element, string property, string path, string missingMessage)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw context.Error($"{path}.{property}", missingMessage);
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{path}.{property}[{i}]");
            i++;
        }
    }
}
