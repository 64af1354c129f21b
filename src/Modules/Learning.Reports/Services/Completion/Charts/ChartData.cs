namespace Learning.Reports.Services.Completion.Charts;

/// <summary>Bars of a value each (a completion rate: 0..1 with <paramref name="Percent"/>), as plain data: the SVG writer here and the
/// PDF summary draw the same thing.</summary>
public sealed record BarChartData(string Title, IReadOnlyList<(string Label, double Value)> Bars, bool Percent = true);

/// <summary>A line over time (completions per week): points in order, each with its label (the week's Monday).</summary>
public sealed record LineChartData(string Title, IReadOnlyList<(string Label, double Value)> Points);

/// <summary>Stages of a funnel, widest first: how many reached each stage.</summary>
public sealed record FunnelChartData(string Title, IReadOnlyList<(string Label, double Value)> Stages);
