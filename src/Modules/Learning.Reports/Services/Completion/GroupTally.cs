using Learning.Organization;

namespace Learning.Reports.Services.Completion;

/// <summary>
/// The numbers of <see cref="CompletionGroup"/> gathered from fact rows. Each row goes to the group of the unit it belongs to
/// (the unit being broken down holds only the cadres attached to it directly, each child unit everyone under it; a row of no
/// group is left out), and its score and days to complete are kept for the medians. The report page counts the rows it reads
/// once; the XLSX export counts the very rows it writes, so the database is read once for both sheets. A tally of the breakdown
/// by course (<see cref="ByCourse"/>) counts each row in its course's group instead.
/// </summary>
public sealed class GroupTally
{
    private readonly IReadOnlyList<OrgUnitRow> units;
    private readonly int selfId;
    private readonly string? underPath;
    private readonly Dictionary<string, string?> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TallyNumbers> numbers = new(StringComparer.Ordinal);
    private readonly CourseTally? courses;
    private readonly Dictionary<int, string> titles = [];

    internal GroupTally(IReadOnlyList<OrgUnitRow> units, int selfId, string? underPath) =>
        (this.units, this.selfId, this.underPath) = (units, selfId, underPath);

    private GroupTally(string? underPath)
        : this([], -1, underPath) => courses = new CourseTally();

    /// <summary>A tally of no groups (a filter outside the scope).</summary>
    internal static GroupTally None { get; } = new([], -1, null);

    /// <summary>A tally of the breakdown by course, for the rows of the subtree <paramref name="underPath"/> (null: the whole scope).</summary>
    internal static GroupTally ByCourse(string? underPath) => new(underPath);

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
        titles.TryAdd(row.CourseId, row.CourseTitle);
        Count(row.OrgPath, row.CourseId, FactStatus.Of(row.Status, row.Overdue), row.BestScore, row.EnrolledUtc, row.CompletedUtc);
    }

    /// <summary>Counts a cadre's row (<paramref name="status"/>: a <see cref="FactStatus"/> code) in its group (its unit's, or its
    /// course's), the overdue within their place, and keeps its score and, when completed, its days to complete for the medians.</summary>
    internal void Count(string orgPath, int courseId, int status, double? score, DateTime enrolledUtc, DateTime? completedUtc)
    {
        if (courses is not null)
        {
            courses.Count(courseId, status, score, enrolledUtc, completedUtc);
        }
        else if (KeyOf(orgPath) is { } key)
        {
            For(key).Add(status, score, enrolledUtc, completedUtc);
        }
    }

    /// <summary>The courses' titles, for the breakdown by course (an export's rows bring their own).</summary>
    internal void Name(IReadOnlyDictionary<int, string> courseTitles)
    {
        foreach (var (id, title) in courseTitles)
        {
            titles.TryAdd(id, title);
        }
    }

    /// <summary>One group per unit (by name), the unit being broken down first and only when someone is attached to it directly.</summary>
    public IReadOnlyList<CompletionGroup> Groups()
    {
        if (courses is not null)
        {
            return courses.Groups(titles, underPath ?? "");
        }

        var groups = new List<CompletionGroup>();
        foreach (var unit in units)
        {
            numbers.TryGetValue(unit.Path, out var n);
            if (unit.Id == selfId && (n is null || n.Assigned == 0))
            {
                continue;
            }

            groups.Add((n ?? new TallyNumbers()).Group(unit.Path, unit.Name, unit.Kind));
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

    private TallyNumbers For(string key)
    {
        if (!numbers.TryGetValue(key, out var n))
        {
            numbers[key] = n = new TallyNumbers();
        }

        return n;
    }
}

/// <summary>
/// The breakdown by course: each row counted in its course's numbers (the same counting as a unit's), one group per course with
/// enrolments, by title, each for the subtree the report counts in.
/// </summary>
internal sealed class CourseTally
{
    private readonly Dictionary<int, TallyNumbers> numbers = [];

    public void Count(int courseId, int status, double? score, DateTime enrolledUtc, DateTime? completedUtc)
    {
        if (!numbers.TryGetValue(courseId, out var n))
        {
            numbers[courseId] = n = new TallyNumbers();
        }

        n.Add(status, score, enrolledUtc, completedUtc);
    }

    public IReadOnlyList<CompletionGroup> Groups(IReadOnlyDictionary<int, string> titles, string orgPath) =>
        [.. numbers.Select(x => x.Value.Group(orgPath, titles.GetValueOrDefault(x.Key) ?? "#" + x.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), "Course") with { CourseId = x.Key })
            .OrderBy(g => g.Name, StringComparer.CurrentCulture).ThenBy(g => g.CourseId)];
}

/// <summary>One group's running numbers: its rows by place and overdue, and its scores and days to complete for the medians.</summary>
internal sealed class TallyNumbers
{
    public int Assigned { get; private set; }

    public int NotStarted { get; private set; }

    public int InProgress { get; private set; }

    public int Completed { get; private set; }

    public int Overdue { get; private set; }

    public double? AverageScore => Scores.Count > 0 ? ScoreSum / Scores.Count : null;

    private double ScoreSum { get; set; }

    private List<double> Scores { get; } = [];

    private List<double> Days { get; } = [];

    public void Add(int status, double? score, DateTime enrolledUtc, DateTime? completedUtc)
    {
        Assigned++;
        switch (FactStatus.Place(status))
        {
            case LearnerStatus.NotStarted: NotStarted++; break;
            case LearnerStatus.InProgress: InProgress++; break;
            case LearnerStatus.Completed: Completed++; break;
        }

        if (FactStatus.IsLate(status))
        {
            Overdue++;
        }

        if (score is { } s)
        {
            ScoreSum += s;
            Scores.Add(s);
        }

        if (status == (int)LearnerStatus.Completed && completedUtc is { } done)
        {
            Days.Add(Math.Max(0, (done - enrolledUtc).TotalDays));
        }
    }

    public CompletionGroup Group(string orgPath, string name, string kind) =>
        new(orgPath, name, kind, Assigned, NotStarted, InProgress, Completed, Overdue, AverageScore, GroupTally.Median(Scores), GroupTally.Median(Days));
}
