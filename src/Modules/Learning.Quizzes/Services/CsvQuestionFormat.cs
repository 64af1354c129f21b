using System.Globalization;
using System.Text;

namespace Learning.Quizzes.Services;

/// <summary>Questions as CSV in the <see cref="QuestionSheet"/> layout: UTF-8 with a BOM (so spreadsheets see Vietnamese), one row per question.</summary>
public static class CsvQuestionFormat
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static QuestionImport Read(byte[] bytes)
    {
        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return QuestionImport.FileProblem("1", ImportCodes.NotUtf8);
        }

        var records = CsvText.Read(text, out var unterminated);
        if (unterminated is { } line)
        {
            return QuestionImport.FileProblem(line.ToString(CultureInfo.InvariantCulture), ImportCodes.UnclosedQuote, line);
        }

        return QuestionSheet.Read(records.Select(r => (r.Line.ToString(CultureInfo.InvariantCulture), (IReadOnlyList<string>)r.Fields)));
    }

    public static byte[] Write(IEnumerable<PortableQuestion> questions) =>
        Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CsvText.Write(QuestionSheet.Rows(questions)))).ToArray();

    /// <summary>The header and three Vietnamese example rows, to fill in a spreadsheet.</summary>
    public static byte[] Template() => Write(QuestionSheet.Examples);
}
