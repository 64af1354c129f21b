using Learning.Notifications.Services;
using Learning.Notifications.Services.Templates;

namespace Learning.Notifications.Tests;

public sealed class TemplateRendererTests
{
    private static readonly TemplateRenderer Renderer = new(new LiquidEngine(), new MailHtmlSanitizer());

    public static TheoryData<string, string> TypesAndCultures()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in NotificationTypeCatalog.Templated)
        {
            foreach (var culture in TemplateCultures.All)
            {
                data.Add(type, culture);
            }
        }

        return data;
    }

    private static async Task<RenderedMail> RenderAsync(string type, string culture, TemplateSource source, System.Text.Json.Nodes.JsonObject? model = null)
    {
        var errors = new List<TemplateError>();
        var parsed = Renderer.Parse(source, errors);
        Assert.Empty(errors);
        return await Renderer.RenderAsync(parsed!, culture, model ?? TemplateModels.Sample(type)!);
    }

    [Theory]
    [MemberData(nameof(TypesAndCultures))]
    public async Task ShippedTemplate_PassesItsOwnValidation(string type, string culture)
    {
        var source = ShippedTemplates.Get(type, culture);

        Assert.NotNull(source);
        Assert.Empty(await new TemplateValidator(Renderer).ValidateAsync(type, culture, source));
    }

    [Theory]
    [MemberData(nameof(TypesAndCultures))]
    public async Task ShippedTemplate_RendersItsSample_WithMarksAndLinks(string type, string culture)
    {
        var mail = await RenderAsync(type, culture, ShippedTemplates.Get(type, culture)!);

        Assert.False(string.IsNullOrWhiteSpace(mail.Subject));
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain("{{", mail.Subject + mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", mail.Subject + mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Hương", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Thị Hương", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Học tập trực tuyến Khánh Hòa", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", mail.HtmlBody, StringComparison.Ordinal);
        var link = TemplateModels.Sample(type)!["link"]!.GetValue<string>();
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", mail.HtmlBody, StringComparison.Ordinal);
        if (culture == "vi")
        {
            Assert.Contains("Kính gửi", mail.TextBody, StringComparison.Ordinal);
        }

        var unsubscribe = TemplateModels.Sample(type)!["unsubscribe_url"]?.GetValue<string>();
        if (unsubscribe is not null)
        {
            Assert.Contains($"href=\"{unsubscribe}\"", mail.HtmlBody, StringComparison.Ordinal);
            Assert.Contains(unsubscribe, mail.TextBody, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("Unsubscribe", mail.HtmlBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Render_Vietnamese_DatesAndNumbersFollowTheCulture()
    {
        var vi = await RenderAsync(NoticeTypes.QuizResult, "vi", ShippedTemplates.Get(NoticeTypes.QuizResult, "vi")!);
        var en = await RenderAsync(NoticeTypes.QuizResult, "en", ShippedTemplates.Get(NoticeTypes.QuizResult, "en")!);
        var due = await RenderAsync(NoticeTypes.DueIn7Days, "vi", ShippedTemplates.Get(NoticeTypes.DueIn7Days, "vi")!);
        var dueEn = await RenderAsync(NoticeTypes.DueIn7Days, "en", ShippedTemplates.Get(NoticeTypes.DueIn7Days, "en")!);
        var digest = await RenderAsync(NotificationTypeCatalog.Digest, "vi", ShippedTemplates.Get(NotificationTypeCatalog.Digest, "vi")!);

        Assert.Equal("Kết quả bài kiểm tra Kiểm tra cuối khóa: Luật Tiếp công dân 2013: Đạt", vi.Subject);
        Assert.Contains("Điểm: 8,5/10 (85%)", vi.TextBody, StringComparison.Ordinal);
        Assert.Contains("Score: 8.5/10 (85%)", en.TextBody, StringComparison.Ordinal);
        foreach (var mail in new[] { vi, en })
        {
            // The quiz's overall feedback for the band, under the score in both parts.
            Assert.Contains("Hãy xem lại phần phân loại đơn thư trước khi tiếp dân định kỳ.", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("white-space: pre-line\">Anh/Chị nắm vững quy trình tiếp công dân.", mail.HtmlBody, StringComparison.Ordinal);
        }

        Assert.Contains("trước ngày 31/12/2026 (còn 7 ngày)", due.TextBody, StringComparison.Ordinal);
        Assert.Contains("due on 31 Dec 2026", dueEn.TextBody, StringComparison.Ordinal);
        // 02:30 UTC is 09:30 in Vietnam.
        Assert.Contains("(09:30 01/12/2026)", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal("Tổng hợp thông báo trong ngày – Học tập trực tuyến Khánh Hòa", digest.Subject);
    }

    [Fact]
    public async Task QuizResult_WithoutMarks_SaysGraded_AndNothingOfTheScore()
    {
        var model = TemplateModels.Sample(NoticeTypes.QuizResult)!;
        model["show_marks"] = false;
        foreach (var name in new[] { "score", "max_score", "percent", "passed", "feedback" })
        {
            model[name] = null;
        }

        foreach (var culture in new[] { "vi", "en" })
        {
            var mail = await RenderAsync(NoticeTypes.QuizResult, culture, ShippedTemplates.Get(NoticeTypes.QuizResult, culture)!, model);
            Assert.DoesNotContain("Đạt", mail.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("passed", mail.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("%", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("%", mail.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("pre-line", mail.HtmlBody, StringComparison.Ordinal);
        }

        var vi = await RenderAsync(NoticeTypes.QuizResult, "vi", ShippedTemplates.Get(NoticeTypes.QuizResult, "vi")!, model);
        Assert.Equal("Bài kiểm tra Kiểm tra cuối khóa: Luật Tiếp công dân 2013 đã được chấm", vi.Subject);
        Assert.Contains("Điểm và kết quả sẽ hiển thị trên trang xem lại bài khi bài kiểm tra cho phép.", vi.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_HtmlPartEncodesVariables_TextPartAndSubjectDoNot()
    {
        var model = TemplateModels.Sample(NoticeTypes.CourseAssigned)!;
        model["course"]!["title"] = "An toàn <b>thông tin</b> & \"bảo mật\"";

        var mail = await RenderAsync(NoticeTypes.CourseAssigned, "vi", ShippedTemplates.Get(NoticeTypes.CourseAssigned, "vi")!, model);

        Assert.Equal("Anh/Chị được giao khóa học: An toàn <b>thông tin</b> & \"bảo mật\"", mail.Subject);
        Assert.Contains("\"An toàn <b>thông tin</b> & \"bảo mật\"\"", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("An toàn &lt;b&gt;thông tin&lt;/b&gt; &amp;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>thông tin</b>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SanitiserDropsScriptsAndHandlers_KeepsStylesAndLinks()
    {
        var source = new TemplateSource("Thử", "Thử", """
            <p style="color:#0b5cad;margin:0 0 16px;">Xin chào <a href="{{ link }}" onclick="steal()">vào học</a></p>
            <script>alert('x')</script>
            <a href="javascript:alert(1)">xấu</a>
            """);

        var mail = await RenderAsync(NoticeTypes.CourseAssigned, "vi", source);

        Assert.DoesNotContain("<script", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("style=\"color: rgba(11, 92, 173, 1); margin: 0 0 16px\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://hoctap.khanhhoa.gov.vn/Courses/ky-nang-tiep-cong-dan\">vào học</a>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SubjectIsOneLine()
    {
        var source = new TemplateSource("Dòng một\n  {% if passed %}\n Đạt {% endif %}\n", "x", "x");

        var mail = await RenderAsync(NoticeTypes.QuizResult, "vi", source);

        Assert.Equal("Dòng một Đạt", mail.Subject);
    }

    [Fact]
    public void Shipped_UnknownCulture_FallsBackToVietnamese()
    {
        Assert.Equal(ShippedTemplates.Get(NoticeTypes.Invitation, "vi"), ShippedTemplates.Get(NoticeTypes.Invitation, "fr-FR"));
        Assert.Equal(ShippedTemplates.Get(NoticeTypes.Invitation, "en"), ShippedTemplates.Get(NoticeTypes.Invitation, "en-US"));
    }
}
