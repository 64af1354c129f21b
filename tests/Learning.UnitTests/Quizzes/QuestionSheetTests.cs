using System.Text;
using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

public sealed class QuestionSheetTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(RepositoryRoot.File("tests", "Learning.UnitTests", "Quizzes", "Fixtures", name));

    [Fact]
    public void Csv_BadRows_AreProblemsAtTheirLines_AndTheRestIsRead()
    {
        var read = CsvQuestionFormat.Read(Fixture("loi.csv"));

        Assert.Equal(["Tốt", "Không dấu"], read.Items.Select(i => i.Question.Name));
        Assert.Equal("Loại viết không dấu, nội dung\r\nnhiều dòng?", read.Items[1].Question.Text);
        Assert.Equal("4", read.Items[1].Position);
        Assert.Equal([0.0, 1], read.Items[1].Question.Options.Select(o => o.Fraction));
        Assert.Equal(
            [("3", "Không có đáp án đúng", ImportCodes.NoCorrectAnswer), ("6", "Loại lạ", ImportCodes.UnknownType), ("7", "Số sai", ImportCodes.NotANumber)],
            read.Problems.Select(p => (p.Position, p.Name, p.Code)));
    }

    [Fact]
    public void Csv_SemicolonsAndEnglishHeaders_AreRead()
    {
        var csv = "category;key;type;name;text;mark;general feedback;settings;units;option 1;feedback 1;option 2;feedback 2\n"
            + "A/B;k1;numerical;Số;Bao nhiêu mét?;2;;unit required;\"m=1; km=1000\";3,5:0,1;Đúng;*;Sai\n";

        var item = Assert.Single(CsvQuestionFormat.Read(Encoding.UTF8.GetBytes(csv)).Items);

        Assert.Equal(["A", "B"], item.CategoryPath);
        Assert.Equal(QuestionType.Numerical, item.Question.Type);
        Assert.Equal([("3.5", 0.1, 1.0, "Đúng"), ("*", 0, 0, "Sai")], item.Question.Options.Select(o => (o.Text, o.Tolerance, o.Fraction, o.Feedback)));
        Assert.True(item.Question.UnitRequired);
        Assert.Equal(2, item.Question.DefaultMark);
    }

    [Fact]
    public void Csv_UnclosedQuote_AndNotUtf8_AreOneProblem()
    {
        var unclosed = CsvQuestionFormat.Read(Encoding.UTF8.GetBytes("Loại,Nội dung\nTự luận,\"chưa đóng\n"));
        Assert.Equal(("2", ImportCodes.UnclosedQuote), (Assert.Single(unclosed.Problems).Position, unclosed.Problems[0].Code));

        var ansi = CsvQuestionFormat.Read([(byte)'L', 0xE0, (byte)',', (byte)'x']);
        Assert.Equal(ImportCodes.NotUtf8, Assert.Single(ansi.Problems).Code);
    }

    [Fact]
    public void Csv_WithoutTypeOrTextColumns_IsOneProblem()
    {
        var read = CsvQuestionFormat.Read(Encoding.UTF8.GetBytes("Tên,Điểm\nA,1\n"));

        Assert.Equal(ImportCodes.MissingColumns, Assert.Single(read.Problems).Code);
    }

    [Fact]
    public void Xlsx_RenamedTextFile_IsOneClearProblem()
    {
        var bytes = Encoding.UTF8.GetBytes("Đây là một tệp văn bản đổi tên thành .xlsx");

        Assert.Equal(QuestionFileFormat.Xlsx, QuestionFiles.Detect(bytes, "cau-hoi.xlsx"));
        var read = QuestionFiles.Read(QuestionFileFormat.Xlsx, bytes);

        Assert.Empty(read.Items);
        Assert.Equal(ImportCodes.NotXlsx, Assert.Single(read.Problems).Code);
    }

    [Fact]
    public void Xlsx_Positions_NameTheSheetAndRow()
    {
        var bad = QuizSamples.All[0] with { Question = QuizSamples.All[0].Question with { Options = [new() { Id = "a", Text = "Không", Fraction = 0 }, new() { Id = "b", Text = "Có" }] } };
        var bytes = XlsxQuestionFormat.Write([QuizSamples.All[1], bad]);

        var read = XlsxQuestionFormat.Read(new MemoryStream(bytes));

        Assert.Equal("Câu hỏi!A2", Assert.Single(read.Items).Position);
        Assert.Equal(("Câu hỏi!A3", ImportCodes.NoCorrectAnswer), (Assert.Single(read.Problems).Position, read.Problems[0].Code));
    }

    [Theory]
    [InlineData("cau-hoi.txt", "::A::B{T}", QuestionFileFormat.Gift)]
    [InlineData("cau-hoi.csv", "::A::B{T}", QuestionFileFormat.Csv)]
    [InlineData("x.bin", "\uFEFFLoại,Nội dung\nTự luận,Viết", QuestionFileFormat.Csv)]
    [InlineData("x.txt", "<?xml version=\"1.0\"?><quiz/>", QuestionFileFormat.MoodleXml)]
    [InlineData("x.gift", "  <quiz></quiz>", QuestionFileFormat.MoodleXml)]
    [InlineData("x.xml", "không phải xml", QuestionFileFormat.MoodleXml)]
    public void Detect_ByContentFirst_ThenByExtension(string fileName, string content, QuestionFileFormat expected)
    {
        Assert.Equal(expected, QuestionFiles.Detect(Encoding.UTF8.GetBytes(content), fileName));
    }

    [Fact]
    public void Detect_ZipContent_IsXlsx_WhateverTheName()
    {
        Assert.Equal(QuestionFileFormat.Xlsx, QuestionFiles.Detect(XlsxQuestionFormat.Template(), "mau.txt"));
    }
}
