using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

/// <summary>Every type written then read in every format gives back the same definition, category path and key.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<QuestionFileFormat, int> Cases()
    {
        var data = new TheoryData<QuestionFileFormat, int>();
        foreach (var format in Enum.GetValues<QuestionFileFormat>())
        {
            for (var i = 0; i < QuizSamples.All.Count; i++)
            {
                data.Add(format, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriteThenRead_OneQuestion_GivesTheSameQuestion(QuestionFileFormat format, int index)
    {
        var sample = QuizSamples.All[index];

        var read = QuestionFiles.Read(format, QuestionFiles.Write(format, [sample]));

        Assert.Empty(read.Problems);
        var item = Assert.Single(read.Items);
        Assert.Equal(QuizSamples.Json(sample.Question), QuizSamples.Json(item.Question));
        Assert.Equal(sample.CategoryPath, item.CategoryPath);
        Assert.Equal(sample.Key, item.Key);
    }

    [Theory]
    [InlineData(QuestionFileFormat.Gift)]
    [InlineData(QuestionFileFormat.MoodleXml)]
    [InlineData(QuestionFileFormat.Csv)]
    [InlineData(QuestionFileFormat.Xlsx)]
    public void WriteThenRead_AllTogether_KeepsOrderAndCategories_AndIsDetected(QuestionFileFormat format)
    {
        var bytes = QuestionFiles.Write(format, QuizSamples.All);

        Assert.Equal(format, QuestionFiles.Detect(bytes, "tai-len.bin"));
        var read = QuestionFiles.Read(format, bytes);

        Assert.Empty(read.Problems);
        Assert.Equal(QuizSamples.All.Select(s => QuizSamples.Json(s.Question)), read.Items.Select(i => QuizSamples.Json(i.Question)));
        Assert.Equal(QuizSamples.All.Select(s => string.Join('|', s.CategoryPath)), read.Items.Select(i => string.Join('|', i.CategoryPath)));
        Assert.Equal(Enumerable.Range(1, QuizSamples.All.Count), read.Items.Select(i => i.Index));
        Assert.Empty(QuestionValidator.Apply(read).Problems);
    }

    [Theory]
    [InlineData(QuestionFileFormat.Csv)]
    [InlineData(QuestionFileFormat.Xlsx)]
    public void Template_HasVietnameseHeaderAndExamples_ThatReadBackValid(QuestionFileFormat format)
    {
        var bytes = format == QuestionFileFormat.Csv ? CsvQuestionFormat.Template() : XlsxQuestionFormat.Template();

        var read = QuestionValidator.Apply(QuestionFiles.Read(format, bytes));

        Assert.Empty(read.Problems);
        Assert.Equal(3, read.Items.Count);
        Assert.Equal(["Kỹ năng số", "Chữ ký số"], read.Items[0].CategoryPath);
        Assert.Equal("cks-01", read.Items[0].Key);
        Assert.Equal(-0.5, read.Items[1].Question.Options[2].Fraction);
        Assert.True(read.Items[2].Question.IgnoreDiacritics);
        if (format == QuestionFileFormat.Csv)
        {
            Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
            Assert.StartsWith("Danh mục,Mã,Loại,Tên,Nội dung,Điểm", System.Text.Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void QuestionJson_StoresTypesByName_AndReadsBack()
    {
        var json = QuestionJson.Serialize(QuizSamples.All[5].Question);

        Assert.Contains("\"type\":\"Numerical\"", json, StringComparison.Ordinal);
        Assert.Equal(json, QuestionJson.Serialize(QuestionJson.Deserialize(json)));
    }
}
