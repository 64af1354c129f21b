namespace Learning.Reports.Data;

public static class SavedReportKinds
{
    public const string Completion = "completion";
    public const string Hours = "hours";

    public static readonly IReadOnlyList<string> All = [Completion, Hours];

    /// <summary>The page a saved report opens.</summary>
    public static string PageOf(string kind) => kind == Hours ? "/Admin/Reports/Hours" : "/Admin/Reports";
}
