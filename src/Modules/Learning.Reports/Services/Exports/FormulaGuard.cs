namespace Learning.Reports.Services.Exports;

/// <summary>
/// Keeps text from being taken for a formula by a spreadsheet (CSV injection, OWASP): a value that begins with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return gets an apostrophe in front, in CSV and XLSX alike. Only text passes here:
/// numbers and dates are written as numbers and dates, untouched.
/// </summary>
public static class FormulaGuard
{
    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
