using System.Text.Json;

namespace Learning.Quizzes.Services;

/// <summary>
/// A quiz's overall feedback (Moodle's grade boundaries): bands of the attempt's percent, each with a text, stored as JSON,
/// highest band first. An attempt gets the text of the highest band its percent reaches (80 % reaches "from 80"); below the
/// lowest band, nothing. It tells the score's band, so it shows where the review options show marks, and nowhere else.
/// </summary>
public static class OverallFeedback
{
    public const int MaxBands = 10;

    public const int MaxTextLength = 4000;

    /// <summary>The column's length: every band at its longest, with room for the JSON around it.</summary>
    public const int MaxStoredLength = 50_000;

    /// <summary>The bands, highest first; none for null or an unreadable value.</summary>
    public static IReadOnlyList<FeedbackBand> Read(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        try
        {
            return [.. (JsonSerializer.Deserialize<List<FeedbackBand>>(stored, JsonSerializerOptions.Web) ?? [])
                .Where(b => !string.IsNullOrWhiteSpace(b.Text)).OrderByDescending(b => b.From)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The stored form, highest band first; null for none.</summary>
    public static string? Write(IEnumerable<FeedbackBand> bands)
    {
        var list = bands.OrderByDescending(b => b.From).ToList();
        return list.Count == 0 ? null : JsonSerializer.Serialize(list, JsonSerializerOptions.Web);
    }

    /// <summary>The text for an attempt of <paramref name="percent"/>, or null when no band reaches it.</summary>
    public static string? For(string? stored, decimal percent) =>
        Read(stored).FirstOrDefault(b => percent >= b.From)?.Text;

    /// <summary>Why these bands cannot be kept (a resource key), or null: at most <see cref="MaxBands"/>, each from 0 to 100 and once, each text short enough.</summary>
    public static string? Check(IReadOnlyCollection<FeedbackBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count > MaxBands || bands.Any(b => b.From is < 0 or > 100 || b.Text.Length > MaxTextLength))
        {
            return "Edit.FeedbackRange";
        }

        return bands.Select(b => b.From).Distinct().Count() == bands.Count ? null : "Edit.FeedbackTwice";
    }
}
