using Learning.Reports.Services.Completion.Charts;

namespace Learning.Reports.Services;

/// <summary>
/// The digital-signature readiness funnel's stages, in order, and how many of a set of cadres reached each (a stage counts
/// everyone at it or past it; issued includes expiring and expired). The readiness page and the PDF summary count the same way.
/// </summary>
public static class ReadinessStages
{
    public static readonly IReadOnlyList<string> Stages = ["NotStarted", "InTraining", "Ready", "Requested", "Issued"];

    private static int StageOf(string state) => state switch { "NotStarted" => 0, "InTraining" => 1, "Ready" => 2, "Requested" => 3, _ => 4 };

    /// <summary>How many of the cadres counted by state (<paramref name="inState"/>) reached <paramref name="stage"/> or a later one.</summary>
    public static int Reached(IReadOnlyDictionary<string, int> inState, string stage) =>
        inState.Where(kv => StageOf(kv.Key) >= StageOf(stage)).Sum(kv => kv.Value);

    /// <summary>The funnel as chart data (the page's SVG and the PDF draw it): each stage's label and how many reached it.</summary>
    public static FunnelChartData Chart(string title, IReadOnlyDictionary<string, int> inState, Func<string, string> label) =>
        new(title, [.. Stages.Select(s => (label(s), (double)Reached(inState, s)))]);
}
