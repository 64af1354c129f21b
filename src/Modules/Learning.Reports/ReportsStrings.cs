namespace Learning.Reports;

/// <summary>Marker for this module's resources.</summary>
public sealed class ReportsStrings;
