using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

public sealed class GiftFormatTests
{
    private static QuestionImport Fixture(string name) => GiftFormat.Read(File.ReadAllText(RepositoryRoot.File("tests", "Learning.UnitTests", "Quizzes", "Fixtures", name)));

    [Fact]
    public void Read_DocumentedSyntax_GivesEveryType()
    {
        var read = Fixture("cu-phap.gift");

        Assert.Empty(read.Problems);
        var q = read.Items.Select(i => i.Question).ToList();
        Assert.Equal(15, q.Count);

        // Single choice with feedback, a partial share and general feedback; its category from $CATEGORY.
        Assert.Equal(["Kỹ năng số", "Chữ ký số"], read.Items[0].CategoryPath);
        Assert.Equal("4", read.Items[0].Position);
        Assert.Equal(QuestionType.SingleChoice, q[0].Type);
        Assert.Equal("Chữ ký số", q[0].Name);
        Assert.Equal("Chữ ký số dùng để làm gì?", q[0].Text);
        Assert.Equal([("a", "Xác thực người ký", 1.0, "Chính xác."), ("b", "Trang trí văn bản", 0, "Không phải."), ("c", "Bảo đảm văn bản không bị sửa", 0.5, null)],
            q[0].Options.Select(o => (o.Id, o.Text, o.Fraction, o.Feedback)));
        Assert.Equal("Xem Luật Giao dịch điện tử.", q[0].GeneralFeedback);

        // No "=": multiple choice, with a negative share; [markdown] is dropped from the text.
        Assert.Equal(QuestionType.MultipleChoice, q[1].Type);
        Assert.Equal("Cần **những giấy tờ** nào?", q[1].Text);
        Assert.Equal([0.5, 0.5, -1], q[1].Options.Select(o => o.Fraction));
        Assert.Equal("Đã bỏ.", q[1].Options[2].Feedback);

        // {F#wrong#right}: the feedback of the chosen option.
        Assert.Equal(QuestionType.TrueFalse, q[2].Type);
        Assert.Equal([("true", 0.0, "Sai rồi, là 60 ngày."), ("false", 1.0, "Đúng, là 60 ngày.")], q[2].Options.Select(o => (o.Id, o.Fraction, o.Feedback)));
        Assert.Equal("Điều 15 Luật Hộ tịch.", q[2].GeneralFeedback);
        Assert.Equal([1.0, 0], q[3].Options.Select(o => o.Fraction));
        Assert.Equal("Xã là đơn vị hành chính cấp cơ sở.", q[3].Name);
        Assert.Equal([1.0, 0], q[4].Options.Select(o => o.Fraction));
        Assert.Equal([0.0, 1], q[5].Options.Select(o => o.Fraction));
        Assert.Equal("Sai.", q[5].Options[0].Feedback);

        Assert.Equal(QuestionType.ShortAnswer, q[6].Type);
        Assert.Equal([("VNeID", 1.0, (string?)null), ("định danh điện tử", 0.5, "Gần đúng.")], q[6].Options.Select(o => (o.Text, o.Fraction, o.Feedback)));

        Assert.Equal(QuestionType.Matching, q[7].Type);
        Assert.Equal([("Nộp hồ sơ", "Cổng Dịch vụ công"), ("Ký văn bản", "Chữ ký số"), ("", "Mạng xã hội")], q[7].Pairs.Select(p => (p.Prompt, p.Answer)));

        Assert.Equal(QuestionType.Numerical, q[8].Type);
        Assert.Equal(("3.14", 0.01), (q[8].Options[0].Text, q[8].Options[0].Tolerance));
        Assert.Equal(("3", 2.0), (q[9].Options[0].Text, q[9].Options[0].Tolerance));
        Assert.Equal([("1945", 0.0, 1.0, "Chính xác."), ("1945", 2, 0.5, "Gần đúng."), ("*", 0, 0, "Xem lại lịch sử.")],
            q[10].Options.Select(o => (o.Text, o.Tolerance, o.Fraction, o.Feedback)));

        Assert.Equal(QuestionType.Essay, q[11].Type);
        Assert.Equal("Nêu ba lợi ích.", q[11].GeneralFeedback);

        // Missing word: the blank takes the answers' place.
        Assert.Equal(QuestionType.SingleChoice, q[12].Type);
        Assert.Equal("Thủ đô _____ là trung tâm chính trị.", q[12].Text);

        // Escapes, and [html] turned into text.
        Assert.Equal("Ký tự đặc biệt: thoát", q[13].Name);
        Assert.Equal("Kết quả của 1 = 1 và {a} ~ # là gì?", q[13].Text);
        Assert.Equal("Đúng # chắc chắn", q[13].Options[0].Text);

        // "//" is a slash inside a category name; \n is a line break.
        Assert.Equal(["Pháp luật", "Hỏi/đáp"], read.Items[14].CategoryPath);
        Assert.Equal("Dòng một\nDòng hai", q[14].Text);
    }

    [Fact]
    public void Read_BadQuestions_AreProblemsAtTheirLines_AndTheRestIsRead()
    {
        var read = Fixture("loi.gift");

        Assert.Equal(["Tốt 1", "Tốt 2", "Tốt 3"], read.Items.Select(i => i.Question.Name));
        Assert.Equal([1, 3, 8], read.Items.Select(i => i.Index));
        Assert.Equal(
            [
                ("4", "Thiếu ngoặc", ImportCodes.UnclosedBrace),
                ("8", "Số rỗng", ImportCodes.NoNumber),
                ("10", "Không phải số", ImportCodes.NotANumber),
                ("12", "Mô tả", ImportCodes.UnsupportedType),
                ("14", "Ghép sai", ImportCodes.MatchingWithoutArrow),
            ],
            read.Problems.Select(p => (p.Position, p.Name, p.Code)));
        Assert.Equal("mười", read.Problems[2].Args[0]);
    }

    [Fact]
    public void Escape_EverySpecialCharacter_AndLineBreaks()
    {
        Assert.Equal("a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni", GiftFormat.Escape("a~b=c#d{e}f:g\\h\ni"));
    }

    [Fact]
    public void Write_IsMoodleGift_WithTheMarkerOnlyWhereGiftHasNoWord()
    {
        var text = GiftFormat.Write([QuizSamples.All[2], QuizSamples.All[7]]);

        Assert.StartsWith("$CATEGORY: $course$/top/Pháp luật/Hỏi//đáp\n\n// @learning {\"key\":\"ds-01\"}\n::Thời hạn khai sinh::[markdown]", text, StringComparison.Ordinal);
        Assert.Contains("{FALSE#Sai\\: thời hạn là 60 ngày.#Đúng vậy, là 60 ngày.####Thời hạn là 60 ngày kể từ ngày sinh.}", text, StringComparison.Ordinal);
        Assert.Contains("// @learning {\"key\":\"sx-01\",\"type\":\"Ordering\",\"mark\":3}", text, StringComparison.Ordinal);
        Assert.Contains("\t=1 -> Đăng nhập\n\t=2 -> Chọn thủ tục\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OrderingWithoutMarker_IsMatchingAsMoodleWouldRead()
    {
        var text = GiftFormat.Write([QuizSamples.All[7]]).Replace("\"type\":\"Ordering\",", "", StringComparison.Ordinal);

        var item = Assert.Single(GiftFormat.Read(text).Items);

        Assert.Equal(QuestionType.Matching, item.Question.Type);
        Assert.Equal("1", item.Question.Pairs[0].Prompt);
    }
}
