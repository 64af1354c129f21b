using System.Globalization;

namespace Learning.Quizzes.Services;

/// <summary>
/// The questions a cadre flagged during an attempt (Moodle's "Flag question"), stored on the attempt's row as their slots in
/// order, comma-separated ("3,7"), or null when none. A set, not a log: the page sends the whole set when it changes, so a
/// flag sent twice, or late from a phone that was offline, leaves the same set.
/// </summary>
public static class AttemptFlags
{
    /// <summary>The column's length: 4,000 characters hold every slot of a quiz of 900 questions.</summary>
    public const int MaxLength = 4000;

    public static IReadOnlySet<int> Parse(string? stored)
    {
        var slots = new SortedSet<int>();
        foreach (var part in (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var slot) && slot > 0)
            {
                slots.Add(slot);
            }
        }

        return slots;
    }

    /// <summary>The stored form: the slots ascending, each once; null for none.</summary>
    public static string? Format(IEnumerable<int> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var text = string.Join(',', new SortedSet<int>(slots).Select(s => s.ToString(CultureInfo.InvariantCulture)));
        return text.Length == 0 ? null : text;
    }

    /// <summary>The set with <paramref name="slot"/> flagged if it was not, and no longer flagged if it was.</summary>
    public static IReadOnlySet<int> Toggle(string? stored, int slot)
    {
        var slots = new SortedSet<int>(Parse(stored));
        if (!slots.Remove(slot))
        {
            slots.Add(slot);
        }

        return slots;
    }

    /// <summary>
    /// The attempt log's detail of a change from <paramref name="stored"/> to <paramref name="sent"/>: the slots flagged with
    /// "+", those unflagged with "−", ascending ("+3 −7"); null when the set is the same.
    /// </summary>
    public static string? Change(string? stored, IEnumerable<int> sent)
    {
        var before = Parse(stored);
        var after = new SortedSet<int>(sent);
        var parts = after.Where(s => !before.Contains(s)).Select(s => "+" + s.ToString(CultureInfo.InvariantCulture))
            .Concat(before.Where(s => !after.Contains(s)).Select(s => "−" + s.ToString(CultureInfo.InvariantCulture)));
        var text = string.Join(' ', parts);
        return text.Length == 0 ? null : text;
    }
}
