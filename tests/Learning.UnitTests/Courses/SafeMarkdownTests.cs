using Learning.Modularity;
using Learning.Courses.Services;

namespace Learning.UnitTests.Courses;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void ToHtml_ScriptTag_IsEscapedNotExecuted()
    {
        var html = SafeMarkdown.ToHtml("Xin chào <script>alert(1)</script> **đậm**");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<strong>đậm</strong>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[bấm](javascript:alert(1))")]
    [InlineData("[bấm](JavaScript:alert(1))")]
    [InlineData("[bấm]( java\tscript:alert(1))")]
    [InlineData("[bấm](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void ToHtml_DangerousLinks_RenderInert(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:text", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[Cổng DVC](https://dichvucong.gov.vn)", "href=\"https://dichvucong.gov.vn\"")]
    [InlineData("[gọi](tel:19001234)", "href=\"tel:19001234\"")]
    [InlineData("![ảnh](/course-files/abc.png)", "src=\"/course-files/abc.png\"")]
    public void ToHtml_SafeLinks_AreKept(string markdown, string expected) =>
        Assert.Contains(expected, SafeMarkdown.ToHtml(markdown), StringComparison.Ordinal);

    [Fact]
    public void ToHtml_HtmlAttributesInjection_IsNotPossible()
    {
        var html = SafeMarkdown.ToHtml("<img src=x onerror=alert(1)>\n\n<a href=\"javascript:x\">y</a>");

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
    }
}
