using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

public sealed class MoodleXmlFormatTests
{
    private static QuestionImport Fixture(string name)
    {
        using var stream = File.OpenRead(RepositoryRoot.File("tests", "Learning.UnitTests", "Quizzes", "Fixtures", name));
        return MoodleXmlFormat.Read(stream);
    }

    [Fact]
    public void Read_MoodleExport_GivesEveryType_AndTheUnknownOnesAsProblems()
    {
        var read = Fixture("moodle.xml");

        var q = read.Items.Select(i => i.Question).ToList();
        Assert.Equal(
            [QuestionType.SingleChoice, QuestionType.MultipleChoice, QuestionType.TrueFalse, QuestionType.ShortAnswer, QuestionType.Numerical,
             QuestionType.Matching, QuestionType.Essay, QuestionType.Ordering],
            q.Select(x => x.Type));
        Assert.Equal("/quiz/question[2]", read.Items[0].Position);
        Assert.Equal("cks-01", read.Items[0].Key);
        Assert.Equal(["Kỹ năng số", "Chữ ký số"], read.Items[0].CategoryPath);
        Assert.Equal(["Pháp luật"], read.Items[5].CategoryPath);

        // HTML (CDATA) becomes Markdown; entities decoded; defaultgrade; feedback; empty feedback is none.
        Assert.Equal("Chữ ký số dùng để **làm gì**?\n\n![Chữ ký số](@@PLUGINFILE@@/cks.png)", q[0].Text);
        Assert.Equal("Xem Luật Giao dịch điện tử 2023.", q[0].GeneralFeedback);
        Assert.Equal(2, q[0].DefaultMark);
        Assert.Equal([("Xác thực người ký", 1.0, "Chính xác."), ("Trang trí văn bản", 0, (string?)null)], q[0].Options.Select(o => (o.Text, o.Fraction, o.Feedback)));

        Assert.False(q[1].ShuffleOptions);
        Assert.Equal([0.3333333, 0.3333333, 0.3333334, -1], q[1].Options.Select(o => o.Fraction));
        Assert.Equal([("true", 0.0, "Sai rồi."), ("false", 1.0, "Đúng.")], q[2].Options.Select(o => (o.Id, o.Fraction, o.Feedback)));
        Assert.True(q[3].CaseSensitive);
        Assert.True(q[3].IgnoreDiacritics);
        Assert.Equal([("1500", 10.0), ("*", 0)], q[4].Options.Select(o => (o.Text, o.Tolerance)));
        Assert.Equal([("m", 1.0), ("km", 0.001)], q[4].Units.Select(u => (u.Name, u.Multiplier)));
        Assert.True(q[4].UnitRequired);
        Assert.Equal([("Nộp hồ sơ", "Cổng Dịch vụ công"), ("Ký văn bản", "Chữ ký số"), ("", "Mạng xã hội")], q[5].Pairs.Select(p => (p.Prompt, p.Answer)));
        Assert.Equal(5, q[6].DefaultMark);
        Assert.Equal(["Đăng nhập", "Chọn thủ tục", "Nộp hồ sơ"], q[7].Options.Select(o => o.Text));

        Assert.Equal(
            [
                ("/quiz/question[8]", "Câu tính toán", ImportCodes.UnsupportedType, "calculated"),
                ("/quiz/question[11]", "Kéo thả", ImportCodes.UnsupportedType, "ddwtos"),
                ("/quiz/question[13]", "Cloze", ImportCodes.UnsupportedType, "multianswer"),
                ("/quiz/question[14]", "Thiếu nội dung", ImportCodes.MissingText, (object?)null),
            ],
            read.Problems.Select(p => (p.Position, p.Name, p.Code, p.Args.Count > 0 ? p.Args[0] : null)));
    }

    [Fact]
    public void Read_NotWellFormed_IsOneProblemForTheFile()
    {
        var read = Fixture("hong.xml");

        Assert.Empty(read.Items);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(ImportCodes.NotWellFormedXml, problem.Code);
        Assert.Equal("5", problem.Position);
    }

    [Fact]
    public void Read_RefusesDocumentTypes()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE quiz [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><quiz><question type=\"essay\"><questiontext><text>&x;</text></questiontext></question></quiz>"u8.ToArray();

        var read = MoodleXmlFormat.Read(new MemoryStream(xml));

        Assert.Equal(ImportCodes.NotWellFormedXml, Assert.Single(read.Problems).Code);
        Assert.Empty(read.Items);
    }

    [Fact]
    public void Write_IsMoodleXml_WithCategoriesIdnumbersAndOrdering()
    {
        var xml = System.Text.Encoding.UTF8.GetString(MoodleXmlFormat.Write(QuizSamples.All));

        Assert.Contains("<text>$course$/top/Pháp luật/Hỏi//đáp</text>", xml, StringComparison.Ordinal);
        Assert.Contains("<idnumber>cks-01</idnumber>", xml, StringComparison.Ordinal);
        Assert.Contains("<question type=\"ordering\">", xml, StringComparison.Ordinal);
        Assert.Contains("<answer fraction=\"-100\" format=\"markdown\">", xml, StringComparison.Ordinal);
        Assert.Contains("<usecase>1</usecase>", xml, StringComparison.Ordinal);
        Assert.Contains("<text>learning-ignore-diacritics</text>", xml, StringComparison.Ordinal);
    }

    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGPgjlkLRww4OQD01wzxd/zYJQAAAABJRU5ErkJggg==";

    [Fact]
    public void Read_CarriesTheImagesTheTextsUse_AndWriteCarriesThemBack()
    {
        var read = Fixture("moodle.xml");
        var image = Assert.Single(read.Items[0].Images);
        Assert.Equal("cks.png", image.Key);
        Assert.Equal(Convert.FromBase64String(Png), image.Value);
        Assert.Equal("image/png", QuestionImageText.ContentType(image.Value));
        Assert.All(read.Items.Skip(1), i => Assert.Empty(i.Images));

        // Pointed at the bank's copy, the image is what the attempt page shows (authored Markdown, site-relative links allowed).
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var stored = QuestionImageText.ReplacePluginFiles(read.Items[0].Question, name => QuestionImageText.Url(id, name));
        Assert.Equal([(id, "cks.png")], QuestionImageText.BankImages(stored));
        Assert.Contains("<img src=\"/quiz-images/0f8fad5bd9cb469fa16570867728950e/cks.png\" alt=\"Chữ ký số\"", Learning.Modularity.SafeMarkdown.ToHtml(stored.Text), StringComparison.Ordinal);

        var xml = MoodleXmlFormat.Write([new PortableQuestion(["Ảnh"], "anh-1", read.Items[0].Question) { Images = read.Items[0].Images }]);
        Assert.Contains($"<file name=\"cks.png\" path=\"/\" encoding=\"base64\">{Png}</file>", System.Text.Encoding.UTF8.GetString(xml), StringComparison.Ordinal);
        var again = Assert.Single(MoodleXmlFormat.Read(new MemoryStream(xml)).Items);
        Assert.Equal(QuestionJson.Serialize(read.Items[0].Question), QuestionJson.Serialize(again.Question));
        Assert.Equal(image.Value, Assert.Single(again.Images).Value);
    }

    [Theory]
    [InlineData("", "Import.Problem.MissingImage")] // the text uses an image the file does not carry
    [InlineData("<file name=\"so-do.png\" path=\"/\" encoding=\"base64\">VMOgaSBsaeG7h3UgY2jhu68=</file>", "Import.Problem.NotAnImage")] // text renamed .png
    [InlineData("<file name=\"so-do.png\" path=\"/\" encoding=\"base64\">khong phai base64!</file>", "Import.Problem.NotAnImage")]
    public void Read_AnImageMissingOrNotAnImage_IsTheQuestionsProblem(string file, string code)
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <quiz>
              <question type="essay">
                <name><text>Sơ đồ quy trình</text></name>
                <questiontext format="html"><text><![CDATA[<p>Mô tả sơ đồ:</p><img src="@@PLUGINFILE@@/so-do.png">]]></text>{file}</questiontext>
              </question>
              <question type="essay">
                <name><text>Không ảnh</text></name>
                <questiontext format="html"><text>Câu hỏi không có ảnh.</text></questiontext>
              </question>
            </quiz>
            """;
        var read = MoodleXmlFormat.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)));
        var problem = Assert.Single(read.Problems);
        Assert.Equal((code, "/quiz/question[1]", "Sơ đồ quy trình"), (problem.Code, problem.Position, problem.Name));
        Assert.Equal("so-do.png", problem.Args[0]);
        Assert.Equal("Không ảnh", Assert.Single(read.Items).Question.Name);
    }

    [Fact]
    public void AppendImage_WritesAMarkdownImageTheBankResolves_TheDescriptionEscaped_OrTheNameWhenEmpty()
    {
        var text = QuestionImageText.AppendImage("Chọn bước ký số  \n", "Sơ đồ [bước 2]\nký", "C:\\tệp\\sơ đồ (1).png".Replace('\\', '/'));
        Assert.Equal("Chọn bước ký số\n\n![Sơ đồ \\[bước 2\\] ký](@@PLUGINFILE@@/s%C6%A1%20%C4%91%E1%BB%93%20%281%29.png)", text);
        Assert.Equal(["sơ đồ (1).png"], QuestionImageText.PluginFiles(new QuestionDefinition { Text = text }));
        Assert.Equal("![anh-chup](@@PLUGINFILE@@/anh-chup.jpg)", QuestionImageText.AppendImage("", " ", "anh-chup.jpg"));
    }
}
