using System.Text;
using Learning.Modularity;

namespace Learning.Quizzes.Services;

/// <summary>
/// Picks the format of an uploaded file by what it holds (a ZIP is a workbook, <c>&lt;?xml</c> or <c>&lt;quiz</c> is Moodle
/// XML, a header row naming our columns is CSV, anything else is GIFT), then by its extension when the content says nothing
/// (so a text file renamed <c>.xlsx</c> is reported as not a workbook); reads and writes any of the four.
/// </summary>
public static class QuestionFiles
{
    public static QuestionFileFormat Detect(ReadOnlySpan<byte> content, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            return QuestionFileFormat.Xlsx;
        }

        if (extension is ".xlsx" or ".xlsm" or ".xls")
        {
            return QuestionFileFormat.Xlsx;
        }

        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<quiz", StringComparison.Ordinal) || extension == ".xml")
        {
            return QuestionFileFormat.MoodleXml;
        }

        var firstLine = head.Split('\n')[0];
        var folded = SearchText.Fold(firstLine);
        var looksLikeHeader = (firstLine.Contains(',', StringComparison.Ordinal) || firstLine.Contains(';', StringComparison.Ordinal))
            && (folded.Contains("loai", StringComparison.Ordinal) || folded.Contains("type", StringComparison.Ordinal))
            && (folded.Contains("noi dung", StringComparison.Ordinal) || folded.Contains("text", StringComparison.Ordinal));
        return looksLikeHeader || extension == ".csv" ? QuestionFileFormat.Csv : QuestionFileFormat.Gift;
    }

    public static QuestionImport Read(QuestionFileFormat format, byte[] content)
    {
        var read = format switch
        {
            QuestionFileFormat.Xlsx => XlsxQuestionFormat.Read(new MemoryStream(content, writable: false)),
            QuestionFileFormat.MoodleXml => MoodleXmlFormat.Read(new MemoryStream(content, writable: false)),
            QuestionFileFormat.Csv => CsvQuestionFormat.Read(content),
            _ => ReadGift(content),
        };
        return read.Items.Count == 0 && read.Problems.Count == 0 ? QuestionImport.FileProblem("1", ImportCodes.EmptyFile) : read;
    }

    public static byte[] Write(QuestionFileFormat format, IEnumerable<PortableQuestion> questions) => format switch
    {
        QuestionFileFormat.Xlsx => XlsxQuestionFormat.Write(questions),
        QuestionFileFormat.MoodleXml => MoodleXmlFormat.Write(questions),
        QuestionFileFormat.Csv => CsvQuestionFormat.Write(questions),
        _ => new UTF8Encoding(false).GetBytes(GiftFormat.Write(questions)),
    };

    public static string ContentType(QuestionFileFormat format) => format switch
    {
        QuestionFileFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        QuestionFileFormat.MoodleXml => "application/xml",
        QuestionFileFormat.Csv => "text/csv; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };

    public static string Extension(QuestionFileFormat format) => format switch
    {
        QuestionFileFormat.Xlsx => ".xlsx",
        QuestionFileFormat.MoodleXml => ".xml",
        QuestionFileFormat.Csv => ".csv",
        _ => ".gift.txt",
    };

    private static QuestionImport ReadGift(byte[] content)
    {
        try
        {
            return GiftFormat.Read(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content));
        }
        catch (DecoderFallbackException)
        {
            return QuestionImport.FileProblem("1", ImportCodes.NotUtf8);
        }
    }
}
