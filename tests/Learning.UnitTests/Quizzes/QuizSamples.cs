using Learning.Quizzes.Services;

namespace Learning.Quizzes.Tests;

/// <summary>One question of every type, with what each format must carry: marks, shares, negative shares, feedback, general
/// feedback, flags, units, distractors, category paths (one with a slash in a name) and keys.</summary>
internal static class QuizSamples
{
    public static IReadOnlyList<PortableQuestion> All { get; } =
    [
        new(["Kỹ năng số", "Chữ ký số"], "cks-01", new QuestionDefinition
        {
            Type = QuestionType.SingleChoice,
            Name = "Câu 1: chữ ký số",
            Text = "Chữ ký số dùng để **làm gì**?\nChọn một ý {đúng nhất} = ~ # : \\ hết.",
            GeneralFeedback = "Xem Luật Giao dịch điện tử 2023.",
            DefaultMark = 2,
            Options =
            [
                new() { Id = "a", Text = "Xác thực người ký", Fraction = 1, Feedback = "Chính xác: xác thực # người ký." },
                new() { Id = "b", Text = "Một phần: bảo đảm toàn vẹn", Fraction = 0.5 },
                new() { Id = "c", Text = "Trang trí văn bản", Feedback = "Không phải." },
            ],
        }),
        new(["Kỹ năng số", "Chữ ký số"], null, new QuestionDefinition
        {
            Type = QuestionType.MultipleChoice,
            Name = "Hồ sơ khai sinh",
            Text = "Những giấy tờ nào cần khi đăng ký khai sinh?",
            ShuffleOptions = false,
            Options =
            [
                new() { Id = "a", Text = "Tờ khai", Fraction = 0.3333333, Feedback = "Đúng." },
                new() { Id = "b", Text = "Giấy chứng sinh", Fraction = 0.3333333 },
                new() { Id = "c", Text = "Giấy tờ tùy thân của người đi đăng ký", Fraction = 0.3333334 },
                new() { Id = "d", Text = "Sổ hộ khẩu giấy", Fraction = -1, Feedback = "Đã bỏ từ năm 2023." },
                new() { Id = "e", Text = "Ảnh thẻ", Fraction = -0.5 },
            ],
        }),
        new(["Pháp luật", "Hỏi/đáp"], "ds-01", new QuestionDefinition
        {
            Type = QuestionType.TrueFalse,
            Name = "Thời hạn khai sinh",
            Text = "Cha mẹ phải đăng ký khai sinh cho con trong 90 ngày.",
            GeneralFeedback = "Thời hạn là 60 ngày kể từ ngày sinh.",
            Options = FormatText_TrueFalse(trueIsCorrect: false, "Sai: thời hạn là 60 ngày.", "Đúng vậy, là 60 ngày."),
        }),
        new(["Pháp luật", "Hỏi/đáp"], "tl-01", new QuestionDefinition
        {
            Type = QuestionType.ShortAnswer,
            Name = "Ứng dụng định danh",
            Text = "Ứng dụng định danh điện tử quốc gia tên là gì?",
            IgnoreDiacritics = true,
            Options =
            [
                new() { Id = "a", Text = "VNeID", Fraction = 1, Feedback = "Đúng." },
                new() { Id = "b", Text = "định danh điện tử", Fraction = 0.5, Feedback = "Gần đúng." },
            ],
        }),
        new([], "tl-02", new QuestionDefinition
        {
            Type = QuestionType.ShortAnswer,
            Name = "Viết tắt",
            Text = "Viết tắt của Ủy ban nhân dân (chữ in hoa)?",
            CaseSensitive = true,
            Options = [new() { Id = "a", Text = "UBND", Fraction = 1 }],
        }),
        new([], "so-01", new QuestionDefinition
        {
            Type = QuestionType.Numerical,
            Name = "Chiều dài",
            Text = "Quãng đường dài bao nhiêu mét?",
            GeneralFeedback = "Đổi km ra m.",
            UnitRequired = true,
            Units = [new() { Name = "m", Multiplier = 1 }, new() { Name = "km", Multiplier = 0.001 }],
            Options =
            [
                new() { Id = "a", Text = "3.14", Tolerance = 0.01, Fraction = 1, Feedback = "Chính xác." },
                new() { Id = "b", Text = "3", Tolerance = 0.5, Fraction = 0.5 },
                new() { Id = "c", Text = "*", Feedback = "Xem lại cách đổi." },
            ],
        }),
        new(["Kỹ năng số"], "gc-01", new QuestionDefinition
        {
            Type = QuestionType.Matching,
            Name = "Ghép cổng dịch vụ",
            Text = "Ghép mỗi việc với nơi thực hiện.",
            Pairs =
            [
                new() { Id = "a", Prompt = "Nộp hồ sơ trực tuyến", Answer = "Cổng Dịch vụ công quốc gia" },
                new() { Id = "b", Prompt = "Xác thực tài khoản mức 2", Answer = "VNeID" },
                new() { Id = "c", Prompt = "Ký văn bản", Answer = "Chữ ký số" },
                new() { Id = "d", Prompt = "", Answer = "Mạng xã hội" },
            ],
        }),
        new(["Kỹ năng số"], "sx-01", new QuestionDefinition
        {
            Type = QuestionType.Ordering,
            Name = "Thứ tự nộp hồ sơ",
            Text = "Sắp xếp các bước nộp hồ sơ trực tuyến.",
            DefaultMark = 3,
            Options =
            [
                new() { Id = "a", Text = "Đăng nhập" },
                new() { Id = "b", Text = "Chọn thủ tục" },
                new() { Id = "c", Text = "Điền tờ khai" },
                new() { Id = "d", Text = "Nộp và nhận mã hồ sơ" },
            ],
        }),
        new(["Kỹ năng số"], "tu-01", new QuestionDefinition
        {
            Type = QuestionType.Essay,
            Name = "Tự luận",
            Text = "Trình bày lợi ích của chuyển đổi số ở cấp xã.",
            GeneralFeedback = "Nêu ít nhất ba lợi ích.",
            DefaultMark = 5,
        }),
    ];

    public static TheoryData<int> Indexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static string Json(QuestionDefinition question) => QuestionJson.Serialize(question);

    private static IReadOnlyList<QuestionOption> FormatText_TrueFalse(bool trueIsCorrect, string trueFeedback, string falseFeedback) =>
    [
        new() { Id = "true", Text = "Đúng", Fraction = trueIsCorrect ? 1 : 0, Feedback = trueFeedback },
        new() { Id = "false", Text = "Sai", Fraction = trueIsCorrect ? 0 : 1, Feedback = falseFeedback },
    ];
}
