using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Tests;

public sealed partial class QuestionBankTests
{
    private const string MoodleXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
          <question type="category"><category><text>$course$/top/Chữ ký số</text></category></question>
          <question type="multichoice">
            <name><text>Công dụng chữ ký số</text></name>
            <questiontext format="html"><text><![CDATA[<p>Chữ ký số dùng để làm gì?</p>]]></text></questiontext>
            <idnumber>cks-01</idnumber>
            <single>true</single>
            <answer fraction="100"><text>Xác thực người ký</text></answer>
            <answer fraction="0"><text>Trang trí</text></answer>
          </question>
          <question type="calculated">
            <name><text>Câu tính toán</text></name>
            <questiontext format="html"><text>Tính {a} + {b}</text></questiontext>
          </question>
          <question type="truefalse">
            <name><text>Thời hạn khai sinh</text></name>
            <questiontext format="html"><text>Thời hạn là 60 ngày.</text></questiontext>
            <answer fraction="100"><text>true</text></answer>
            <answer fraction="0"><text>false</text></answer>
          </question>
        </quiz>
        """;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Import_MoodleXmlWithAnUnknownType_PreviewsTheProblem_NothingWritesNothing_ValidWritesTheGoodOnes(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var category = await CreateCategoryAsync(admin, "Ngân hàng thử");
        var bytes = Encoding.UTF8.GetBytes(MoodleXml);

        var preview = await UploadAsync(admin, "cau-hoi.txt", bytes, category);

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var text = WebUtility.HtmlDecode(preview.Body);
        Assert.Contains("Moodle XML", text, StringComparison.Ordinal);
        Assert.Contains("/quiz/question[3]", text, StringComparison.Ordinal);
        Assert.Contains("Câu tính toán", text, StringComparison.Ordinal);
        Assert.Contains("Loại câu hỏi \"calculated\" chưa được hỗ trợ.", text, StringComparison.Ordinal);
        Assert.Contains("Công dụng chữ ký số", text, StringComparison.Ordinal);
        Assert.Contains("Nhập tất cả câu hợp lệ", text, StringComparison.Ordinal);

        var discarded = await admin.PostFormAsync("/Admin/Quizzes/Import", [new("token", Token(preview.Body)), new("category", category)], "/Admin/Quizzes/Import?handler=Discard");
        Assert.Contains("Không nhập câu hỏi nào", discarded.Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Question>().CountAsync()));
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<QuestionCategory>().CountAsync()));
        var gone = await admin.PostFormAsync("/Admin/Quizzes/Import", [new("token", Token(preview.Body)), new("category", category)], "/Admin/Quizzes/Import?handler=Import");
        Assert.Contains("không còn nữa", gone.Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Question>().CountAsync()));

        var again = await UploadAsync(admin, "cau-hoi.xml", bytes, category);
        var imported = await admin.PostFormAsync("/Admin/Quizzes/Import", [new("token", Token(again.Body)), new("category", category)], "/Admin/Quizzes/Import?handler=Import");

        Assert.Contains("2 câu hỏi mới", WebUtility.HtmlDecode(imported.Body), StringComparison.Ordinal);
        var questions = await site.WithDbAsync(db => db.Set<Question>().OrderBy(q => q.Id).ToListAsync());
        Assert.Equal(["cks-01", "TrueFalse"], questions.Select(q => q.Key == "cks-01" ? q.Key : q.Type));
        var sub = await site.WithDbAsync(db => db.Set<QuestionCategory>().SingleAsync(c => c.Name == "Chữ ký số"));
        Assert.Equal(int.Parse(category, System.Globalization.CultureInfo.InvariantCulture), sub.ParentId);
        Assert.All(questions, q => Assert.Equal(sub.Id, q.CategoryId));
        Assert.Equal("cong dung chu ky so chu ky so dung de lam gi", questions[0].SearchText);

        // The bank's search ignores Vietnamese marks.
        var bank = await admin.GetAsync($"/Admin/Quizzes/Bank?category={sub.Id}&q=CHU+KY+SO");
        Assert.Contains("Công dụng chữ ký số", WebUtility.HtmlDecode(bank.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("Thời hạn khai sinh", WebUtility.HtmlDecode(bank.Body), StringComparison.Ordinal);
    }

    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGPgjlkLRww4OQD01wzxd/zYJQAAAABJRU5ErkJggg==";

    private static string MoodleXmlWithImage(string base64) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
          <question type="multichoice">
            <name><text>Sơ đồ ký số</text></name>
            <questiontext format="html">
              <text><![CDATA[<p>Bước nào trong sơ đồ là ký số?</p><p><img src="@@PLUGINFILE@@/s%C6%A1%20%C4%91%E1%BB%93.png" alt="Sơ đồ"></p>]]></text>
              <file name="sơ đồ.png" path="/" encoding="base64">{base64}</file>
            </questiontext>
            <idnumber>so-do-ky-so</idnumber>
            <single>true</single>
            <answer fraction="100" format="html"><text>Bước 3</text></answer>
            <answer fraction="0" format="html"><text>Bước 1</text></answer>
          </question>
        </quiz>
        """;

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Import_MoodleXmlWithAnImage_StoresAndServesIt_ExportCarriesIt_AReimportReusesIt_ANonImageIsRefused(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var category = await CreateCategoryAsync(admin, "Ngân hàng ảnh");

        // A text file passed off as the image: the question's problem, named, in Vietnamese; nothing written.
        var fake = WebUtility.HtmlDecode((await UploadAsync(admin, "anh.xml", Encoding.UTF8.GetBytes(MoodleXmlWithImage("VMOgaSBsaeG7h3UgY2jhu68=")), category)).Body);
        Assert.Contains("Tệp \"sơ đồ.png\" kèm theo câu hỏi không phải là ảnh", fake, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<QuestionImage>().CountAsync()));

        var file = Encoding.UTF8.GetBytes(MoodleXmlWithImage(Png));
        var preview = await UploadAsync(admin, "anh.xml", file, category);
        var imported = await admin.PostFormAsync("/Admin/Quizzes/Import", [new("token", Token(preview.Body)), new("category", category)], "/Admin/Quizzes/Import?handler=Import");
        Assert.Contains("1 câu hỏi mới", WebUtility.HtmlDecode(imported.Body), StringComparison.Ordinal);
        var text = await site.WithDbAsync(db => (from q in db.Set<Question>() join v in db.Set<QuestionVersion>() on q.CurrentVersionId equals v.Id select v.Definition).SingleAsync());
        var url = Regex.Match(QuestionJson.Deserialize(text).Text, @"/quiz-images/[0-9a-f]{32}/[^)]+").Value;
        Assert.Equal("/quiz-images/", url[..13]);
        Assert.EndsWith("/s%C6%A1-%C4%91%E1%BB%93.png", url, StringComparison.Ordinal);

        // Served to the signed-in as the PNG it was checked to be, never sniffed; not to the anonymous.
        using (var image = await admin.Http.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", string.Join("", image.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(Convert.FromBase64String(Png), await image.Content.ReadAsByteArrayAsync());
        }

        using (var anonymous = site.CreateSiteClient())
        {
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(url)).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/quiz-images/" + Guid.NewGuid().ToString("N") + "/x.png")).Status);

        // Exported as Moodle XML, the image travels in the file as Moodle writes it; imported again, the same image is reused.
        var export = await admin.Http.GetByteArrayAsync($"/Admin/Quizzes/Export?handler=Download&category={category}&format=MoodleXml");
        var xml = Encoding.UTF8.GetString(export);
        Assert.Contains($"encoding=\"base64\">{Png}</file>", xml, StringComparison.Ordinal);
        Assert.Contains("@@PLUGINFILE@@/s%C6%A1-%C4%91%E1%BB%93.png", xml, StringComparison.Ordinal);
        var back = await UploadAsync(admin, "xuat.xml", export, category);
        var reimported = await admin.PostFormAsync("/Admin/Quizzes/Import", [new("token", Token(back.Body)), new("category", category)], "/Admin/Quizzes/Import?handler=Import");
        Assert.Equal(HttpStatusCode.OK, reimported.Status);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<QuestionImage>().CountAsync()));
        var texts = await site.WithDbAsync(db => db.Set<QuestionVersion>().Select(v => v.Definition).ToListAsync());
        Assert.All(texts, t => Assert.Contains(url, QuestionJson.Deserialize(t).Text, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Export_TwoImagesOfAQuestionWhoseNamesBecameAlike_TravelUnderNamesOfTheirOwn(DatabaseProvider provider)
    {
        const string green = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOQ7/IBIgYIBQAaJgPV3lNEVgAAAABJRU5ErkJggg==";
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var category = await CreateCategoryAsync(admin, "Hai ảnh");
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <quiz>
              <question type="essay">
                <name><text>Hai sơ đồ</text></name>
                <questiontext format="html">
                  <text><![CDATA[<p>So sánh <img src="@@PLUGINFILE@@/a%20b.png"> với <img src="@@PLUGINFILE@@/a-b.png">.</p>]]></text>
                  <file name="a b.png" path="/" encoding="base64">{Png}</file>
                  <file name="a-b.png" path="/" encoding="base64">{green}</file>
                </questiontext>
                <idnumber>hai-so-do</idnumber>
              </question>
            </quiz>
            """;
        var preview = await UploadAsync(admin, "hai.xml", Encoding.UTF8.GetBytes(xml), category);
        await admin.PostFormAsync("/Admin/Quizzes/Import", [new("token", Token(preview.Body)), new("category", category)], "/Admin/Quizzes/Import?handler=Import");
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<QuestionImage>().CountAsync(i => i.FileName == "a-b.png")));

        var export = Encoding.UTF8.GetString(await admin.Http.GetByteArrayAsync($"/Admin/Quizzes/Export?handler=Download&category={category}&format=MoodleXml"));
        var names = Regex.Matches(export, "<file name=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, names.Distinct().Count());
        var read = Assert.Single(MoodleXmlFormat.Read(new MemoryStream(Encoding.UTF8.GetBytes(export))).Items);
        Assert.Equal([Png, green], QuestionImageText.PluginFiles(read.Question).Select(n => Convert.ToBase64String(read.Images[n])));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Import_GiftWithAnUnclosedBrace_NamesTheLine_AndARenamedTextFileIsNotAWorkbook(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var category = await CreateCategoryAsync(admin, "Ngân hàng thử");
        const string gift = "// Bộ câu hỏi\n::Tốt::Câu hỏi tốt?{=Có ~Không}\n\n::Thiếu ngoặc::Câu hỏi thiếu ngoặc {=Có ~Không\n\n::Tốt 2::Câu thứ hai?{T}\n";

        var preview = WebUtility.HtmlDecode((await UploadAsync(admin, "cau-hoi.gift", Encoding.UTF8.GetBytes(gift), category)).Body);

        Assert.Matches(@"<td[^>]*>dòng 4</td>\s*<td[^>]*><bdi>Thiếu ngoặc</bdi></td>\s*<td[^>]*>Thiếu dấu ngoặc nhọn", preview);
        Assert.Contains("2 câu hỏi hợp lệ, 1 lỗi.", preview, StringComparison.Ordinal);

        var renamed = WebUtility.HtmlDecode((await UploadAsync(admin, "cau-hoi.xlsx", Encoding.UTF8.GetBytes("Loại,Nội dung\nTự luận,Viết\n"), category)).Body);

        Assert.Contains("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.", renamed, StringComparison.Ordinal);
        Assert.DoesNotContain("Nhập tất cả câu hợp lệ", renamed, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Question>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Edit_AQuestionAnAttemptUsed_MakesVersion2_AndTheAttemptKeepsVersion1(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var category = int.Parse(await CreateCategoryAsync(admin, "Ngân hàng thử"), System.Globalization.CultureInfo.InvariantCulture);
        var question = new QuestionDefinition
        {
            Type = QuestionType.SingleChoice,
            Name = "Công dụng chữ ký số",
            Text = "Chữ ký số dùng để làm gì?",
            Options = [new() { Id = "a", Text = "Xác thực người ký", Fraction = 1 }, new() { Id = "b", Text = "Trang trí" }],
        };
        var saved = await site.WithServiceAsync<QuestionBank, QuestionSaveResult>(b => b.SaveAsync(null, category, "cks-01", question, null, null, CancellationToken.None));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        var firstVersion = await site.WithDbAsync(db => db.Set<Question>().Where(q => q.Id == saved.QuestionId).Select(q => q.CurrentVersionId).SingleAsync());

        // Unused: edited in place.
        var inPlace = await EditAsync(admin, saved.QuestionId, category, "Chữ ký số dùng để làm gì? (sửa lần 1)");
        Assert.Equal(HttpStatusCode.Redirect, inPlace.Status);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<QuestionVersion>().CountAsync(v => v.QuestionId == saved.QuestionId)));

        var attemptQuestionId = await site.WithDbAsync(async db =>
        {
            var quiz = new Quiz { Key = "kt-01", Title = "Kiểm tra", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
            db.Add(quiz);
            await db.SaveChangesAsync();
            var attempt = new Attempt { PublicId = Guid.NewGuid(), QuizId = quiz.Id, UserId = "u1", Number = 1, StartedUtc = DateTime.UtcNow, PageCount = 1 };
            attempt.Questions.Add(new AttemptQuestion { Slot = 1, Page = 1, QuestionId = saved.QuestionId, QuestionVersionId = firstVersion, OptionOrder = "a,b", Mark = 1 });
            db.Add(attempt);
            await db.SaveChangesAsync();
            return attempt.Questions[0].Id;
        });

        var edited = await EditAsync(admin, saved.QuestionId, category, "Chữ ký số dùng để làm gì? (sửa lần 2)");

        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        var page = await admin.GetAsync(edited.Location!);
        Assert.Contains("Đã lưu thành phiên bản 2", WebUtility.HtmlDecode(page.Body), StringComparison.Ordinal);
        var versions = await site.WithDbAsync(db => db.Set<QuestionVersion>().Where(v => v.QuestionId == saved.QuestionId).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Contains("(sửa lần 1)", QuestionJson.Deserialize(versions[0].Definition).Text, StringComparison.Ordinal);
        Assert.Contains("(sửa lần 2)", QuestionJson.Deserialize(versions[1].Definition).Text, StringComparison.Ordinal);
        Assert.Equal(versions[1].Id, await site.WithDbAsync(db => db.Set<Question>().Where(q => q.Id == saved.QuestionId).Select(q => q.CurrentVersionId).SingleAsync()));
        Assert.Equal(versions[0].Id, await site.WithDbAsync(db => db.Set<AttemptQuestion>().Where(a => a.Id == attemptQuestionId).Select(a => a.QuestionVersionId).SingleAsync()));

        // Version 2 is not used yet: the next edit changes it in place.
        await EditAsync(admin, saved.QuestionId, category, "Chữ ký số dùng để làm gì? (sửa lần 3)");
        Assert.Equal(2, await site.WithDbAsync(db => db.Set<QuestionVersion>().CountAsync(v => v.QuestionId == saved.QuestionId)));

        // An attempt started and not yet saved holds version 2 in its draw only (no row, ADR-033): that is used too.
        await site.WithDbAsync(async db =>
        {
            var quiz = await db.Set<Quiz>().SingleAsync(q => q.Key == "kt-01");
            var drawn = new AttemptQuestion { Slot = 1, Page = 0, QuestionId = saved.QuestionId, QuestionVersionId = versions[1].Id, OptionOrder = "b,a", Mark = 1 };
            db.Add(new Attempt { PublicId = Guid.NewGuid(), QuizId = quiz.Id, UserId = "u2", Number = 1, StartedUtc = DateTime.UtcNow, PageCount = 1, Drawn = AttemptDraw.Write([drawn]) });
            await db.SaveChangesAsync();
            return true;
        });
        await EditAsync(admin, saved.QuestionId, category, "Chữ ký số dùng để làm gì? (sửa lần 4)");
        var third = await site.WithDbAsync(db => db.Set<QuestionVersion>().Where(v => v.QuestionId == saved.QuestionId).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2, 3], third.Select(v => v.Number));
        Assert.Contains("(sửa lần 3)", QuestionJson.Deserialize(third[1].Definition).Text, StringComparison.Ordinal); // what the drawn attempt shows
        Assert.Contains("(sửa lần 4)", QuestionJson.Deserialize(third[2].Definition).Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Editor_AttachesAnImageCheckedByContent_NothingSavedWhenRefused_PreviewShowsAndGradesWithoutStoring(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var category = await CreateCategoryAsync(admin, "Ngân hàng có ảnh");
        var page = $"/Admin/Quizzes/Question?category={category}";
        var png = Convert.FromBase64String(Png);
        var images = () => site.WithDbAsync(db => db.Set<QuestionImage>().CountAsync());
        var questions = () => site.WithDbAsync(db => db.Set<Question>().CountAsync());

        // A text file named .png, and a PNG over the limit: refused by content and size, in Vietnamese; the form keeps the text; nothing written.
        var renamed = await admin.PostMultipartAsync(page, NewQuestion(category, "Sơ đồ quy trình ký số"), ("Form.Image", "so-do.png", Encoding.UTF8.GetBytes("không phải ảnh"), "image/png"));
        var refused = WebUtility.HtmlDecode(renamed.Body);
        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Contains("Tệp \"so-do.png\" không phải là ảnh (PNG, JPEG, GIF hoặc WebP). Câu hỏi chưa được lưu.", refused, StringComparison.Ordinal);
        Assert.Contains("Sơ đồ quy trình ký số", refused, StringComparison.Ordinal);
        var large = await admin.PostMultipartAsync(page, NewQuestion(category, "Ảnh lớn"), ("Form.Image", "lon.png", [.. png, .. new byte[QuestionImageText.MaxBytes]], "image/png"));
        Assert.Contains("Ảnh \"lon.png\" lớn hơn 512 KB", WebUtility.HtmlDecode(large.Body), StringComparison.Ordinal);

        // A good image with a question that cannot be saved (no name): the question's message, and the image is not kept either.
        var unnamed = NewQuestion(category, "Không tên").Where(f => f.Key != "Form.Name");
        var noName = await admin.PostMultipartAsync(page, unnamed, ("Form.Image", "sơ đồ.png", png, "image/png"));
        Assert.Contains("Ảnh đã chọn chưa được lưu", WebUtility.HtmlDecode(noName.Body), StringComparison.Ordinal);
        Assert.Equal((0, 0), (await questions(), await images()));

        // Saved: the image stored once, referenced at the end of the text with its description, served as the PNG it is.
        var saved = await admin.PostMultipartAsync(page, NewQuestion(category, "Sơ đồ quy trình ký số"), ("Form.Image", "sơ đồ.png", png, "text/plain"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var id = int.Parse(Regex.Match(saved.Location!, @"id=(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((1, 1), (await questions(), await images()));
        var text = await site.WithDbAsync(db => (from q in db.Set<Question>() join v in db.Set<QuestionVersion>() on q.CurrentVersionId equals v.Id select v.Definition).SingleAsync());
        var stored = QuestionJson.Deserialize(text).Text;
        var url = Regex.Match(stored, @"/quiz-images/[0-9a-f]{32}/s%C6%A1-%C4%91%E1%BB%93\.png").Value;
        Assert.Equal($"Sơ đồ quy trình ký số\n\n![Sơ đồ \\[ký số\\]]({url})", stored);
        using (var image = await admin.Http.GetAsync(url))
        {
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());
        }

        Assert.Contains($"<img src=\"{url}\"", (await admin.GetAsync($"/Admin/Quizzes/Question?id={id}")).Body, StringComparison.Ordinal);

        // The preview: the text rendered (the image with its description), the options by place; no right answer shown before the check.
        var preview = await admin.GetAsync($"/Admin/Quizzes/Preview?id={id}");
        var shown = WebUtility.HtmlDecode(preview.Body);
        Assert.Contains($"<img src=\"{url}\" alt=\"Sơ đồ [ký số]\"", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("is-right", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Đúng: người ký", shown, StringComparison.Ordinal);
        var order = Regex.Match(preview.Body, "name=\"order\" value=\"([a-z,]+)\"").Groups[1].Value.Split(',');
        var right = (Array.IndexOf(order, "a") + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var wrong = (Array.IndexOf(order, "b") + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var previewPage = $"/Admin/Quizzes/Preview?id={id}";
        Task<(HttpStatusCode Status, string Body, string? Location)> Check(string place) =>
            admin.PostFormAsync(previewPage, [new("order", string.Join(',', order)), new("shown", "1"), new("q1", place)]);

        var good = WebUtility.HtmlDecode((await Check(right)).Body);
        Assert.Contains("data-fraction=\"1\"", good, StringComparison.Ordinal);
        Assert.Contains("Đạt 1 / 1 điểm (100%).", good, StringComparison.Ordinal);
        Assert.Contains("Đúng: người ký được <em>xác thực</em>.", good, StringComparison.Ordinal); // the chosen option's feedback, its Markdown rendered
        Assert.Contains("Theo <strong>Điều 22</strong> Luật Giao dịch điện tử.", good, StringComparison.Ordinal); // the explanation too
        Assert.DoesNotContain("<script>alert(1)", (await Check(right)).Body, StringComparison.Ordinal); // and sanitized
        var bad = WebUtility.HtmlDecode((await Check(wrong)).Body);
        Assert.Contains("data-fraction=\"0\"", bad, StringComparison.Ordinal);
        Assert.Contains("Sai: đây không phải công dụng", bad, StringComparison.Ordinal);
        Assert.Contains("is-right", bad, StringComparison.Ordinal); // the right answer, as a review with every option shows it
        var tampered = await Check("9");
        Assert.Contains("id=\"preview-problem\"", tampered.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-fraction", tampered.Body, StringComparison.Ordinal);
        Assert.Equal(0, await site.WithDbAsync(db => db.Set<Attempt>().CountAsync()));
    }

    private static List<KeyValuePair<string, string>> NewQuestion(string category, string text) =>
    [
        new("Form.CategoryId", category), new("Form.Type", "SingleChoice"), new("Form.Name", "Câu có ảnh"), new("Form.Text", text),
        new("Form.Mark", "1"), new("Form.Shuffle", "true"), new("Form.ImageAlt", "Sơ đồ [ký số]"),
        new("Form.GeneralFeedback", "Theo **Điều 22** Luật Giao dịch điện tử.\n\n<script>alert(1)</script>"),
        new("Form.OptionId", ""), new("Form.OptionText", "Xác thực người ký"), new("Form.OptionFraction", "1"), new("Form.OptionFeedback", "Đúng: người ký được *xác thực*."),
        new("Form.OptionId", ""), new("Form.OptionText", "Trang trí văn bản"), new("Form.OptionFraction", "0"), new("Form.OptionFeedback", "Sai: đây không phải công dụng của chữ ký số."),
    ];

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Categories_AreRenamedAndMoved_NeverIntoThemselves_AndDeletedOnlyWhenEmpty(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var top = await CreateCategoryAsync(admin, "Chữ ký số");
        var child = (await admin.PostFormAsync("/Admin/Quizzes/Bank", [new("name", "Ký số trên điện thoại"), new("parentId", top)], "/Admin/Quizzes/Bank?handler=CreateCategory")).Location!.Split('=')[1];
        var other = await CreateCategoryAsync(admin, "Dịch vụ công");
        Task<(HttpStatusCode Status, string Body, string? Location)> Change(string id, string name, string parent) =>
            admin.PostFormAsync($"/Admin/Quizzes/Bank?category={id}", [new("name", name), new("parentId", parent)], $"/Admin/Quizzes/Bank?handler=ChangeCategory&id={id}");
        Task<(HttpStatusCode Status, string Body, string? Location)> Delete(string id) =>
            admin.PostFormAsync($"/Admin/Quizzes/Bank?category={id}", [], $"/Admin/Quizzes/Bank?handler=DeleteCategory&id={id}");
        var (topId, childId, otherId) = (int.Parse(top, System.Globalization.CultureInfo.InvariantCulture), int.Parse(child, System.Globalization.CultureInfo.InvariantCulture), int.Parse(other, System.Globalization.CultureInfo.InvariantCulture));

        // Into its own subcategory: refused, in Vietnamese, nothing changed.
        var loop = await Change(top, "Chữ ký số", child);
        Assert.Equal(HttpStatusCode.BadRequest, loop.Status);
        Assert.Contains("Không thể chuyển danh mục vào chính nó hoặc vào một danh mục con của nó.", WebUtility.HtmlDecode(loop.Body), StringComparison.Ordinal);
        Assert.Null(await site.WithDbAsync(db => db.Set<QuestionCategory>().Where(c => c.Id == topId).Select(c => c.ParentId).SingleAsync()));

        // Renamed and moved under another (its subcategory with it), audited.
        Assert.Equal(HttpStatusCode.Redirect, (await Change(top, "Chữ ký số công vụ", other)).Status);
        var moved = await site.WithDbAsync(db => db.Set<QuestionCategory>().SingleAsync(c => c.Id == topId));
        Assert.Equal(("Chữ ký số công vụ", otherId), (moved.Name, moved.ParentId));
        var tree = WebUtility.HtmlDecode((await admin.GetAsync("/Admin/Quizzes/Bank")).Body);
        Assert.Matches("(?s)>Dịch vụ công<.*>Chữ ký số công vụ<.*>Ký số trên điện thoại<", tree);
        Assert.True(await site.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "quizzes.category.changed")));

        // Deleted only when empty: a question in it (archived or not), or a subcategory, keeps it, and the message says which.
        await site.WithServiceAsync<QuestionBank, QuestionSaveResult>(b => b.SaveAsync(null, childId, null,
            new QuestionDefinition { Type = QuestionType.TrueFalse, Name = "Ký số", Text = "Ký số trên điện thoại được không?", Options = [new() { Id = "true", Text = "Đúng", Fraction = 1 }, new() { Id = "false", Text = "Sai" }] },
            null, null, CancellationToken.None));
        var kept = await Delete(child);
        Assert.Equal(HttpStatusCode.BadRequest, kept.Status);
        Assert.Contains("Chưa xoá được danh mục «Ký số trên điện thoại»: còn 1 câu hỏi, 0 danh mục con", WebUtility.HtmlDecode(kept.Body), StringComparison.Ordinal);
        Assert.Contains("còn 0 câu hỏi, 1 danh mục con", WebUtility.HtmlDecode((await Delete(top)).Body), StringComparison.Ordinal);
        Assert.Equal(3, await site.WithDbAsync(db => db.Set<QuestionCategory>().CountAsync()));
        var empty = await CreateCategoryAsync(admin, "Tạm");
        var emptyId = int.Parse(empty, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await Delete(empty)).Status);
        Assert.False(await site.WithDbAsync(db => db.Set<QuestionCategory>().AnyAsync(c => c.Id == emptyId)));
    }

    private static async Task<string> CreateCategoryAsync(SiteClient admin, string name)
    {
        var created = await admin.PostFormAsync("/Admin/Quizzes/Bank", [new("name", name)], "/Admin/Quizzes/Bank?handler=CreateCategory");
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        return created.Location![(created.Location!.IndexOf('=', StringComparison.Ordinal) + 1)..];
    }

    private static Task<(HttpStatusCode Status, string Body, string? Location)> UploadAsync(SiteClient admin, string fileName, byte[] bytes, string category) =>
        admin.PostFileAsync("/Admin/Quizzes/Import", "file", fileName, bytes, $"/Admin/Quizzes/Import?handler=Upload&category={category}");

    private static Task<(HttpStatusCode Status, string Body, string? Location)> EditAsync(SiteClient admin, int id, int category, string text) =>
        admin.PostFormAsync($"/Admin/Quizzes/Question?id={id}",
        [
            new("Form.Id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.CategoryId", category.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Form.Key", "cks-01"), new("Form.Type", "SingleChoice"), new("Form.Name", "Công dụng chữ ký số"), new("Form.Text", text), new("Form.Mark", "1"),
            new("Form.Shuffle", "true"),
            new("Form.OptionId", "a"), new("Form.OptionText", "Xác thực người ký"), new("Form.OptionFraction", "1"), new("Form.OptionFeedback", ""),
            new("Form.OptionId", "b"), new("Form.OptionText", "Trang trí"), new("Form.OptionFraction", "0"), new("Form.OptionFeedback", ""),
            new("Form.OptionId", ""), new("Form.OptionText", ""), new("Form.OptionFraction", "0"), new("Form.OptionFeedback", ""),
        ]);

    private static string Token(string body) => TokenField().Match(body) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No upload token on the preview.");

    [GeneratedRegex("name=\"token\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex TokenField();
}
