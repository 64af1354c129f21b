namespace Learning.Reports.Data;

/// <summary>How often a subscribed report is sent: once per ISO week (Monday to Sunday) or once per calendar month, Vietnam time.</summary>
public enum ReportCadence
{
    Weekly,
    Monthly,
}
