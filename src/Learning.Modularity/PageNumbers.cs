namespace Learning.Modularity;

/// <summary>
/// The page numbers a pager shows: the first, the last, and a few around the current one, with gaps between (null). A list of
/// 200,000 cadres at 50 a page had a link for each of its 4,000 pages: 3 MB of HTML for a phone.
/// </summary>
public static class PageNumbers
{
    /// <summary>For page <paramref name="current"/> of <paramref name="pages"/>: e.g. 1 … 48 49 [50] 51 52 … 4000; every page
    /// when there are few.</summary>
    public static IReadOnlyList<int?> Around(int current, int pages, int radius = 2)
    {
        var shown = new List<int?>();
        for (var p = 1; p <= pages; p++)
        {
            // A gap never stands for one page alone: that page is shown instead.
            if (p == 1 || p == pages || Math.Abs(p - current) <= radius || (Math.Abs(p - current) == radius + 1 && (p == 2 || p == pages - 1)))
            {
                shown.Add(p);
            }
            else if (shown[^1] is not null)
            {
                shown.Add(null);
            }
        }

        return shown;
    }
}
