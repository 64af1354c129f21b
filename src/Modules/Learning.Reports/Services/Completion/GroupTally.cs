using Learning.Organization;

namespace Learning.Reports.Services.Completion;

/// <summary>
/// The numbers of <see cref="CompletionGroup"/> gathered from fact rows. Each row goes to the group of the unit it belongs to
/// (the unit being broken down holds only the cadres attached to it directly, each child unit everyone under it; a row of no
/// group is left out), and its score and days to complete are kept for the medians. The report page counts the rows it reads
/// once; the XLSX export counts the very rows it writes, so the database is read once for both sheets.
/// </summary>
public sealed class GroupTally
{
    private readonly IReadOnlyList<OrgUnitRow> units;
    private readonly int selfId;
    private readonly string? underPath;
    private readonly Dictionary<string, string?> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Numbers> numbers = new(StringComparer.Ordinal);

    internal GroupTally(IReadOnlyList<OrgUnitRow> units, int selfId, string? underPath) =>
        (this.units, this.selfId, this.underPath) = (units, selfId, underPath);

    /// <summary>A tally of no groups (a filter outside the scope).</summary>
    internal static GroupTally None { get; } = new([], -1, null);

    /// <summary>The group (its unit's path) of a cadre whose organisation path is <paramref name="orgPath"/>, or null.</summary>
    public string? KeyOf(string orgPath)
    {
        if (!keys.TryGetValue(orgPath, out var key))
        {
            key = units.FirstOrDefault(u => u.Id == selfId ? orgPath == u.Path : orgPath.StartsWith(u.Path, StringComparison.Ordinal))?.Path;
            keys[orgPath] = key;
        }

        return key;
    }

    /// <summary>Counts an export's row (the groups sheet).</summary>
    public void Count(CadreRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Count(row.OrgPath, FactStatus.Of(row.Status, row.Overdue), row.BestScore, row.EnrolledUtc, row.CompletedUtc);
    }

    /// <summary>Counts a cadre's row (<paramref name="status"/>: a <see cref="FactStatus"/> code) in its group, the overdue within
    /// their place, and keeps its score and, when completed, its days to complete for the medians.</summary>
    internal void Count(string orgPath, int status, double? score, DateTime enrolledUtc, DateTime? completedUtc)
    {
        if (KeyOf(orgPath) is not { } key)
        {
            return;
        }

        var n = For(key);
        n.Assigned++;
        switch (FactStatus.Place(status))
        {
            case LearnerStatus.NotStarted: n.NotStarted++; break;
            case LearnerStatus.InProgress: n.InProgress++; break;
            case LearnerStatus.Completed: n.Completed++; break;
        }

        if (FactStatus.IsLate(status))
        {
            n.Overdue++;
        }

        if (score is { } s)
        {
            n.ScoreSum += s;
            n.Scores.Add(s);
        }

        if (status == (int)LearnerStatus.Completed && completedUtc is { } done)
        {
            n.Days.Add(Math.Max(0, (done - enrolledUtc).TotalDays));
        }
    }

    /// <summary>One group per unit (by name), the unit being broken down first and only when someone is attached to it directly.</summary>
    public IReadOnlyList<CompletionGroup> Groups()
    {
        var groups = new List<CompletionGroup>();
        foreach (var unit in units)
        {
            numbers.TryGetValue(unit.Path, out var n);
            if (unit.Id == selfId && (n is null || n.Assigned == 0))
            {
                continue;
            }

            groups.Add(new CompletionGroup(unit.Path, unit.Name, unit.Kind, n?.Assigned ?? 0, n?.NotStarted ?? 0, n?.InProgress ?? 0,
                n?.Completed ?? 0, n?.Overdue ?? 0, n?.AverageScore, Median(n?.Scores), Median(n?.Days)));
        }

        return [.. groups.OrderBy(g => g.OrgPath == underPath ? 0 : 1)];
    }

    internal static double? Median(List<double>? values)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private Numbers For(string key)
    {
        if (!numbers.TryGetValue(key, out var n))
        {
            numbers[key] = n = new Numbers();
        }

        return n;
    }

    private sealed class Numbers
    {
        public int Assigned { get; set; }

        public int NotStarted { get; set; }

        public int InProgress { get; set; }

        public int Completed { get; set; }

        public int Overdue { get; set; }

        public double ScoreSum { get; set; }

        public double? AverageScore => Scores.Count > 0 ? ScoreSum / Scores.Count : null;

        public List<double> Scores { get; } = [];

        public List<double> Days { get; } = [];
    }
}
