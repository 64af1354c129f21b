using System.Globalization;
using System.Text;

namespace Learning.Media.Services;

/// <summary>
/// Unique seconds watched, as merged, sorted half-open intervals [start, end) of whole seconds. Seeking ahead leaves a gap that never
/// counts; watching a part twice counts it once.
/// </summary>
public sealed class WatchIntervals
{
    private readonly List<(int Start, int End)> items = [];

    public IReadOnlyList<(int Start, int End)> Items => items;

    public int TotalSeconds => items.Sum(i => i.End - i.Start);

    public static WatchIntervals Parse(string? text)
    {
        var result = new WatchIntervals();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0
                && int.TryParse(part.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                && int.TryParse(part.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                result.Add(start, end);
            }
        }

        return result;
    }

    /// <summary>Adds [start, end), merging with what touches it. Returns how many seconds were new.</summary>
    public int Add(int start, int end)
    {
        if (end <= start)
        {
            return 0;
        }

        var before = TotalSeconds;
        var merged = (Start: start, End: end);
        var kept = new List<(int Start, int End)>(items.Count + 1);
        foreach (var item in items)
        {
            if (item.End < merged.Start || item.Start > merged.End)
            {
                kept.Add(item);
            }
            else
            {
                merged = (Math.Min(item.Start, merged.Start), Math.Max(item.End, merged.End));
            }
        }

        kept.Add(merged);
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        items.Clear();
        items.AddRange(kept);
        return TotalSeconds - before;
    }

    /// <summary>
    /// Adds reported intervals of a video lasting <paramref name="duration"/> seconds, clamped to the video, adding at most
    /// <paramref name="budget"/> new seconds in all: a client cannot claim more than could have been watched since it last reported.
    /// </summary>
    public int AddReported(IEnumerable<(double Start, double End)> reported, double duration, int budget)
    {
        var limit = (int)Math.Ceiling(duration);
        var added = 0;
        foreach (var (rawStart, rawEnd) in reported.Take(200))
        {
            if (double.IsNaN(rawStart) || double.IsNaN(rawEnd) || budget - added <= 0)
            {
                continue;
            }

            var start = Math.Clamp((int)Math.Floor(rawStart), 0, limit);
            var end = Math.Clamp((int)Math.Round(rawEnd, MidpointRounding.AwayFromZero), 0, limit);
            // Only as much of this interval as the remaining budget allows, counted from its start.
            end = Math.Min(end, start + Uncovered(start, end, budget - added));
            added += Add(start, end);
        }

        return added;
    }

    /// <summary>
    /// How far past <paramref name="start"/> the interval can run before it covers more than <paramref name="budget"/> new seconds:
    /// walks the gaps between the stored (sorted) intervals, so a long claim costs as little as a short one.
    /// </summary>
    private int Uncovered(int start, int end, int budget)
    {
        var cursor = start;
        var fresh = 0;
        foreach (var (itemStart, itemEnd) in items)
        {
            if (itemEnd <= cursor)
            {
                continue;
            }

            if (itemStart >= end)
            {
                break;
            }

            var gap = Math.Min(itemStart, end) - cursor;
            if (gap > 0)
            {
                if (fresh + gap > budget)
                {
                    return cursor + (budget - fresh) - start;
                }

                fresh += gap;
            }

            cursor = Math.Max(cursor, itemEnd);
            if (cursor >= end)
            {
                return end - start;
            }
        }

        var rest = end - cursor;
        return rest > 0 && fresh + rest > budget ? cursor + (budget - fresh) - start : end - start;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (start, end) in items)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(start.ToString(CultureInfo.InvariantCulture)).Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
