namespace Learning.Reports.Services.Exports;

/// <summary>How a column's values are written: text (neutralised), a number, a ratio shown as a percentage, or a date.</summary>
public enum ExportColumnKind
{
    Text,
    Number,
    Percent,
    Date,
}

/// <summary>One column of a tabular export: its header and kind, and its width in characters for XLSX.</summary>
public sealed record ExportColumn(string Header, ExportColumnKind Kind, double Width = 14);
