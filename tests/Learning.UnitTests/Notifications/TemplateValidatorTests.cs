using Learning.Notifications.Services.Templates;

namespace Learning.Notifications.Tests;

public sealed class TemplateValidatorTests
{
    private static readonly TemplateValidator Validator = new(new TemplateRenderer(new LiquidEngine(), new MailHtmlSanitizer()));

    private static Task<IReadOnlyList<TemplateError>> ValidateHtmlAsync(string type, string html) =>
        Validator.ValidateAsync(type, "vi", new TemplateSource("Tiêu đề", "Nội dung", html));

    [Fact]
    public async Task Validate_UnknownVariable_GivesItsNameAndLine()
    {
        var errors = await ValidateHtmlAsync(NoticeTypes.CourseAssigned, "<p>Xin chào {{ user.name }}</p>\n<p>Khóa học:\n {{ course.titel }}</p>");

        var error = Assert.Single(errors);
        Assert.Equal((TemplatePart.Html, 3, TemplateErrorKind.UnknownVariable, "course.titel"), (error.Part, error.Line, error.Kind, error.Detail));
    }

    [Fact]
    public async Task Validate_UnknownVariableInAnUntakenBranch_IsRefused()
    {
        var errors = await ValidateHtmlAsync(NoticeTypes.QuizResult, "{% if passed %}Đạt{% else %}\n\n{{ diem_so }}{% endif %}");

        var error = Assert.Single(errors);
        Assert.Equal((3, "diem_so"), (error.Line, error.Detail));
    }

    [Fact]
    public async Task Validate_VariableOfAnotherType_IsRefused()
    {
        var errors = await ValidateHtmlAsync(NoticeTypes.Invitation, "{{ link }} {{ course.title }}");

        Assert.Equal("course.title", Assert.Single(errors).Detail);
    }

    [Fact]
    public async Task Validate_SyntaxError_GivesTheLine()
    {
        var errors = await ValidateHtmlAsync(NoticeTypes.CourseAssigned, "<p>Một</p>\n<p>Hai</p>\n{% if course.title %}\n<p>{{ course.title }</p>");

        var error = Assert.Single(errors);
        Assert.Equal(TemplateErrorKind.Syntax, error.Kind);
        Assert.Equal(TemplatePart.Html, error.Part);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public async Task Validate_UnclosedBlock_IsASyntaxError()
    {
        var errors = await Validator.ValidateAsync(NoticeTypes.QuizResult, "vi", new TemplateSource("{% if passed %}Đạt", "x", "x"));

        var error = Assert.Single(errors);
        Assert.Equal((TemplatePart.Subject, TemplateErrorKind.Syntax), (error.Part, error.Kind));
    }

    [Fact]
    public async Task Validate_LoopVariableAndForloop_AreKnownInsideTheLoopOnly()
    {
        Assert.Empty(await ValidateHtmlAsync(NoticeTypes.ManagerDigest,
            "{% for item in overdue %}{{ forloop.index }}. {{ item.name }} {{ item.due_date | local_date }}{% endfor %} {{ overdue.size }} {{ overdue.first.unit }} {{ overdue[0].course }}"));

        var errors = await ValidateHtmlAsync(NoticeTypes.ManagerDigest, "{% for item in overdue %}{{ item.nam }}{% endfor %}\n{{ item.name }}");

        Assert.Equal([("item.nam", 1), ("item.name", 2)], errors.Select(e => (e.Detail, e.Line)));
    }

    [Fact]
    public async Task Validate_AssignAndCapture_MakeLocals()
    {
        Assert.Empty(await ValidateHtmlAsync(NoticeTypes.QuizResult,
            "{% assign ket_qua = percent | round %}{% capture loi_chao %}Chào {{ user.name }}{% endcapture %}{{ loi_chao }} {{ ket_qua }}"));
    }

    [Fact]
    public async Task Validate_UnknownFilter_IsRefused_FilterArgumentsAreChecked()
    {
        var errors = await ValidateHtmlAsync(NoticeTypes.QuizResult, "{{ score | lam_tron }}\n{{ quiz.title | append: quiz.tieu_de }}");

        Assert.Equal([(TemplateErrorKind.UnknownFilter, "lam_tron", 1), (TemplateErrorKind.UnknownVariable, "quiz.tieu_de", 2)], errors.Select(e => (e.Kind, e.Detail, e.Line)));
    }

    [Fact]
    public async Task Validate_Include_IsRefused()
    {
        var errors = await ValidateHtmlAsync(NoticeTypes.QuizResult, "{% include 'khac' %}");

        Assert.Equal(TemplateErrorKind.UnsupportedTag, Assert.Single(errors).Kind);
    }

    [Fact]
    public async Task Validate_EmptySubject_IsRefused()
    {
        var errors = await Validator.ValidateAsync(NoticeTypes.QuizResult, "vi", new TemplateSource(" ", "x", "x"));

        Assert.Equal((TemplatePart.Subject, TemplateErrorKind.Length), (Assert.Single(errors).Part, errors[0].Kind));
    }
}
