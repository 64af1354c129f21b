using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Learning.Modularity;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Recipes;

/// <summary>
/// Strict readers for the quiz steps: a misspelt property is refused rather than ignored (a question whose
/// <c>"ignoreDiacritcs"</c> is silently dropped would mark right answers wrong), and a value of the wrong kind is named at its path.
/// </summary>
internal static partial class RecipeShape
{
    public static void RefuseUnknown(RecipeStepContext context, IStringLocalizer t, JsonElement element, string path, IReadOnlyCollection<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw context.WrongType(path, path.Length == 0 ? context.StepName : path[(path.LastIndexOf('.') + 1)..], JsonValueKind.Object, element.ValueKind);
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw context.Error($"{path}.{property.Name}", t["Recipe.PropertyUnknown", property.Name, string.Join(", ", allowed)]);
            }
        }
    }

    public static bool Has(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null;

    public static bool? OptionalBool(RecipeStepContext context, JsonElement element, string property, string path)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw context.WrongType($"{path}.{property}", property, JsonValueKind.True, value.ValueKind),
        };
    }

    public static double? OptionalNumber(RecipeStepContext context, IStringLocalizer t, JsonElement element, string property, string path, double min, double max)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw context.WrongType($"{path}.{property}", property, JsonValueKind.Number, value.ValueKind);
        }

        var number = value.GetDouble();
        return number >= min && number <= max
            ? number
            : throw context.Error($"{path}.{property}", t["Recipe.NumberRange", property, Format(min), Format(max)]);
    }

    public static int? OptionalInt(RecipeStepContext context, IStringLocalizer t, JsonElement element, string property, string path, int min, int max)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw context.WrongType($"{path}.{property}", property, JsonValueKind.Number, value.ValueKind);
        }

        return value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw context.Error($"{path}.{property}", t["Recipe.IntegerRange", property, min, max]);
    }

    /// <summary>A string no longer than <paramref name="maxLength"/> (the column's size), or null when absent.</summary>
    public static string? OptionalText(RecipeStepContext context, IStringLocalizer t, JsonElement element, string property, string path, int maxLength)
    {
        var text = context.OptionalString(element, property, path);
        return text is null || text.Length <= maxLength ? text : throw context.Error($"{path}.{property}", t["Recipe.TooLong", property, maxLength]);
    }

    public static string RequiredText(RecipeStepContext context, IStringLocalizer t, JsonElement element, string property, string path, int maxLength, string missingMessage)
    {
        var text = context.RequiredString(element, property, path, missingMessage);
        return text.Length <= maxLength ? text : throw context.Error($"{path}.{property}", t["Recipe.TooLong", property, maxLength]);
    }

    /// <summary>A course slug as the courses step writes them; null when absent. Whether the course exists is not checked: the bank may come first.</summary>
    public static string? OptionalCourse(RecipeStepContext context, IStringLocalizer t, JsonElement element, string path)
    {
        var slug = context.OptionalString(element, "course", path);
        return slug is null || (slug.Length <= 100 && SlugPattern().IsMatch(slug))
            ? slug
            : throw context.Error(path + ".course", t["Recipe.CourseInvalid", slug]);
    }

    /// <summary>Ids for options and pairs in their order: a, b, … z, aa, ab, …</summary>
    public static string Letters(int index) =>
        index < 26 ? ((char)('a' + index)).ToString() : Letters((index / 26) - 1) + (char)('a' + (index % 26));

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
